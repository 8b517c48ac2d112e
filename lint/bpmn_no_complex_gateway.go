package lint

import (
	"github.com/wfc-dev/wfc/bpmn"
	"github.com/wfc-dev/wfc/diag"
)

var ruleNoComplexGateway = &Rule{
	ID:          "no-complex-gateway",
	Severity:    diag.Error,
	Recommended: true,
	Scope:       ScopeBPMN,
	Summary:     "no complex gateways",
	Doc: "A complex gateway hides its behaviour in an activation condition few readers or engines " +
		"understand, and many engines do not run it. Model the same logic with exclusive, " +
		"parallel or inclusive gateways, which say what they do. Mirrors bpmnlint's " +
		"no-complex-gateway rule.",
	Check: func(p *Pass) {
		p.walk(func(el *bpmn.Element) {
			if el.Is("ComplexGateway") {
				p.ReportElement(el, "complex gateway is discouraged; model the decision with exclusive, parallel or inclusive gateways")
			}
		})
	},
}
