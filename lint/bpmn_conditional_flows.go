package lint

import (
	"github.com/wfc-dev/wfc/bpmn"
	"github.com/wfc-dev/wfc/diag"
)

var ruleConditionalFlows = &Rule{
	ID:          "conditional-flows",
	Severity:    diag.Error,
	Recommended: true,
	Scope:       ScopeBPMN,
	Summary:     "once one outgoing flow is conditional or default, every outgoing flow has a condition or is the default",
	Doc: "When an element has a default flow or at least one conditional outgoing flow, its " +
		"outgoing flows form a decision. A flow in that decision with neither a condition nor the " +
		"default mark is taken unconditionally, which is rarely meant and makes the decision hard " +
		"to read. Give each such flow a condition, or make it the default flow. Mirrors bpmnlint's " +
		"conditional-flows rule.",
	Check: func(p *Pass) {
		p.walk(func(el *bpmn.Element) {
			if !isConditionalFork(el) {
				return
			}
			for _, flow := range el.Outgoing {
				if !hasConditionExpression(flow) && flow != el.Default {
					p.ReportElement(flow, "sequence flow is missing a condition; add one, or make it the default flow of %s", displayName(el))
				}
			}
		})
	},
}

// isConditionalFork: el has a default flow or a conditional outgoing flow.
func isConditionalFork(el *bpmn.Element) bool {
	if el.Default != nil {
		return true
	}
	for _, flow := range el.Outgoing {
		if hasConditionExpression(flow) {
			return true
		}
	}
	return false
}

// displayName names an element in a message: its name when it has one, else its id.
func displayName(el *bpmn.Element) string {
	if n := jsTrim(el.Name); n != "" {
		return "\"" + diag.Shorten(n) + "\""
	}
	return diag.Shorten(el.ID)
}
