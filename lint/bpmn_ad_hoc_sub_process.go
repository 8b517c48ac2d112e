package lint

import (
	"github.com/wfc-dev/wfc/bpmn"
	"github.com/wfc-dev/wfc/diag"
)

var ruleAdHocSubProcess = &Rule{
	ID:          "ad-hoc-sub-process",
	Severity:    diag.Error,
	Recommended: true,
	Scope:       ScopeBPMN,
	Summary:     "an ad-hoc sub-process has no start or end events",
	Doc: "The activities of an ad-hoc sub-process have no fixed order: each one may run when the " +
		"performer chooses, and the sub-process completes when its completion condition holds. A " +
		"start or end event contradicts that (BPMN forbids both there), so engines reject or ignore " +
		"them. Remove the start and end events and let the activities stand on their own; if the " +
		"steps do have an order, use an ordinary sub-process instead. Mirrors bpmnlint's " +
		"ad-hoc-sub-process rule.",
	Check: func(p *Pass) {
		p.walk(func(el *bpmn.Element) {
			if !el.Is("AdHocSubProcess") {
				return
			}
			for _, fe := range flowElementsOf(el) {
				switch {
				case fe.Is("StartEvent"):
					p.ReportElement(fe, "a start event is not allowed in an ad-hoc sub-process; remove it (its activities start without one)")
				case fe.Is("EndEvent"):
					p.ReportElement(fe, "an end event is not allowed in an ad-hoc sub-process; remove it (the sub-process ends by its completion condition)")
				}
			}
		})
	},
}
