// Package dataworks is a small client for the Alibaba Cloud DataWorks OpenAPI, version
// 2024-05-18 (workspaces on the new Data Studio), limited to the actions wfc needs:
// ListWorkflowDefinitions, GetWorkflowDefinition, ImportWorkflowDefinition with GetJobStatus,
// CreatePipelineRun, GetPipelineRun and ExecPipelineRunStage, plus WaitJob and WaitPipelineRun,
// which poll an import job or a publish run to its end. It signs requests with
// ACS3-HMAC-SHA256 (hand-written, stdlib only, no cloud SDK) and keeps credentials out of every
// error, log line and printed value. Package dataworkstest holds an in-memory emulator of the
// same API for tests and `wfc dev-server`; package deploy builds push (find by name, compare,
// import) and publish on this client.
//
// Reads are retried with exponential backoff and jitter on 5xx, 429, throttling codes and
// connection errors, honouring Retry-After (seconds or an HTTP-date) up to RetryPolicy.MaxDelay.
// Acting calls (import, pipeline run, stage execution) are sent exactly once; a failure after
// sending is ErrAmbiguous, to be resolved by reading state back. Redirects are never followed
// (ErrRedirect), and net/http is kept from replaying a signed request on its own. These rules
// are the same for the SecMaster client: both run on internal/apiclient.
//
// What is documented, and where:
//   - The V3 signature: canonical request, string to sign, Authorization form, headers
//     (https://www.alibabacloud.com/help/en/sdk/product-overview/v3-request-structure-and-signature,
//     and darabonba-openapi utils/client.go). Checked against two requests signed by the real Go
//     SDK (darabonba-openapi v2.2.4) in signer_test.go.
//   - Action names, parameters, their types and places, answer fields and ids as strings: the
//     official Go SDK models (github.com/aliyun/alibabacloud-go-sdk, dataworks-public-20240518)
//     and https://www.alibabacloud.com/help/en/dataworks/developer-reference/api-dataworks-public-2024-05-18-createworkflowdefinition.
//     ImportWorkflowDefinition has no DryRun; GetJobStatus.Completed is the string "True"/"False"
//     while AsyncJob.Completed is a bool; CreatePipelineRun takes ObjectIds as one form field
//     holding a JSON array; ExecPipelineRunStage takes ProjectId in the query string.
//   - Credentials from ALIBABA_CLOUD_ACCESS_KEY_ID, ALIBABA_CLOUD_ACCESS_KEY_SECRET and
//     ALIBABA_CLOUD_SECURITY_TOKEN (github.com/aliyun/credentials-go default chain); the
//     endpoint dataworks.{region}.aliyuncs.com (the SDK's endpoint map).
//   - The error body {RequestId, Code, Message, HostId, Recommend} and SignatureDoesNotMatch.
//   - Publishing: poll GetPipelineRun and start each Init stage whose earlier stages succeeded;
//     Build stages run by themselves, Check and Deploy stages wait; approval stages may need the
//     console (Alibaba's DataWorks agent skill, references/deploy-guide.md).
//   - Error code 58014884415 for a malformed FlowSpec (Alibaba's DataWorks agent skill,
//     github.com/aliyun/alibabacloud-aiops-skills).
//
// What is inferred, not documented:
//   - Which failures are safe to retry: the service does not say; 5xx and dropped connections
//     are treated as "may have been applied".
//   - ALIBABA_CLOUD_REGION_ID is a common convention, not read by the SDK; WFC_DATAWORKS_ENDPOINT
//     and WFC_DATAWORKS_PROJECT_ID are wfc's own names.
//   - Ids sent as JSON integers (SDKs before 8.0 modelled them as int64) are accepted digit for
//     digit; floats are refused.
//   - Whether ListWorkflowDefinitions' Name filter is a substring match: the docs say fuzzy, so
//     WorkflowDefinitionsNamed filters exact names on the client.
//
// Research notes with the repositories and commits consulted: design/notes/dataworks.md in the
// project's shared material.
package dataworks

// APIVersion is the x-acs-version every call sends.
const APIVersion = "2024-05-18"
