package lint

import (
	"github.com/wfc-dev/wfc/diag"
)

var wfLoopWithoutExit = &Rule{
	ID:          "loop-without-exit",
	Severity:    diag.Error,
	Recommended: true,
	Scope:       ScopeWorkflow,
	Summary:     "every loop has a way out",
	Doc: "A loop (a next, case or default back to an earlier step) must have an edge that " +
		"leaves it, or the workflow runs until SecMaster kills it. The loop is reported once, at " +
		"its first step in file order, naming its steps. Give it a switch whose case or default " +
		"leads past the loop, or to end. An on_error jump out of the loop counts as a way out.",
	Subsumes: []string{"no-implicit-start", "no-disconnected"},
	Check: func(p *Pass) {
		f := p.Flow()
		loops, _ := exitlessLoops(f)
		for _, l := range loops {
			if len(l.steps) == 0 {
				continue
			}
			first := l.steps[0]
			if len(l.steps) == 1 {
				p.Report(stepRange(first), "step %s loops back to itself forever; add a switch with a case or default that leaves the loop", stepName(first))
				continue
			}
			p.Report(stepRange(first), "steps %s loop forever: nothing leads out of the loop; add a switch with a case or default that leaves it", l.describe())
		}
	},
}
