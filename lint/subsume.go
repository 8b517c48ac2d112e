package lint

import (
	"slices"

	"github.com/wfc-dev/wfc/diag"
	"github.com/wfc-dev/wfc/workflow"
)

// dropSubsumed removes, from the diagnostics of a workflow compiled from YAML, those of BPMN
// rules that only repeat what a workflow rule said about the same step: a BPMN diagnostic of
// a rule listed in some workflow rule's Subsumes is dropped when that workflow rule reported
// the step the BPMN element was compiled from (its Origin, which is the diagnostic's range),
// or a parallel step holding it. The start and end events are compiled from the workflow as
// a whole, whose range holds every step, so they count as on every step: an end event
// nothing reaches is what loop-without-exit already said.
//
// It runs before suppression comments, so a suppressed workflow diagnostic still stands for
// the BPMN ones it subsumes: silencing the mistake silences all of it.
func dropSubsumed(w *workflow.Workflow, rules []*Rule, diags diag.List) diag.List {
	subsumes := map[string][]string{} // workflow rule id -> the BPMN rule ids it subsumes
	for _, r := range rules {
		if len(r.Subsumes) > 0 {
			subsumes[r.ID] = r.Subsumes
		}
	}
	if !slices.ContainsFunc(diags, func(d diag.Diagnostic) bool { return subsumes[d.Rule] != nil }) {
		return diags // the common case, a clean workflow: no need to order its steps
	}
	steps := stepsByPosition(w)
	covered := map[string]map[*workflow.Step]bool{} // BPMN rule id -> the steps it must not repeat
	for _, d := range diags {
		s := stepAt(steps, d.Range.Start)
		if s == nil || subsumes[d.Rule] == nil {
			continue
		}
		for _, id := range subsumes[d.Rule] {
			if covered[id] == nil {
				covered[id] = map[*workflow.Step]bool{}
			}
			covered[id][s] = true
		}
	}
	if len(covered) == 0 {
		return diags
	}
	return slices.DeleteFunc(diags, func(d diag.Diagnostic) bool {
		on := covered[d.Rule]
		return on != nil && d.Element != "" && liesOn(stepAt(steps, d.Range.Start), on)
	})
}

// stepsByPosition is every step of w ordered by where it starts in the file.
func stepsByPosition(w *workflow.Workflow) []*workflow.Step {
	steps := w.AllSteps()
	slices.SortStableFunc(steps, func(a, b *workflow.Step) int {
		switch {
		case a.Range.Start.Before(b.Range.Start):
			return -1
		case b.Range.Start.Before(a.Range.Start):
			return 1
		}
		return 0
	})
	return steps
}

// stepAt is the step a position is in: the last step starting at or before it (a step's
// range records only where it starts), or nil before the first step.
func stepAt(steps []*workflow.Step, p diag.Pos) *workflow.Step {
	if !p.IsValid() {
		return nil
	}
	i, _ := slices.BinarySearchFunc(steps, p, func(s *workflow.Step, p diag.Pos) int {
		if p.Before(s.Range.Start) {
			return 1
		}
		return -1 // at or before p: keep looking right
	})
	if i == 0 {
		return nil
	}
	return steps[i-1]
}

// liesOn reports whether a position in step s (nil: in no step, the workflow as a whole) is
// on one of the reported steps: s itself or a parallel step it is nested in.
func liesOn(s *workflow.Step, reported map[*workflow.Step]bool) bool {
	if s == nil {
		return true
	}
	for ; s != nil; s = parallelOf(s) {
		if reported[s] {
			return true
		}
	}
	return false
}

// parallelOf is the parallel step whose branch holds s, or nil at the top level.
func parallelOf(s *workflow.Step) *workflow.Step {
	if s.Parent == nil {
		return nil
	}
	return s.Parent.Owner
}
