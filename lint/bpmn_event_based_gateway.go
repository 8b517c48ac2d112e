package lint

import (
	"github.com/wfc-dev/wfc/bpmn"
	"github.com/wfc-dev/wfc/diag"
)

var ruleEventBasedGateway = &Rule{
	ID:          "event-based-gateway",
	Severity:    diag.Error,
	Recommended: true,
	Scope:       ScopeBPMN,
	Summary:     "an event-based gateway has at least two outgoing flows, none of them conditional",
	Doc: "An event-based gateway waits for the first of several events and follows the flow to the " +
		"one that happens. With fewer than two outgoing flows there is no race to decide, and a " +
		"condition on one of its flows makes no sense because the event, not a condition, picks the " +
		"path. Give the gateway two or more outgoing flows, each to the event it waits for, and " +
		"remove conditions from them (use an exclusive gateway to decide on data). Mirrors " +
		"bpmnlint's event-based-gateway rule.",
	Check: func(p *Pass) {
		p.walk(func(el *bpmn.Element) {
			if !el.Is("EventBasedGateway") {
				return
			}
			if len(el.Outgoing) < 2 {
				p.ReportElement(el, "an event-based gateway must have at least 2 outgoing sequence flows, each leading to an event it waits for")
			}
			for _, flow := range el.Outgoing {
				if hasConditionExpression(flow) {
					p.ReportElement(flow, "a sequence flow out of an event-based gateway must not be conditional; remove the condition (the first event to occur picks the path)")
				}
			}
		})
	},
}
