// Package dataworks is the DataWorks target of wfc: what a workflow compiles to for Alibaba
// Cloud DataWorks (Data Studio, OpenAPI 2024-05-18). It does not call the API; the client is
// package github.com/wfc-dev/wfc/dataworks.
//
// Target (target.go) implements target.Target for `target: dataworks` workflows:
//   - check.go: what FlowSpec cannot say (kinds DataWorks does not run, loops, on_error naming
//     a step, workflow outputs, node parameters that are not text), each at its YAML;
//   - compile.go, nodes.go: the FlowSpec document, a node per run and switch step;
//   - deps.go: dependencies from the Program's flow graph, CONTROLLER_JOIN nodes where paths
//     of a switch meet again;
//   - condition.go: a switch case's when as a CONTROLLER_BRANCH condition;
//   - artifact.go: the --emit forms (spec, request).
//
// docs/language.md ("What a DataWorks workflow compiles to") records every mapping decision.
//
// The building blocks:
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
//   - script.go: ReadScript, a run step's script file.
//
// The tests check FlowSpec documents against the published FlowSpec JSON Schemas
// (testdata/flowspec-schema, with the fix-ups listed in schema_helper_test.go).
package dataworks
