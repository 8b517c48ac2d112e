// Package secmaster (the SecMaster target) turns a wfc workflow (package workflow) into exactly what SecMaster's
// create-version API takes: the request body with its taskconfig, input and output JSON
// strings and the base64 taskflow holding the BPMN 2.0 element tree (DSL.md, "What
// compilation produces").
//
// The pipeline is: the resolved program (workflow.Resolve, which also reports what cannot
// be resolved) and the shape checks (check.go) → a small graph of nodes and flows built from
// the program's targets (graph.go, joins.go) → the typed BPMN model (emit.go) → layout (bpmn/layout) → the
// request (compiler.go, taskconfig.go, params.go), whose taskflow, the xml-js tree's JSON
// written straight from the model, is encoded only when it is asked for: streamed to the
// output by Result.EmitTo (bpmn.WriteModelTaskflow), or whole by Result.Request. How a plugin
// action, an approval and a sub-workflow call are carried in the BPMN and in taskconfig is
// not public; that mapping lives in secmaster_mapping.go alone.
//
// Target (target.go) is this package as a target.Target, registered under "secmaster", the
// default target: its Check, its Compile to a *Result (the artifact, with the --emit forms
// and the BPMN model lint reads), SecMaster's JSON wrappers of a taskflow (wrappers.go) and
// its export file (export.go). The request type is secmaster/resource's, which the API
// client sends as it is; enums.go spells the workflow type and log level as the API does.
//
// # Shape of the BPMN
//
//   - One start event named "Start" and one end event named "End" (bpmnlint's
//     label-required wants events labelled; these names are what the console shows for the
//     two circles).
//   - action → serviceTask, approval → userTask, switch → exclusiveGateway with conditional
//     flows and a default flow named "otherwise", parallel (two or more branches) → a
//     diverging and a converging parallelGateway, workflow → callActivity, wait →
//     intermediateCatchEvent with a timer. A parallel with a single branch is just that
//     branch: two gateways around one path would be superfluous.
//   - A node reached from several places is entered through a joining exclusiveGateway (no
//     task, event or forking gateway has several incoming flows); a parallel branch that
//     reaches the join from several places gets its own joining exclusiveGateway first, so
//     the parallel join waits for exactly one token per branch.
//   - A userTask starts with a documentation element, empty when the step has no
//     description, as SecMaster's console writes it.
//   - on_error naming a step: an interrupting error boundary event on the service task or
//     call activity, named "On error", flowing to that step. It has no errorRef, so it
//     catches any error.
//
// # Ids
//
// Element ids have bpmn-js's shape (Activity_, Gateway_, Event_, Flow_,
// TimerEventDefinition_, ErrorEventDefinition_ and seven characters [01][0-9a-z]{6}) but
// are a hash of the step id and the element's role in it ("approve", "approve/join",
// "decide/case/2", "decide/default", "enrich/error/next", "pause/definition", ...). The
// workflow's name is not part of the hash, so renaming the workflow or editing one step
// leaves every other id alone. Ids colliding (one chance in about 4·10⁹ per pair) are
// resolved by rehashing the later element in document order.
//
// The process is Process_N (definitions diagram_Process_N, name Service_ProcessN) where N is
// a 13-digit number that looks like the epoch-millisecond ids SecMaster's editor makes:
// 1700000000000 plus the workflow name's FNV-1a hash modulo 10¹¹. Options.ProcessNumber
// overrides it, e.g. to keep the number of a workflow first drawn in the console.
package secmaster
