package lint

import (
	"github.com/wfc-dev/wfc/bpmn"
	"github.com/wfc-dev/wfc/diag"
)

var ruleNoImplicitSplit = &Rule{
	ID:          "no-implicit-split",
	Severity:    diag.Error,
	Recommended: true,
	Scope:       ScopeBPMN,
	Summary:     "an activity or event does not fork into several unconditional flows",
	Doc: "When an activity or event has more than one outgoing sequence flow without a " +
		"condition, every one of them is taken: the flow forks in parallel, but nothing in the " +
		"diagram says so. Model the fork with a parallel gateway, or give the flows conditions " +
		"(one of them may be the default flow). Mirrors bpmnlint's rule of the same name.",
	Check: func(p *Pass) {
		p.walk(func(el *bpmn.Element) {
			if !el.IsAny("Activity", "Event") {
				return
			}
			unconditional := 0
			for _, flow := range el.Outgoing {
				if !hasConditionExpression(flow) && el.Default != flow {
					unconditional++
				}
			}
			if unconditional > 1 {
				p.ReportElement(el, "flow splits implicitly (%d unconditional outgoing flows); split with a parallel gateway or add conditions", unconditional)
			}
		})
	},
}
