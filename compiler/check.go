package compiler

import (
	"fmt"

	"github.com/wfc-dev/wfc/diag"
	"github.com/wfc-dev/wfc/workflow"
)

// endTarget is the reserved step reference meaning "the end of the workflow".
const endTarget = "end"

// checker finds the problems the compiler cannot get past: references to steps that do not
// exist or that cross a parallel branch's boundary, duplicate or reserved ids, steps without
// a kind. It reports them all in one run, each at the place the user wrote it.
type checker struct {
	// shape says whether to report what the JSON Schema also reports (no steps, a step
	// without id or kind, the reserved id end, an empty parallel, a wait without duration).
	// CompileFile turns it off after the schema has spoken, so no problem is said twice.
	shape bool
	byID  map[string]*workflow.Step // the first step with each id
	ids   []string                  // unique step ids in declaration order, for suggestions
	diags diag.List
}

// check returns the compile errors of w and the step index the graph builder uses.
func check(w *workflow.Workflow, shape bool) (map[string]*workflow.Step, diag.List) {
	c := &checker{shape: shape, byID: map[string]*workflow.Step{}}
	if len(w.Steps) == 0 && shape {
		c.errorf(w.Range, "the workflow has no steps; add at least one under steps")
	}
	all := w.AllSteps()
	for _, s := range all {
		c.register(s)
	}
	for _, s := range all {
		c.step(s)
	}
	return c.byID, c.diags
}

func (c *checker) errorf(r diag.Range, format string, args ...any) {
	c.diags = append(c.diags, diag.Errorf(r, diag.RuleCompile, format, args...))
}

func (c *checker) register(s *workflow.Step) {
	id := s.ID
	switch {
	case !id.IsSet() || id.Value == "":
		if c.shape {
			c.errorf(s.Range, "step has no id; give it one (lower-case letters, digits and _)")
		}
	case id.Value == endTarget:
		if c.shape {
			c.errorf(id.Range, "step id \"end\" is reserved for the end of the workflow; choose another id")
		}
	default:
		if first, dup := c.byID[id.Value]; dup {
			at := first.ID.Range.Start
			c.errorf(id.Range, "duplicate step id %q; the first step with this id is at line %d, column %d; give every step its own id",
				id.Value, at.Line, at.Column)
			return
		}
		c.byID[id.Value] = s
		c.ids = append(c.ids, id.Value)
	}
}

func (c *checker) step(s *workflow.Step) {
	if s.Next.IsSet() {
		c.ref(s, s.Next, "next")
	}
	if c.shape {
		c.shapeOf(s)
	}
	switch s.Kind {
	case workflow.KindSwitch:
		for _, cs := range s.Cases {
			if cs.Next.IsSet() {
				c.ref(s, cs.Next, "next")
			}
		}
		if s.Default.IsSet() {
			c.ref(s, s.Default, "default")
		}
	case workflow.KindAction, workflow.KindWorkflow:
		if v := s.OnError.Value; s.OnError.IsSet() && v != "fail" && v != "continue" {
			c.ref(s, s.OnError, "on_error")
		}
	}
}

// shapeOf reports the step shapes the graph builder cannot handle and the schema rejects.
func (c *checker) shapeOf(s *workflow.Step) {
	switch s.Kind {
	case workflow.KindUnknown:
		c.errorf(s.Range, "step %q has no kind; give it exactly one of action, approval, switch, parallel, workflow or wait", s.ID.Value)
	case workflow.KindParallel:
		if len(s.Branches) == 0 {
			c.errorf(s.KindRange, "parallel step %q has no branches; give it at least one {steps: [...]}", s.ID.Value)
		}
		for _, br := range s.Branches {
			if len(br.Steps) == 0 {
				c.errorf(br.Range, "this branch of parallel step %q has no steps; give it steps or remove it", s.ID.Value)
			}
		}
	case workflow.KindWait:
		if !s.Wait.IsSet() {
			c.errorf(s.KindRange, "wait needs a duration such as 30s or 5m")
		}
	}
}

// ref checks a reference from step s (its next, a case's next, default or on_error) to a
// step or end: it must name a step in the same list as s (a parallel branch's steps form
// their own list), or end outside any branch.
func (c *checker) ref(s *workflow.Step, ref workflow.String, field string) {
	if ref.Value == endTarget {
		if s.Parent != nil {
			c.errorf(ref.Range, "%s: end leaves the branch of parallel step %q; a branch ends with its last step, and the workflow goes on after the parallel",
				field, s.Parent.Owner.ID.Value)
		}
		return
	}
	target, ok := c.byID[ref.Value]
	if !ok {
		c.errorf(ref.Range, "%s", unknownStep(field, ref.Value, c.ids))
		return
	}
	if target.Parent == s.Parent {
		return
	}
	if s.Parent != nil && !within(target, s.Parent) {
		c.errorf(ref.Range, "%s %q leaves the branch of parallel step %q; a branch ends with its last step, and the workflow goes on after the parallel",
			field, ref.Value, s.Parent.Owner.ID.Value)
		return
	}
	owner := outermostOwnerBelow(target, s.Parent)
	c.errorf(ref.Range, "%s %q jumps into a branch of parallel step %q; go to %q instead, which runs every branch",
		field, ref.Value, owner.ID.Value, owner.ID.Value)
}

func unknownStep(field, id string, ids []string) string {
	if best := closest(id, ids); best != "" {
		return fmt.Sprintf("%s %q names no step; did you mean %q?", field, diag.Shorten(id), diag.Shorten(best))
	}
	if len(ids) == 0 {
		return fmt.Sprintf("%s %q names no step; use a step id or end", field, diag.Shorten(id))
	}
	return fmt.Sprintf("%s %q names no step; use a step id (%s) or end", field, diag.Shorten(id), quoteList(ids, 5))
}

// within reports whether step s is inside branch b, at any depth.
func within(s *workflow.Step, b *workflow.Branch) bool {
	for p := s.Parent; p != nil; p = p.Owner.Parent {
		if p == b {
			return true
		}
	}
	return false
}

// outermostOwnerBelow is the parallel step, in list (the branch holding it, nil for the
// top level), whose branches contain s.
func outermostOwnerBelow(s *workflow.Step, list *workflow.Branch) *workflow.Step {
	owner := s
	for p := s.Parent; p != nil && p != list; p = p.Owner.Parent {
		owner = p.Owner
	}
	return owner
}
