// Package driver takes files through wfc's phases. Workflow is the one "load, resolve,
// check, compile, lint" that lint, compile, render, diff, package and push call, for
// whatever target the workflow compiles to (docs/architecture.md).
// For `wfc lint`, File decides what a file is (a YAML workflow, BPMN XML, a taskflow or
// create-version JSON, an export file), runs every phase that applies to it (load and
// schema, compile, the lint rules) and merges the diagnostics. Paths walks files and
// directories and lints them in parallel; output is sorted, so it is the same on every run
// whatever order the workers finish in.
//
// What a file is:
//
//   - .yaml / .yml: a wfc workflow when one of its documents is a mapping with a top-level
//     `wfc` key, in any YAML style (decided by parsing, as compile reads it). YAML that
//     decodes without one (wfc.yaml itself, .pre-commit-hooks.yaml, GitHub workflows, Azure
//     Pipelines and Cloud Build files with a top-level `steps`) is skipped, whether named on
//     the command line or found in a directory. A file that does not decode (UTF-16, invalid
//     UTF-8, binary data, a YAML syntax error, over workflow.MaxFileSize) is linted either
//     way, so its error is reported: it may be a workflow that compile would fail on.
//   - .bpmn / .xml: BPMN 2.0 XML. In a directory walk an .xml file is linted only when it
//     names the BPMN model namespace.
//   - .json: a JSON array is an export file (every version of every workflow is linted);
//     an object is a taskflow envelope, a create-version request, an API response or an
//     xml-js tree (bpmn.DecodeAny tells them apart). In a directory walk a .json file is
//     linted only when it has one of those shapes' keys.
//   - any other name: told apart by content ('<' BPMN XML, '{' or '[' JSON, else YAML).
//
// A directory named to Paths in which nothing is linted is an error: an empty directory or
// one with only other tools' files is more likely a wrong path than a clean result.
package driver
