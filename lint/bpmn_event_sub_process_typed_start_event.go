package lint

import (
	"github.com/wfc-dev/wfc/bpmn"
	"github.com/wfc-dev/wfc/diag"
)

var ruleEventSubProcessTypedStartEvent = &Rule{
	ID:          "event-sub-process-typed-start-event",
	Severity:    diag.Error,
	Recommended: true,
	Scope:       ScopeBPMN,
	Summary:     "a start event in an event sub-process has an event definition",
	Doc: "An event sub-process is not entered by a sequence flow: it starts when the event on its " +
		"start event occurs (a message, timer, error, signal, ...). A blank start event there names " +
		"no trigger, so the sub-process can never start. Give the start event the event definition " +
		"that should trigger it. Mirrors bpmnlint's event-sub-process-typed-start-event rule.",
	Check: func(p *Pass) {
		p.walk(func(el *bpmn.Element) {
			if !isEventSubProcess(el) {
				return
			}
			for _, fe := range flowElementsOf(el) {
				if fe.Is("StartEvent") && len(eventDefinitionsOf(fe)) == 0 {
					p.ReportElement(fe, "start event of an event sub-process is missing an event definition; give it the trigger (message, timer, error, ...) that starts the sub-process")
				}
			}
		})
	},
}
