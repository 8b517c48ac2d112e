package lint

import (
	"github.com/wfc-dev/wfc/diag"
	"github.com/wfc-dev/wfc/workflow"
)

var wfUnreachableStep = &Rule{
	ID:          "unreachable-step",
	Severity:    diag.Error,
	Recommended: true,
	Scope:       ScopeWorkflow,
	Summary:     "every step can be reached from the start of the workflow",
	Doc: "A step no path from the start reaches never runs: usually the step before it jumps " +
		"away with next, or a switch sends every case elsewhere. Remove the step, or point a " +
		"next, switch case, default or on_error at it. The steps inside an unreachable parallel " +
		"step are not reported again.",
	Subsumes: []string{"no-implicit-start"},
	Check: func(p *Pass) {
		prog := p.Program()
		f := prog.Flow()
		reach := f.Reachable()
		for _, s := range prog.Steps {
			if reach[f.NodeOf(s)] || insideUnreachableParallel(f, reach, s) {
				continue
			}
			p.Report(stepRange(s), "step %s is never run: no path from the start reaches it; remove it, or point a next, case, default or on_error at it", stepName(s))
		}
	},
}

// insideUnreachableParallel reports whether s is in a branch of a parallel step that is itself
// unreachable (and so already reported).
func insideUnreachableParallel(f *workflow.Flow, reach []bool, s *workflow.Step) bool {
	for br := s.Parent; br != nil && br.Owner != nil; br = br.Owner.Parent {
		if !reach[f.NodeOf(br.Owner)] {
			return true
		}
	}
	return false
}
