package lint

import (
	"github.com/wfc-dev/wfc/bpmn"
	"github.com/wfc-dev/wfc/diag"
)

var ruleSingleBlankStartEvent = &Rule{
	ID:          "single-blank-start-event",
	Severity:    diag.Error,
	Recommended: true,
	Scope:       ScopeBPMN,
	Summary:     "a process or sub-process has at most one blank start event",
	Doc: "A blank start event (one without an event definition) says \"start here\" without " +
		"saying what triggers it, so two of them in the same scope are ambiguous: nothing tells " +
		"which one is meant. Keep one blank start event per process or sub-process, and give " +
		"any other start event a trigger (message, timer, signal, ...). Mirrors bpmnlint's rule " +
		"of the same name.",
	Check: func(p *Pass) {
		p.walk(func(el *bpmn.Element) {
			if !el.Is("FlowElementsContainer") {
				return
			}
			blank := 0
			for _, fe := range flowElements(el) {
				if fe.Is("StartEvent") && len(eventDefinitions(fe)) == 0 {
					blank++
				}
			}
			if blank > 1 {
				p.ReportElement(el, "%s has %d blank start events; keep one and give the others an event definition", containerKind(el), blank)
			}
		})
	},
}
