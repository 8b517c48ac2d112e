// Package dataworks is the DataWorks target of wfc: what a workflow compiles to for Alibaba
// Cloud DataWorks (Data Studio, OpenAPI 2024-05-18). It does not call the API; the client is
// package github.com/wfc-dev/wfc/dataworks.
//
// What is here so far, the building blocks of the compiler:
//   - flowspec.go, flowspec_json.go: Go types for the FlowSpec document, the Spec string that
//     ImportWorkflowDefinition takes and GetWorkflowDefinition returns ({version, kind,
//     spec: {workflows: [{script, trigger, strategy, nodes, dependencies}]}}); Marshal writes
//     it deterministically, Decode reads the server's form and keeps members wfc does not
//     model verbatim (Extra), so a fetched spec can be compared or passed through unchanged.
//   - nodetypes*.go: every node type of DataWorks' CodeProgramType (ODPS_SQL, DIDE_SHELL,
//     PYTHON, HOLOGRES_SQL, DI …) with its code, script language, the file extension a
//     decompiler writes, and the data source type it requires; LookupNodeType and
//     NodeTypeError (with did-you-mean). Documented facts name their source; the few inferred
//     ones are in nodetypes_inferred.go.
//   - cron.go: ValidateCron, a validator for the Quartz cron expressions DataWorks schedules
//     with, whose problems carry byte offsets for positioning inside a YAML scalar.
//
// The tests check FlowSpec documents against the published FlowSpec JSON Schemas
// (testdata/flowspec-schema, with the fix-ups listed in schema_helper_test.go).
//
// What comes next: the compile from workflow.Program (a `target: dataworks` workflow, with
// `run` steps, `schedule` and `path`) to a Document, following the mapping in the DSL design
// ("Target dataworks"): a CycleWorkflow with a Scheduler trigger or a ManualWorkflow, one node
// per run step, dependencies on upstream node outputs for sequence, next and parallel, a
// CONTROLLER_BRANCH node for switch and, where a step follows the switch whichever arm ran, a
// CONTROLLER_JOIN node (an arm that was not selected ends "not run", and a node depending on
// it directly would not run either); and the DataWorks lint rules built on the node-type
// table and ValidateCron.
package dataworks
