package workflow

import (
	"fmt"

	"github.com/wfc-dev/wfc/diag"
	"github.com/wfc-dev/wfc/internal/suggest"
)

// The diagnostics of references that cannot be resolved as written.

func (r *resolver) errorf(at diag.Range, format string, args ...any) {
	r.diags = append(r.diags, diag.Errorf(at, diag.RuleCompile, format, args...))
}

// ref resolves a reference from step s (its next, a case's next, default or on_error) to a
// step or end. It must name a step in the same list as s (a parallel branch's steps form
// their own list), or end outside any branch; otherwise it is reported, and resolves to the
// target it names anyway (TargetNone when it names no step).
func (r *resolver) ref(s *Step, ref String, field string) Target {
	if ref.Value == EndRef {
		if s.Parent != nil {
			r.errorf(ref.Range, "%s: end leaves the branch of parallel step %q; a branch ends with its last step, and the workflow goes on after the parallel",
				field, s.Parent.Owner.ID.Value)
		}
		return Target{Kind: TargetEnd, Range: ref.Range}
	}
	target := r.p.byID[ref.Value]
	if target == nil {
		r.errorf(ref.Range, "%s", unknownStep(field, ref.Value, r.p.IDs))
		return Target{Range: ref.Range}
	}
	resolved := Target{Kind: TargetStep, Step: target, Range: ref.Range}
	if target.Parent == s.Parent {
		return resolved
	}
	if s.Parent != nil && !within(target, s.Parent) {
		r.errorf(ref.Range, "%s %q leaves the branch of parallel step %q; a branch ends with its last step, and the workflow goes on after the parallel",
			field, ref.Value, s.Parent.Owner.ID.Value)
		return resolved
	}
	owner := outermostOwnerBelow(target, s.Parent)
	r.errorf(ref.Range, "%s %q jumps into a branch of parallel step %q; go to %q instead, which runs every branch",
		field, ref.Value, owner.ID.Value, owner.ID.Value)
	return resolved
}

func unknownStep(field, id string, ids []string) string {
	// end is a valid target too, so "ned" suggests it.
	if best, ok := suggest.Closest(id, append(ids[:len(ids):len(ids)], "end")); ok {
		return fmt.Sprintf("%s %q names no step; did you mean %q?", field, diag.Shorten(id), diag.Shorten(best))
	}
	if len(ids) == 0 {
		return fmt.Sprintf("%s %q names no step; use a step id or end", field, diag.Shorten(id))
	}
	return fmt.Sprintf("%s %q names no step; use a step id (%s) or end", field, diag.Shorten(id), quoteList(ids, 5))
}

// within reports whether step s is inside branch b, at any depth.
func within(s *Step, b *Branch) bool {
	for p := s.Parent; p != nil; p = p.Owner.Parent {
		if p == b {
			return true
		}
	}
	return false
}

// outermostOwnerBelow is the parallel step, in list (the branch holding it, nil for the
// top level), whose branches contain s.
func outermostOwnerBelow(s *Step, list *Branch) *Step {
	owner := s
	for p := s.Parent; p != nil && p != list; p = p.Owner.Parent {
		owner = p.Owner
	}
	return owner
}
