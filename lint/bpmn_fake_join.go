package lint

import (
	"github.com/wfc-dev/wfc/bpmn"
	"github.com/wfc-dev/wfc/diag"
)

var ruleFakeJoin = &Rule{
	ID:          "fake-join",
	Severity:    diag.Warning,
	Recommended: true,
	Scope:       ScopeBPMN,
	Summary:     "a task or event has at most one incoming flow",
	Doc: "Several sequence flows into one task or event do not join: the element runs once for " +
		"every token that arrives, so two parallel branches meeting at a task run it twice. Put a " +
		"gateway in front of the element to say what is meant: a parallel gateway to wait for all " +
		"branches, an exclusive gateway to merge alternatives. Mirrors bpmnlint's fake-join rule.",
	Check: func(p *Pass) {
		p.walk(func(el *bpmn.Element) {
			if el.IsAny("Activity", "Event") && len(el.Incoming) > 1 {
				p.ReportElement(el, "incoming flows do not join (the element runs once per arriving token); merge them with a gateway in front of it")
			}
		})
	},
}
