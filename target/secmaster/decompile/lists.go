package decompile

import (
	"strconv"
	"strings"

	"github.com/wfc-dev/wfc/bpmn"
	lang "github.com/wfc-dev/wfc/decompile"
)

// exit is where a list's last step goes when it says nothing: the end for the top level,
// the join for a branch.
func (l *stepList) exit() target {
	if l.fork == nil {
		return target{end: true}
	}
	return target{n: l.fork.join}
}

// emitList turns a list of nodes into steps, writing next, cases, default, on_error and
// on_reject in step ids, and leaving out a next that names the step below.
func (r *reader) emitList(l *stepList) []*lang.Step {
	out := make([]*lang.Step, 0, len(l.nodes))
	for i, n := range l.nodes {
		fall := l.exit()
		if i+1 < len(l.nodes) {
			fall = target{n: l.nodes[i+1]}
		}
		r.connect(n, l, fall)
		n.emitted = true
		out = append(out, n.step)
	}
	return out
}

// connect sets the fields of n's step that say where control goes; fall is where it goes
// when they say nothing.
func (r *reader) connect(n *rnode, l *stepList, fall target) {
	s := n.step
	switch s.Kind {
	case lang.KindSwitch:
		r.connectSwitch(n, l, fall)
	case lang.KindParallel:
		if n.join == nil {
			return
		}
		var branches [][]*lang.Step
		for _, b := range r.branchLists(n) {
			if b == l || b.fork != n {
				r.fail(n.el, "the branches of parallel gateway %s cannot be told apart from the steps around it", n.el.ID)
				continue
			}
			branches = append(branches, r.emitList(b))
		}
		s.Branches = branches
		s.Next = r.nextRef(n, l, fall, r.only(n.join))
	case lang.KindApproval:
		if n.outcome != nil {
			rejected, approved := n.outcome.out[0], n.outcome.out[1]
			if n.outcome.el.Default == rejected {
				rejected, approved = approved, rejected
			}
			s.Approval.OnReject = r.ref(n, l, r.resolve(rejected), "on_reject")
			s.Next = r.nextRef(n, l, fall, r.resolve(approved))
			return
		}
		s.Next = r.nextRef(n, l, fall, r.only(n))
	default:
		s.Next = r.nextRef(n, l, fall, r.only(n))
		if n.errorEvent != nil {
			s.OnError = r.ref(n, l, r.resolve(n.errorEvent.out[0]), "on_error")
		}
	}
}

// only is where n's one outgoing flow leads; a node with none falls through, as in the
// language, and says so.
func (r *reader) only(n *rnode) target {
	switch len(n.out) {
	case 1:
		f := n.out[0]
		if condition(f) != "" {
			r.fail(f, "flow %s leaving %s has a condition; wfc has conditions only on a switch's cases", f.ID, describe(n.el))
		}
		if f.Name != "" && n.outcome == nil {
			r.warnf(f, "the name %q of flow %s is not kept: wfc names only case and default flows", f.Name, f.ID)
		}
		return r.resolve(f)
	case 0:
		r.warnf(n.el, "%s has no outgoing flow; compiled, it flows to the step below it (or the end)", describe(n.el))
		return target{}
	}
	r.fail(n.el, "%s has %d outgoing flows; only gateways branch in a wfc workflow (the first is kept)", describe(n.el), len(n.out))
	return r.resolve(n.out[0])
}

// nextRef is the next of a step whose control goes to t: "" when that is where it falls.
func (r *reader) nextRef(n *rnode, l *stepList, fall, t target) string {
	if t == (target{}) || t == fall {
		return ""
	}
	if l.fork != nil && t.n == l.fork.join {
		r.fail(n.el, "%s goes to the join of its parallel branch without being the branch's last step; wfc cannot say that", describe(n.el))
		return ""
	}
	return r.ref(n, l, t, "next")
}

