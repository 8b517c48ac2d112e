package lint

import (
	"github.com/wfc-dev/wfc/bpmn"
	"github.com/wfc-dev/wfc/diag"
)

var ruleSingleEventDefinition = &Rule{
	ID:          "single-event-definition",
	Severity:    diag.Error,
	Recommended: true,
	Scope:       ScopeBPMN,
	Summary:     "an event has at most one event definition",
	Doc: "An event with several event definitions (say a message and a timer) is a \"multiple\" " +
		"event whose meaning differs between catching and throwing and that few engines run. " +
		"Split it into separate events, for example behind an event-based gateway. Mirrors " +
		"bpmnlint's rule of the same name.",
	Check: func(p *Pass) {
		p.walk(func(el *bpmn.Element) {
			if !el.Is("Event") {
				return
			}
			if n := len(eventDefinitions(el)); n > 1 {
				p.ReportElement(el, "event has %d event definitions; split it into one event per definition", n)
			}
		})
	},
}
