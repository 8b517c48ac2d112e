package lint

import (
	"github.com/wfc-dev/wfc/diag"
	"github.com/wfc-dev/wfc/workflow"
)

var wfRejectSameAsApprove = &Rule{
	ID:          "reject-same-as-approve",
	Severity:    diag.Warning,
	Recommended: true,
	Scope:       ScopeWorkflow,
	Summary:     "an approval's on_reject goes somewhere other than its approval",
	Doc: "on_reject naming the step an approval goes to anyway (its next, or the step below " +
		"it) makes a rejection run exactly what an approval runs: the block the approver " +
		"refused goes ahead. It is usually a slip for the step meant to handle the refusal. " +
		"Name that step, or end, in on_reject.",
	Check: func(p *Pass) {
		prog := p.Program()
		for _, s := range prog.Steps {
			succ := prog.Of(s)
			if !succ.OnReject.Resolved() || !sameTarget(succ.OnReject, succ.Next) {
				continue
			}
			p.Report(succ.OnReject.Range, "on_reject: %s is where approval %s goes when approved too, so a rejection runs the same steps; name the step that should handle a rejection, or end",
				succ.OnReject.Name(), stepName(s))
		}
	},
}

// sameTarget reports whether two targets lead to the same place.
func sameTarget(a, b workflow.Target) bool {
	return a.Kind == b.Kind && a.Step == b.Step
}
