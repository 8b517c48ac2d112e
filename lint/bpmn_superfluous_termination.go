package lint

import (
	"github.com/wfc-dev/wfc/bpmn"
	"github.com/wfc-dev/wfc/diag"
)

var ruleSuperfluousTermination = &Rule{
	ID:          "superfluous-termination",
	Severity:    diag.Warning,
	Recommended: true,
	Scope:       ScopeBPMN,
	Summary:     "a terminate end event is used only where other paths may still run",
	Doc: "A terminate end event stops every other token of its process or sub-process. When " +
		"it is the only way the scope ends (besides interrupting event sub-processes), there " +
		"are no other tokens to stop and a plain end event says the same thing more simply. " +
		"Use a plain end event there, and keep termination for scopes where parallel paths " +
		"must be cut short. Like bpmnlint it only recognises this basic case, without flow " +
		"analysis. Mirrors bpmnlint's rule of the same name.",
	Check: func(p *Pass) {
		p.walk(func(el *bpmn.Element) {
			if !el.IsAny("Process", "SubProcess") {
				return
			}
			var terminates []*bpmn.Element
			others := false
			for _, fe := range flowElements(el) {
				if !fe.Is("FlowNode") || len(fe.Outgoing) != 0 {
					continue
				}
				switch {
				case isTerminateEnd(fe):
					terminates = append(terminates, fe)
				case !isInterruptingEventSubProcess(fe):
					others = true
				}
			}
			if len(terminates) == 1 && !others {
				p.ReportElement(terminates[0], "termination is superfluous: no other path of this %s can still run; use a plain end event", containerKind(el))
			}
		})
	},
}

func isTerminateEnd(el *bpmn.Element) bool {
	if !el.Is("EndEvent") {
		return false
	}
	for _, d := range eventDefinitions(el) {
		if d.Is("TerminateEventDefinition") {
			return true
		}
	}
	return false
}

// isInterruptingEventSubProcess reports an event sub-process with an interrupting start
// event (isInterrupting defaults to true, as in the BPMN schema).
func isInterruptingEventSubProcess(el *bpmn.Element) bool {
	if !isEventSubProcess(el) {
		return false
	}
	for _, fe := range flowElements(el) {
		if fe.Is("StartEvent") && moddleBool(fe, "isInterrupting", true) {
			return true
		}
	}
	return false
}
