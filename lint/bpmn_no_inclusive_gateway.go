package lint

import (
	"github.com/wfc-dev/wfc/bpmn"
	"github.com/wfc-dev/wfc/diag"
)

var ruleNoInclusiveGateway = &Rule{
	ID:          "no-inclusive-gateway",
	Severity:    diag.Warning,
	Recommended: true,
	Scope:       ScopeBPMN,
	Summary:     "inclusive gateways are avoided",
	Doc: "An inclusive (OR) gateway takes every outgoing flow whose condition holds, and its " +
		"join waits for an unknown subset of tokens; both are hard to read and easy to get " +
		"wrong. Use exclusive gateways for choices and parallel gateways for forks instead. " +
		"Mirrors bpmnlint's rule of the same name.",
	Check: func(p *Pass) {
		p.walk(func(el *bpmn.Element) {
			if el.Is("InclusiveGateway") {
				p.ReportElement(el, "inclusive gateways are discouraged; use exclusive or parallel gateways")
			}
		})
	},
}
