package lint

import (
	"github.com/wfc-dev/wfc/bpmn"
	"github.com/wfc-dev/wfc/diag"
)

var ruleSubProcessBlankStartEvent = &Rule{
	ID:          "sub-process-blank-start-event",
	Severity:    diag.Error,
	Recommended: true,
	Scope:       ScopeBPMN,
	Summary:     "a start event inside a sub-process is blank",
	Doc: "A normal sub-process starts when its incoming sequence flow reaches it, so a trigger " +
		"(message, timer, ...) on its start event can never fire. Remove the event definition; " +
		"if the sub-process really is started by an event, make it an event sub-process " +
		"(triggeredByEvent). Mirrors bpmnlint's rule of the same name.",
	Check: func(p *Pass) {
		p.walk(func(el *bpmn.Element) {
			if !el.Is("SubProcess") || isEventSubProcess(el) {
				return
			}
			for _, fe := range flowElements(el) {
				if fe.Is("StartEvent") && len(eventDefinitions(fe)) > 0 {
					p.ReportElement(fe, "start event of a sub-process must be blank; remove its event definition or make the sub-process an event sub-process")
				}
			}
		})
	},
}
