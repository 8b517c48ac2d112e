package lint

import (
	"github.com/wfc-dev/wfc/bpmn"
	"github.com/wfc-dev/wfc/diag"
)

var ruleNoGatewayJoinFork = &Rule{
	ID:          "no-gateway-join-fork",
	Severity:    diag.Error,
	Recommended: true,
	Scope:       ScopeBPMN,
	Summary:     "a gateway does not join and fork at the same time",
	Doc: "A gateway with several incoming and several outgoing flows joins and forks in one symbol, " +
		"and readers (and engines) disagree on what it waits for before it splits. Use two gateways: " +
		"one that joins the incoming flows, followed by one that forks. Mirrors bpmnlint's " +
		"no-gateway-join-fork rule.",
	Check: func(p *Pass) {
		p.walk(func(el *bpmn.Element) {
			if el.Is("Gateway") && len(el.Incoming) > 1 && len(el.Outgoing) > 1 {
				p.ReportElement(el, "gateway forks and joins; split it into a joining gateway followed by a forking one")
			}
		})
	},
}
