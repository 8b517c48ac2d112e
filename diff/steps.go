package diff

import (
	"strconv"
	"strings"

	"github.com/wfc-dev/wfc/workflow"
)

// stepMatch pairs the steps of two programs: by id, then renames (see the package doc).
type stepMatch struct {
	old, new *workflow.Program
	toNew    map[*workflow.Step]*workflow.Step // old step → its new step
	toOld    map[*workflow.Step]*workflow.Step // new step → its old step
}

func matchSteps(old, new *workflow.Program) *stepMatch {
	m := &stepMatch{old: old, new: new, toNew: map[*workflow.Step]*workflow.Step{}, toOld: map[*workflow.Step]*workflow.Step{}}
	for _, n := range new.Steps {
		if o := old.Lookup(n.ID.Value); o != nil && new.Lookup(n.ID.Value) == n {
			m.pair(o, n)
		}
	}
	m.matchRenames()
	return m
}

func (m *stepMatch) pair(o, n *workflow.Step) {
	m.toNew[o], m.toOld[n] = n, o
}

// matchRenames pairs an added step with a removed one when their content (all but the id and
// where control goes) is the same and no other added or removed step has that content.
func (m *stepMatch) matchRenames() {
	removed := map[string][]*workflow.Step{}
	for _, o := range m.old.Steps {
		if m.toNew[o] == nil {
			sig := signature(o)
			removed[sig] = append(removed[sig], o)
		}
	}
	added := map[string][]*workflow.Step{}
	var order []string
	for _, n := range m.new.Steps {
		if m.toOld[n] == nil {
			sig := signature(n)
			if len(added[sig]) == 0 {
				order = append(order, sig)
			}
			added[sig] = append(added[sig], n)
		}
	}
	for _, sig := range order {
		if len(added[sig]) == 1 && len(removed[sig]) == 1 {
			m.pair(removed[sig][0], added[sig][0])
		}
	}
}

// signature is a step's content as one string, for finding renames.
func signature(s *workflow.Step) string {
	var b strings.Builder
	for _, f := range contentFields(s) {
		b.WriteString(f.path + "=" + f.key + "\n")
	}
	for _, c := range cases(s) {
		b.WriteString("case=" + c.When.Value + "\n")
	}
	return b.String()
}

// steps lists the step changes in new's order; a removed step comes after the step it
// followed in old (the nearest earlier old step that new still has), or first.
func steps(old, new *workflow.Program) []Change {
	m := matchSteps(old, new)
	removedAfter := map[*workflow.Step][]*workflow.Step{} // new step → removed old steps after it
	var removedFirst []*workflow.Step
	var anchor *workflow.Step
	for _, o := range old.Steps {
		switch n := m.toNew[o]; {
		case n != nil:
			anchor = n
		case anchor == nil:
			removedFirst = append(removedFirst, o)
		default:
			removedAfter[anchor] = append(removedAfter[anchor], o)
		}
	}
	var out []Change
	for _, o := range removedFirst {
		out = append(out, removedStep(o))
	}
	for _, n := range new.Steps {
		out = append(out, m.stepChanges(n)...)
		for _, o := range removedAfter[n] {
			out = append(out, removedStep(o))
		}
	}
	return out
}

func removedStep(o *workflow.Step) Change {
	return Change{Op: Removed, Scope: ScopeStep, Name: o.ID.Value, Note: "(" + kindNote(o) + ")"}
}

// stepChanges is what changed in new step n: all of it when it is added.
func (m *stepMatch) stepChanges(n *workflow.Step) []Change {
	id := n.ID.Value
	o := m.toOld[n]
	if o == nil {
		return []Change{{Op: Added, Scope: ScopeStep, Name: id, Note: "(" + kindNote(n) + ") " + placeNote(n, m.new.Workflow.Steps), At: at(n.Range)}}
	}
	var out []Change
	if o.ID.Value != id {
		out = append(out, Change{Op: Changed, Scope: ScopeStep, Name: id, Field: "id", Old: o.ID.Value, New: id, At: at(n.ID.Range)})
	}
	oldCases, newCases := pairCases(cases(o), cases(n))
	oldFields := append(contentFields(o), m.flowFields(m.old, o, oldCases)...)
	newFields := append(contentFields(n), m.flowFields(m.new, n, newCases)...)
	return append(out, compareFields(ScopeStep, id, oldFields, newFields)...)
}

// kindNote is a step's kind and what it runs: "action slack/post_message", "wait 5m".
func kindNote(s *workflow.Step) string { return s.Summary() }

// cases are a switch step's cases; nil for the other kinds.
func cases(s *workflow.Step) []*workflow.Case {
	if sw, ok := s.Body.(*workflow.Switch); ok {
		return sw.Cases
	}
	return nil
}

// placeNote says where an added step sits: after the step before it in its list, first in a
// parallel branch, or at the start.
func placeNote(s *workflow.Step, top []*workflow.Step) string {
	list := s.Parent
	switch {
	case s.Index > 0 && list != nil:
		return "after " + list.Steps[s.Index-1].ID.Value
	case s.Index > 0:
		return "after " + top[s.Index-1].ID.Value
	case list != nil && list.Owner != nil:
		return "first in branch " + strconv.Itoa(list.Index+1) + " of " + list.Owner.ID.Value
	}
	return "at the start"
}

// contentFields are what a step does, without its id and where control goes.
func contentFields(s *workflow.Step) []field {
	out := []field{same("kind", s.KindKey(), s.KindRange)}
	out = str(out, "name", s.Name)
	out = str(out, "description", s.Description)
	sink := &fieldSink{out: out}
	s.Values(sink)
	out = sink.out
	if p := s.Platform; p != nil && p.SecMaster != nil { // written back verbatim: a change
		out = entries(out, "platform.secmaster.attributes", p.SecMaster.Attributes)
		out = entries(out, "platform.secmaster.taskconfig", p.SecMaster.Taskconfig)
	}
	return out
}
