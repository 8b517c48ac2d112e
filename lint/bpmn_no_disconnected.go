package lint

import (
	"github.com/wfc-dev/wfc/bpmn"
	"github.com/wfc-dev/wfc/diag"
)

var ruleNoDisconnected = &Rule{
	ID:          "no-disconnected",
	Severity:    diag.Error,
	Recommended: true,
	Scope:       ScopeBPMN,
	Summary:     "every task, gateway, sub-process and event is connected by a sequence flow",
	Doc: "A task, gateway, sub-process or event with neither incoming nor outgoing sequence flows " +
		"is never reached and never leads anywhere: it is dead or forgotten. Connect it to the flow " +
		"or remove it. Event sub-processes, compensation handlers and compensation boundary events " +
		"(linked by associations instead) and the contents of ad-hoc sub-processes are exempt. " +
		"Mirrors bpmnlint's no-disconnected rule.",
	Check: func(p *Pass) {
		p.walk(func(el *bpmn.Element) {
			if !el.IsAny("Task", "Gateway", "SubProcess", "Event") || isEventSubProcess(el) {
				return
			}
			if isCompensationBoundary(el) || (el.Is("Activity") && isForCompensation(el)) {
				return
			}
			if el.Parent.Is("AdHocSubProcess") {
				return
			}
			if len(el.Incoming) == 0 && len(el.Outgoing) == 0 {
				p.ReportElement(el, "element is not connected; connect it with sequence flows or remove it")
			}
		})
	},
}

// isCompensationBoundary: a boundary event whose only event definition is a compensation.
func isCompensationBoundary(el *bpmn.Element) bool {
	if !el.Is("BoundaryEvent") {
		return false
	}
	defs := eventDefinitionsOf(el)
	return len(defs) == 1 && defs[0].Is("CompensateEventDefinition")
}
