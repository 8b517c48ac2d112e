// Package deploy pushes a compiled DataWorks workflow (a FlowSpec document) to a workspace and
// publishes it, through the signed client of package dataworks. It is the DataWorks
// counterpart of package publish (SecMaster) and shares none of its code: the two platforms
// identify workflows differently.
//
// # Identity
//
// DataWorks assigns its own ids (19-digit strings), so a workflow is found by its name and a
// node by its name within the workflow; wfc keeps no state file and never trusts an id it made
// up. Plan lists every page of ListWorkflowDefinitions for both workflow kinds (the server's
// name filter is fuzzy and its type filter defaults to CycleWorkflow) and keeps the exact name;
// two workflows with the name are an error. Apply sends ImportWorkflowDefinition with the
// deployed workflow's id, each matched node's id (and the ids of their script, trigger and
// other parts) and every reference to them (a dependency's nodeId and output, an output's data)
// in place of the compiled ones, so an edit updates the same workflow and nodes in place.
//
// New nodes keep the compiler's ids. The published FlowSpec schema requires a node id, and a
// dependency names its node by id, so an import cannot leave them out; the service creates an
// object whose id does not exist. A compiled id that is a number is refused, since it could
// name an existing object: the compiler's ids are names such as "extract".
//
// A node the compiled spec no longer has is left out of the import. What the service does with
// it is not documented (the emulator removes it); should the service keep it, the read-back
// after the import lists it in Result.StoredDifferently.
//
// # Comparison
//
// Plan reads the deployed spec with its scripts (GetWorkflowDefinition, IncludeScriptContent)
// and compares it with the compiled one semantically: key order and JSON layout, ids, the
// envelope's version, references (compared by the name of the node they point to), the order
// of nodes and of a node's upstream nodes (each named by its node's name, whether the
// dependency names the node's id or its own output, WORKFLOW.STEP as wfc names it; the outputs
// themselves are compared as written, since they carry the step id), whether a dependency (on a node, or on the project
// root dw_scheduler_pre_root) is stated in the workflow's dependencies or in the node's
// inputs.nodeOutputs (the service mirrors one into the other), and trailing
// blanks or CRLF line ends in a script's content do not count. A member only the deployed side has is not a change when it is
// server-owned (owner, metadata, createTime, modifyTime, uuid, isDefault, and commandTypeId,
// derived from the command), when it holds the service's default for it (the values
// sdk-import-example.json of the 2024-05-18 API shows: startTime 1970-01-01 00:00:00, endTime
// 9999-01-01 00:00:00, rerunTimes 3, rerunInterval 180000, instanceMode T+1, ...), or when it
// is an object of such members only (a strategy of defaults). The output named by an object's
// own id, which the service gives every workflow and node, is not compared; an empty value
// (null, "", [], an object of empty members) counts as absent. These rules are checked
// against workflows as the service stores them (testdata/server). Everything else
// is a change, reported at the deepest path that holds it: "~ node extract: script.content:
// OLD → NEW", "+ node report", "- node old", "~ node load: depends on: [...] → [...]".
//
// After a successful import, Apply reads the workflow back (its id, for a create) and compares
// it with what was sent: what the service stored otherwise (a field it drops or rewrites) is
// listed in Result.StoredDifferently, since the next plan would see it as a change again.
//
// # Sent once
//
// ImportWorkflowDefinition and CreatePipelineRun change state and are sent once. When an
// import's answer is lost (a timeout, a dropped connection, a 5xx: dataworks.ErrAmbiguous),
// Apply looks the workflow up by name and compares its spec with the compiled one, at once and
// then after 1, 2, 4, 8, 8 ... seconds up to WorkflowPlan.ConfirmWait (30 s): found, the import
// landed (Result.Resolved); not found, the error is marked ErrUnknownOutcome and nothing is
// resent. Deploying again is then safe: the plan reads what is deployed first, so it neither
// duplicates the workflow nor imports the same content twice. A lost answer to
// CreatePipelineRun is reported the same way; the API gives wfc no look-up of a workflow's
// runs, so the error says to check the console before publishing again.
//
// # Publishing
//
// Publish runs CreatePipelineRun (type Online, the workflow as its one object) and
// dataworks.Client.WaitPipelineRun, which starts each stage that waits for
// ExecPipelineRunStage and ends with success or a *dataworks.PipelineError naming the failing
// stage and its message.
//
// Credentials never reach a plan, a result or an error: the client redacts every message it
// passes on, and plans hold only spec values.
package deploy
