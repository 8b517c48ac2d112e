package lint

import (
	"github.com/wfc-dev/wfc/diag"
	"github.com/wfc-dev/wfc/workflow"
)

var wfNoPathToEnd = &Rule{
	ID:          "no-path-to-end",
	Severity:    diag.Error,
	Recommended: true,
	Scope:       ScopeWorkflow,
	Summary:     "the end of the workflow can be reached from every step",
	Doc: "Once the workflow reaches a step from which no path leads to the end, it can never " +
		"finish: every path ends in a loop with no exit, or at a step whose next, case or " +
		"on_error targets name no step. The rule reports where such a doomed stretch begins " +
		"(the first step of it that a step still able to finish leads to), not each step of " +
		"it, and not the steps of the loop itself, which loop-without-exit reports. Unreachable " +
		"steps are left to unreachable-step.",
	Subsumes: []string{"no-implicit-start", "no-disconnected"},
	Check: func(p *Pass) {
		prog := p.Program()
		f := prog.Flow()
		reach, toEnd := f.Reachable(), f.ReachesEnd()
		loops, loopOf := exitlessLoops(f)
		trap := trapLoops(f, loops, loopOf)
		for _, s := range prog.Steps {
			n := f.NodeOf(s)
			if !reach[n] || toEnd[n] || loopOf[n] >= 0 || !entersDoom(f, n, toEnd) {
				continue
			}
			if t := trap[n]; t >= 0 {
				p.Report(stepRange(s), "once step %s runs the workflow can never finish: its paths end in the loop %s, which never exits; give that loop a way out", stepName(s), loops[t].describe())
				continue
			}
			p.Report(stepRange(s), "once step %s runs the workflow can never finish: no path from it reaches the end; check the next, case, default and on_error targets after it", stepName(s))
		}
	},
}

// entersDoom reports whether node n (which cannot reach the end) has a predecessor that is the
// start or can still reach the end: n is where a doomed stretch begins.
func entersDoom(f *workflow.Flow, n int, toEnd []bool) bool {
	for _, e := range f.In(n) {
		if e.From == workflow.StartNode || toEnd[e.From] {
			return true
		}
	}
	return false
}

// trapLoops gives, for every node, an exitless loop some path from it enters (the first in
// file order when several), or -1. Each loop in turn claims, by a backward search, the nodes
// no earlier loop claimed, so every node is visited once.
func trapLoops(f *workflow.Flow, loops []loop, loopOf []int) []int {
	trap := make([]int, len(f.Nodes))
	for i := range trap {
		trap[i] = -1
	}
	members := make([][]int, len(loops))
	for n, l := range loopOf {
		if l >= 0 {
			members[l] = append(members[l], n)
		}
	}
	for l, nodes := range members {
		stack := nodes
		for _, n := range nodes {
			trap[n] = l
		}
		for len(stack) > 0 {
			n := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			for _, e := range f.In(n) {
				if trap[e.From] < 0 {
					trap[e.From] = l
					stack = append(stack, e.From)
				}
			}
		}
	}
	return trap
}
