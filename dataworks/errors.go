package dataworks

import (
	"errors"
	"fmt"
	"strings"

	"github.com/wfc-dev/wfc/internal/apiclient"
)

// ErrAmbiguous marks an acting call (ImportWorkflowDefinition, CreatePipelineRun,
// ExecPipelineRunStage) that failed after the request was sent: a dropped connection, a cut-off
// answer or a 5xx. The server may or may not have applied it. It is never resent; the caller
// resolves it by reading state back (for an import: ListWorkflowDefinitions by name). It is the
// same sentinel for every API client of wfc.
var ErrAmbiguous = apiclient.ErrAmbiguous

// ErrRedirect marks an answer that tried to send the client elsewhere. Redirects are never
// followed, so signed requests go only to the configured endpoint.
var ErrRedirect = apiclient.ErrRedirect

// Error codes the service is known to return.
const (
	CodeSignatureDoesNotMatch = "SignatureDoesNotMatch" // V3 signature docs
	CodeMalformedSpec         = "58014884415"           // a malformed FlowSpec (notes §2, SK SKILL.md)
)

// APIError is a failed call the server answered with an Alibaba Cloud error body
// {RequestId, Code, Message, HostId, Recommend}, or an HTTP error status without one.
type APIError struct {
	Action     string // e.g. "ImportWorkflowDefinition"
	HTTPStatus int
	Code       string // e.g. "SignatureDoesNotMatch"; empty when the body had none
	Message    string
	RequestID  string
	Recommend  string // the service's diagnosis link, when given
}

func (e *APIError) Error() string {
	msg := apiclient.FormatAPIError(e.Action, e.HTTPStatus, e.Code, e.Message, e.RequestID)
	if hint := codeHints[e.Code]; hint != "" {
		msg += "; " + hint
	}
	return msg
}

// codeHints say what to do about the authentication errors a user can fix.
var codeHints = map[string]string{
	CodeSignatureDoesNotMatch:                    "check " + EnvAccessKeyID + " and " + EnvAccessKeySecret + " (the secret must belong to the key id) and that no proxy rewrites the request",
	"InvalidAccessKeyId.NotFound":                "check " + EnvAccessKeyID,
	"InvalidTimeStamp.Expired":                   "check this machine's clock (the signature date is more than 15 minutes off)",
	"InvalidSecurityToken.MismatchWithAccessKey": "set " + EnvSecurityToken + " to the token issued with this STS key (and only for STS keys)",
}

// IsNotFound reports whether err says the object (workflow, job, run) does not exist. An
// unknown access key is also a 404 "...NotFound" answer, but it is an authentication failure,
// never a sign that the object is missing.
func IsNotFound(err error) bool {
	var ae *APIError
	if !errors.As(err, &ae) || strings.HasPrefix(ae.Code, "InvalidAccessKeyId") {
		return false
	}
	return ae.HTTPStatus == 404 || strings.Contains(ae.Code, "NotFound") || strings.Contains(ae.Code, "NotExist")
}

// ambiguous marks an acting call's failure after it was sent (an answer that cannot be read
// back as success); errors.Is(err, ErrAmbiguous) holds.
func ambiguous(action string, cause error) error {
	return &apiclient.AmbiguousError{Cause: fmt.Errorf("%s: %w", action, cause)}
}

// redact returns err with every credential in its message replaced by ***.
func redact(err error, secrets []string) error { return apiclient.Redact(err, secrets) }

// cleanMessage keeps a server-supplied string on one line, free of credentials, and bounded.
func cleanMessage(s string, secrets []string) string { return apiclient.CleanMessage(s, secrets) }
