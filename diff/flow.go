package diff

import (
	"strconv"

	"github.com/wfc-dev/wfc/workflow"
)

// caseKey is how a switch case is named in field paths on both sides, and its place among
// the cases both sides have (-1 when only one side has it).
type caseKey struct {
	label string
	rank  int
}

// pairCases matches the cases of a switch on both sides: by condition first, then by name,
// then by position. A matched case is named as new names it, so both sides share its paths.
func pairCases(old, new []*workflow.Case) (oldKeys, newKeys []caseKey) {
	oldKeys, newKeys = make([]caseKey, len(old)), make([]caseKey, len(new))
	toOld := make([]int, len(new))
	used := make([]bool, len(old))
	for i := range toOld {
		toOld[i] = -1
	}
	match := func(same func(o, n *workflow.Case, i, j int) bool) {
		for j, n := range new {
			for i, o := range old {
				if toOld[j] < 0 && !used[i] && same(o, n, i, j) {
					toOld[j], used[i] = i, true
				}
			}
		}
	}
	match(func(o, n *workflow.Case, _, _ int) bool { return o.When.Value == n.When.Value })
	match(func(o, n *workflow.Case, _, _ int) bool { return o.Name.IsSet() && o.Name.Value == n.Name.Value })
	match(func(_, _ *workflow.Case, i, j int) bool { return i == j })
	newLabel := caseLabels(new)
	rank := 0
	for j := range new {
		newKeys[j] = caseKey{label: newLabel[j], rank: -1}
		if i := toOld[j]; i >= 0 {
			newKeys[j].rank = rank
			oldKeys[i].label = newKeys[j].label
			rank++
		}
	}
	oldLabel := caseLabels(old)
	rank = 0
	for i := range old {
		if !used[i] {
			oldKeys[i] = caseKey{label: oldLabel[i], rank: -1}
			continue
		}
		oldKeys[i].rank = rank
		rank++
	}
	return oldKeys, newKeys
}

// caseLabels names each case `case "NAME"` (its name, else its condition), adding " #N"
// (its position) to a label an earlier case of the switch already has.
func caseLabels(cases []*workflow.Case) []string {
	out := make([]string, len(cases))
	seen := map[string]bool{}
	for i, c := range cases {
		out[i] = "case " + quote(c.LabelOrWhen())
		if seen[out[i]] {
			out[i] += " #" + strconv.Itoa(i+1)
		}
		seen[out[i]] = true
	}
	return out
}

// flowFields are where control goes from s, in new's step ids: its place (top level or a
// parallel branch), next, on_error when it names a step, an approval's on_reject, and a
// switch's cases and default.
func (m *stepMatch) flowFields(side *workflow.Program, s *workflow.Step, keys []caseKey) []field {
	succ := side.Of(s)
	out := []field{same("in", m.place(side, s), s.Range)}
	_, isSwitch := s.Body.(*workflow.Switch)
	if !isSwitch {
		out = append(out, m.target(side, "next", succ.Next, s))
	}
	if s.OnError().NamesStep() {
		out = append(out, m.target(side, "on_error", succ.OnError, s))
	}
	if a, ok := s.Body.(*workflow.Approval); ok && a.OnReject.IsSet() {
		out = append(out, m.target(side, "approval.on_reject", succ.OnReject, s))
	}
	for i, c := range cases(s) {
		k := keys[i]
		out = append(out, m.target(side, k.label, succ.Cases[i], s))
		out = append(out, same(k.label+".when", quote(c.When.Value), c.When.Range))
		out = str(out, k.label+".name", c.Name)
		if k.rank >= 0 {
			out = append(out, same(k.label+".order", strconv.Itoa(k.rank+1), c.Range))
		}
	}
	if isSwitch {
		out = append(out, m.target(side, "default", succ.Default, s))
	}
	return out
}

// place is where a step sits: "top level" or "branch 2 of PARALLEL".
func (m *stepMatch) place(side *workflow.Program, s *workflow.Step) string {
	if s.Parent == nil || s.Parent.Owner == nil {
		return "top level"
	}
	return "branch " + strconv.Itoa(s.Parent.Index+1) + " of " + m.id(side, s.Parent.Owner)
}

// target is a successor as a field. An implicit target ("the step below") skips the steps
// only its side has, so that adding or removing a step shows once, as that step, and not
// again as a changed next on the step before it.
func (m *stepMatch) target(side *workflow.Program, path string, t workflow.Target, s *workflow.Step) field {
	written := t.Range
	if t.Implicit {
		written = s.Range
		for t.Kind == workflow.TargetStep && m.unmatched(side, t.Step) {
			t = side.Of(t.Step).Follow
		}
	}
	var name string
	switch t.Kind {
	case workflow.TargetStep:
		name = m.id(side, t.Step)
	case workflow.TargetEnd:
		name = workflow.EndRef
	case workflow.TargetJoin:
		name = "join of " + m.id(side, t.Step)
	default:
		name = "(unknown step)"
	}
	return same(path, name, written)
}

// unmatched reports whether only side has step s.
func (m *stepMatch) unmatched(side *workflow.Program, s *workflow.Step) bool {
	if side == m.old {
		return m.toNew[s] == nil
	}
	return m.toOld[s] == nil
}

// id is a step's id as new calls it (an old step renamed in new gets its new id).
func (m *stepMatch) id(side *workflow.Program, s *workflow.Step) string {
	if side == m.old {
		if n := m.toNew[s]; n != nil {
			return n.ID.Value
		}
	}
	return s.ID.Value
}
