package lint

import (
	"github.com/wfc-dev/wfc/bpmn"
	"github.com/wfc-dev/wfc/diag"
)

var ruleSuperfluousGateway = &Rule{
	ID:          "superfluous-gateway",
	Severity:    diag.Warning,
	Recommended: true,
	Scope:       ScopeBPMN,
	Summary:     "a gateway splits or joins flows",
	Doc: "A gateway with exactly one incoming and one outgoing sequence flow neither splits " +
		"nor joins anything; it only adds a shape to read. Remove it and connect its source to " +
		"its target directly. Mirrors bpmnlint's rule of the same name.",
	Check: func(p *Pass) {
		p.walk(func(el *bpmn.Element) {
			if el.Is("Gateway") && len(el.Incoming) == 1 && len(el.Outgoing) == 1 {
				p.ReportElement(el, "gateway is superfluous: it has only one incoming and one outgoing flow; remove it and connect them directly")
			}
		})
	},
}