// ref names target t for a reference from a step of list l: a step of the same list, or
// end at the top level.
func (r *reader) ref(n *rnode, l *stepList, t target, what string) string {
	switch {
	case t.end && l.fork == nil:
		return "end"
	case t.end:
		r.fail(n.el, "%s: its %s ends the workflow from inside a parallel branch; wfc's branches end at their join", describe(n.el), what)
		return "end"
	case t.n.list != l:
		r.fail(n.el, "%s: its %s goes to %s, across a parallel branch's boundary, which wfc cannot say", describe(n.el), what, describe(t.n.el))
	}
	if t.n.step == nil {
		return ""
	}
	return t.n.step.ID
}

func (r *reader) connectSwitch(n *rnode, l *stepList, fall target) {
	s := n.step
	var def *bpmn.Element
	for _, f := range n.out {
		cond := condition(f)
		switch {
		case f == n.el.Default:
			def = f
		case cond == "" && def == nil && n.el.Default == nil:
			def = f
		case cond == "":
			r.fail(f, "flow %s leaves exclusive gateway %s without a condition and is not its default; wfc's cases have conditions", f.ID, n.el.ID)
		default:
			t := r.resolve(f)
			c := &lang.Case{Name: f.Name, When: cond}
			if !strings.HasPrefix(cond, "${") || !strings.HasSuffix(cond, "}") {
				r.fail(f, "the condition %q of flow %s is not a ${...} expression, the only kind wfc's when holds", cond, f.ID)
			}
			if l.fork != nil && t.n == l.fork.join {
				r.fail(f, "case %s of %s goes to the join of its parallel branch; wfc's cases name a step", f.ID, describe(n.el))
			} else {
				c.Next = r.ref(n, l, t, "case "+strconv.Quote(caseLabel(c)))
			}
			if c.Name == "" {
				r.warnf(f, "case flow %s has no name; compiled, it is labelled with its condition", f.ID)
			}
			s.Cases = append(s.Cases, c)
		}
	}
	if len(s.Cases) == 0 {
		r.fail(n.el, "%s has no flow with a condition; a wfc switch has at least one case", describe(n.el))
	}
	if def == nil {
		r.warnf(n.el, "%s has no default flow; compiled, it gains one to the step below it", describe(n.el))
		return
	}
	if def.Name != "otherwise" && def.Name != "" {
		r.warnf(def, "the name %q of default flow %s is not kept: wfc names it \"otherwise\"", def.Name, def.ID)
	}
	t := r.resolve(def)
	if t == fall && l.fork != nil && t.n == l.fork.join {
		return // the last step of a branch falls to the join: nothing to write
	}
	if l.fork != nil && t.n == l.fork.join {
		r.fail(def, "the default flow of %s goes to the join of its parallel branch; wfc cannot say that from a step that is not the branch's last", describe(n.el))
		return
	}
	s.Default = r.ref(n, l, t, "default")
}

func caseLabel(c *lang.Case) string {
	if c.Name != "" {
		return c.Name
	}
	return c.When
}

// branchLists are the lists of parallel step n, in the order of its outgoing flows.
func (r *reader) branchLists(n *rnode) []*stepList {
	var out []*stepList
	for _, f := range n.out {
		head := r.resolve(f).n
		if head == nil || head.list == nil {
			continue
		}
		moveToFront(head.list, head)
		r.flowOrder(head.list)
		r.joinLast(head.list)
		out = append(out, head.list)
	}
	return out
}

// joinLast moves the step of branch l that goes on to the join to the end of the branch,
// where the language has it: a branch reaches its join only by falling off its last step.
// wfc writes it there; a modeler may have drawn it anywhere.
func (r *reader) joinLast(l *stepList) {
	join := target{n: l.fork.join}
	for i, n := range l.nodes {
		if i == 0 || i == len(l.nodes)-1 {
			continue // the entry stays first; the last is where it should be
		}
		for _, t := range r.successors(n) {
			if t == join {
				l.nodes = append(append(l.nodes[:i:i], l.nodes[i+1:]...), n)
				return
			}
		}
	}
}
