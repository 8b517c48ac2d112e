// Package check is the lint driver behind `wfc lint`: it decides what a file is (a YAML
// workflow, BPMN XML, a taskflow or create-version JSON, an export file), runs every phase
// that applies to it (load and schema, compile, the lint rules) and merges the diagnostics.
// Paths walks files and directories and lints them in parallel; output is sorted, so it is
// the same on every run whatever order the workers finish in.
//
// What a file is:
//
//   - .yaml / .yml: a wfc workflow when it has a top-level `wfc:` key (or a top-level
//     `steps:` key, so that a workflow missing `wfc: 1` is reported rather than skipped).
//     Other YAML (wfc.yaml itself, .pre-commit-hooks.yaml, GitHub workflows) is skipped,
//     whether named on the command line or found in a directory.
//   - .bpmn / .xml: BPMN 2.0 XML. In a directory walk an .xml file is linted only when it
//     names the BPMN model namespace.
//   - .json: a JSON array is an export file (every version of every workflow is linted);
//     an object is a taskflow envelope, a create-version request, an API response or an
//     xml-js tree (bpmn.DecodeAny tells them apart). In a directory walk a .json file is
//     linted only when it has one of those shapes' keys.
//   - any other name: told apart by content ('<' BPMN XML, '{' or '[' JSON, else YAML).
package check
