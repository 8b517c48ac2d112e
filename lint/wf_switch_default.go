package lint

import (
	"github.com/wfc-dev/wfc/diag"
	"github.com/wfc-dev/wfc/workflow"
)

var wfSwitchDefault = &Rule{
	ID:          "switch-default",
	Severity:    diag.Warning,
	Recommended: true,
	Scope:       ScopeWorkflow,
	Summary:     "every switch says where to go when no case holds",
	Doc: "The schema allows a switch without default; wfc then compiles the gateway's default " +
		"flow to whatever follows the switch (the next step, the end, or the end of its " +
		"parallel branch). That is easy to miss when reading the workflow, and it is often not " +
		"what was meant: an unexpected value silently takes the path written just below. " +
		"Write default: explicitly, naming the step (or end) to take.",
	Check: func(p *Pass) {
		prog := p.Program()
		for _, s := range prog.Steps {
			if sw, ok := s.Body.(*workflow.Switch); !ok || sw.Default.IsSet() {
				continue
			}
			if next := prog.Of(s).Follow.Name(); next != "" {
				p.Report(s.KindRange, "switch %s has no default: when no case holds the flow goes on to %s; write default: %s to say so, or name the step to take", stepName(s), next, next)
				continue
			}
			p.Report(s.KindRange, "switch %s has no default: when no case holds its parallel branch ends; write default: with the step to take", stepName(s))
		}
	},
}
