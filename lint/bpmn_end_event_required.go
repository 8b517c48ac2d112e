package lint

import (
	"github.com/wfc-dev/wfc/bpmn"
	"github.com/wfc-dev/wfc/diag"
)

var ruleEndEventRequired = &Rule{
	ID:          "end-event-required",
	Severity:    diag.Error,
	Recommended: true,
	Scope:       ScopeBPMN,
	Summary:     "every process and sub-process has an end event",
	Doc: "A process or sub-process without an end event only ends implicitly, when its last token " +
		"runs out of flows, which hides where the flow is meant to finish and what result it has. " +
		"Add an end event at the end of every path. Ad-hoc sub-processes are exempt (they may not " +
		"contain end events). Mirrors bpmnlint's end-event-required rule.",
	Check: func(p *Pass) {
		p.walk(func(el *bpmn.Element) {
			if !el.IsAny("Process", "SubProcess") || el.Is("AdHocSubProcess") {
				return
			}
			for _, fe := range flowElementsOf(el) {
				if fe.Is("EndEvent") {
					return
				}
			}
			kind := "process"
			if el.Is("SubProcess") {
				kind = "sub process"
			}
			p.ReportElement(el, "%s is missing an end event; add one where its flow finishes", kind)
		})
	},
}
