package decompile

import (
	"sort"
	"strings"

	"github.com/wfc-dev/wfc/bpmn"
	lang "github.com/wfc-dev/wfc/decompile"
	smtarget "github.com/wfc-dev/wfc/target/secmaster"
)

// stepList is one list of steps: the top level, or one branch of a parallel step.
type stepList struct {
	nodes []*rnode
	fork  *rnode          // the parallel step; nil at the top level
	set   map[*rnode]bool // every node inside the branch, nested ones included
}

// resolve is where flow f leads, through joining gateways.
func (r *reader) resolve(f *bpmn.Element) target {
	n := r.nodes[f.TargetRef]
	for hops := 0; n != nil && (n.role == roleJoin || n.role == 0 && len(n.out) == 1); hops++ {
		if hops > len(r.order) {
			r.fail(n.el, "joining gateways %s form a loop with no step in it", n.el.ID)
			return target{end: true}
		}
		n = r.nodes[n.out[0].TargetRef]
	}
	if n == nil || n.role == roleEnd || n.role == 0 {
		// The end, or a node that cannot be carried (reported): --force ends there.
		return target{end: true}
	}
	return target{n: n}
}

// condition is a sequence flow's condition expression, "" when it has none.
func condition(f *bpmn.Element) string {
	for _, c := range f.Children {
		if c.Tag == "conditionExpression" {
			return strings.TrimSpace(c.Body)
		}
	}
	return ""
}

// outcomeOf is approval n's on_reject gateway, when n flows into one exactly as the
// compiler draws it: named Rejected?, with a flow "rejected" on the rejected condition and a
// default flow "approved". Anything else is read as an ordinary switch.
func (r *reader) outcomeOf(n *rnode) *rnode {
	if len(n.out) != 1 {
		return nil
	}
	gw := r.nodes[n.out[0].TargetRef]
	if gw == nil || gw.el.Type != "ExclusiveGateway" || gw.el.Name != smtarget.OutcomeGatewayName ||
		len(gw.out) != 2 || r.incoming(gw) != 1 {
		return nil
	}
	rejected, approved := gw.out[0], gw.out[1]
	if gw.el.Default == rejected {
		rejected, approved = approved, rejected
	}
	if gw.el.Default != approved || rejected.Name != smtarget.RejectedFlowName || approved.Name != smtarget.ApprovedFlowName ||
		condition(rejected) != smtarget.RejectedCondition(n.step.ID) || condition(approved) != "" {
		return nil
	}
	return gw
}

// outcomeStepID is the step id the condition of approval n's on_reject gateway names, when
// n flows into one drawn as wfc draws it; "" otherwise. The condition carries the approval's
// step id even where its wfc:step attribute was lost.
func (r *reader) outcomeStepID(n *rnode) string {
	if n.el.Type != "UserTask" || len(n.out) != 1 {
		return ""
	}
	gw := r.nodes[n.out[0].TargetRef]
	if gw == nil || gw.el.Name != smtarget.OutcomeGatewayName {
		return ""
	}
	const marker = "\x00"
	prefix, suffix, _ := strings.Cut(smtarget.RejectedCondition(marker), marker)
	for _, f := range gw.out {
		c := condition(f)
		if id, ok := strings.CutPrefix(c, prefix); ok && strings.HasSuffix(id, suffix) {
			return strings.TrimSuffix(id, suffix)
		}
	}
	return ""
}

// successors are the nodes control can go to from n, joins resolved.
func (r *reader) successors(n *rnode) []target {
	var out []target
	flows := n.out
	if n.outcome != nil {
		flows = n.outcome.out
	}
	for _, f := range flows {
		out = append(out, r.resolve(f))
	}
	if n.errorEvent != nil {
		out = append(out, r.resolve(n.errorEvent.out[0]))
	}
	return out
}

// structure works out the step lists: which steps are in which parallel branch, in
// document order (the order wfc compiles steps in), each list starting at its entry.
func (r *reader) structure() *stepList {
	r.claimOutcomes()
	r.inFlowOrder = !r.writtenByWFC()
	top := r.assignLists(r.innermostBranches())
	if len(r.start.out) == 0 {
		return top
	}
	if first := r.resolve(r.start.out[0]); first.n != nil && first.n.list == top {
		moveToFront(top, first.n)
		r.flowOrder(top)
	} else if first.n != nil {
		r.fail(first.n.el, "the start event flows into a parallel branch; a wfc workflow starts at its first top-level step")
	}
	return top
}

// claimOutcomes reads each approval's on_reject gateway as part of the approval.
func (r *reader) claimOutcomes() {
	for _, n := range r.steps() {
		if n.role == roleStep && n.step.Kind == lang.KindApproval {
			if gw := r.outcomeOf(n); gw != nil {
				n.outcome, gw.role = gw, roleOutcome
				delete(r.ids, gw.step.ID) // no step: its id is free
				gw.step = nil
			}
		}
	}
}

// innermostBranches finds every parallel step's branches and says, for each node inside
// one, the innermost (the smallest) that holds it.
func (r *reader) innermostBranches() map[*rnode]*stepList {
	var branches []*stepList
	for _, n := range r.steps() {
		if n.step.Kind == lang.KindParallel {
			branches = append(branches, r.branches(n)...)
		}
	}
	for _, n := range r.order {
		if n.role == roleParallelJoin && n.fork == nil {
			n.role = roleJoin // a parallel gateway with one way in and out, or a stray one
		}
	}
	sort.SliceStable(branches, func(i, j int) bool { return len(branches[i].set) > len(branches[j].set) })
	inner := map[*rnode]*stepList{}
	for _, b := range branches { // the smallest written last
		for n := range b.set {
			inner[n] = b
		}
	}
	return inner
}

// assignLists puts every step in its list, in document order, and returns the top level.
func (r *reader) assignLists(inner map[*rnode]*stepList) *stepList {
	top := &stepList{}
	reached := r.reachable()
	var unreached []*rnode
	last := top // the list of the node before, in document order
	for _, n := range r.order {
		switch {
		case n.role == roleParallelJoin && n.fork != nil:
			last = n.fork.list
		case n.role != roleStep:
		case inner[n] != nil:
			n.list = inner[n]
		case reached[n]:
			n.list = top
		case r.inFlowOrder:
			unreached = append(unreached, n) // placed by placeUnreached
		default:
			// A step nothing leads to: where wfc compiles steps, in declaration order,
			// after the step before it in its list (or that step's join).
			n.list = last
		}
		if n.list != nil && n.role == roleStep {
			n.list.nodes = append(n.list.nodes, n)
			last = n.list
		}
	}
	for _, n := range unreached {
		n.succ = r.successors(n)
	}
	placeUnreached(unreached, top)
	return top
}

// placeUnreached puts each step nothing leads to, in a diagram drawn elsewhere (whose
// document order says nothing), in the list of a step it leads to, or at the top level.
func placeUnreached(unreached []*rnode, top *stepList) {
	for changed := true; changed; {
		changed = false
		for _, n := range unreached {
			if n.list != nil {
				continue
			}
			for _, t := range n.succ {
				if t.n != nil && t.n.role == roleStep && t.n.list != nil {
					n.list, changed = t.n.list, true
					n.list.nodes = append(n.list.nodes, n)
					break
				}
			}
		}
	}
	for _, n := range unreached {
		if n.list == nil {
			n.list = top
			top.nodes = append(top.nodes, n)
		}
	}
}

func moveToFront(l *stepList, n *rnode) {
	for i, m := range l.nodes {
		if m == n {
			copy(l.nodes[1:i+1], l.nodes[:i])
			l.nodes[0] = n
			return
		}
	}
}

// branches finds parallel step fork's joining gateway and the nodes of each branch.
func (r *reader) branches(fork *rnode) []*stepList {
	heads := make([]*rnode, 0, len(fork.out))
	for _, f := range fork.out {
		t := r.resolve(f)
		if t.n == nil || t.n.role == roleParallelJoin {
			r.fail(fork.el, "parallel gateway %s has a branch with no step in it; wfc's branches have steps", fork.el.ID)
			return nil
		}
		heads = append(heads, t.n)
	}
	// wfc writes a parallel's join after its branches' steps: try that one first, which
	// costs a walk of the branches, before searching the graph.
	fork.join = r.bracketedJoin(fork)
	if fork.join == nil || !r.branchesMeetAt(fork, heads, fork.join) {
		fork.join = r.nearestCommonJoin(fork, heads)
	}
	if fork.join != nil {
		fork.join.fork = fork
	}
	if fork.join == nil {
		r.fail(fork.el, "the branches of parallel gateway %s never meet at a joining parallel gateway; wfc's parallel branches join", fork.el.ID)
		return nil
	}
	var out []*stepList
	seen := map[*rnode]bool{}
	for _, h := range heads {
		b := &stepList{fork: fork, set: map[*rnode]bool{}}
		r.walk(h, func(n *rnode) bool { return n != fork.join && n != fork }, func(n *rnode) { b.set[n] = true }, func() {
			r.fail(h.el, "a branch of parallel gateway %s reaches the end without its join; wfc's branches end at the join", fork.el.ID)
		})
		for n := range b.set {
			if seen[n] {
				r.fail(n.el, "%s is in two branches of parallel gateway %s; wfc's branches are separate", describe(n.el), fork.el.ID)
			}
			seen[n] = true
		}
		out = append(out, b)
	}
	return out
}

// branchesMeetAt reports whether the branches from heads stay inside fork's parallel until
// join: no path leaves them for the end, and control comes back to the fork only through
// join.
func (r *reader) branchesMeetAt(fork *rnode, heads []*rnode, join *rnode) bool {
	for _, h := range heads {
		leaks := false
		r.walk(h, func(n *rnode) bool {
			leaks = leaks || n == fork
			return n != join && n != fork
		}, func(*rnode) {}, func() { leaks = true })
		if leaks {
			return false
		}
	}
	return true
}

// walk visits every node reachable from start through nodes enter accepts; atEnd is called
// when the walk reaches the end.
func (r *reader) walk(start *rnode, enter func(*rnode) bool, visit func(*rnode), atEnd func()) {
	seen := map[*rnode]bool{start: true}
	queue := []*rnode{start}
	endSeen := false
	for len(queue) > 0 {
		n := queue[0]
		queue = queue[1:]
		visit(n)
		for _, t := range r.successors(n) {
			switch {
			case t.end:
				if !endSeen && atEnd != nil {
					atEnd()
				}
				endSeen = true
			case !seen[t.n] && enter(t.n):
				seen[t.n] = true
				queue = append(queue, t.n)
			}
		}
	}
}

// nearestCommonJoin is the joining parallel gateway where the branches from heads meet.
func (r *reader) nearestCommonJoin(fork *rnode, heads []*rnode) *rnode {
	farthest := map[*rnode]int{}
	reached := map[*rnode]int{}
	for _, h := range heads {
		dist := map[*rnode]int{h: 0}
		queue := []*rnode{h}
		for len(queue) > 0 {
			n := queue[0]
			queue = queue[1:]
			if n.role == roleParallelJoin {
				reached[n]++
				farthest[n] = max(farthest[n], dist[n])
			}
			for _, t := range r.successors(n) {
				// Back at the fork, a path has left the parallel: a branch is entered
				// only through it.
				if t.n != nil && t.n != fork {
					if _, ok := dist[t.n]; !ok {
						dist[t.n] = dist[n] + 1
						queue = append(queue, t.n)
					}
				}
			}
		}
	}
	// Reached from every head (no branch can leave its parallel, so the nearest such is the
	// join); else a branch loops for ever, and the document says: wfc writes a parallel's
	// join after its branches' steps, nested parallels bracketed inside.
	var best *rnode
	for _, n := range r.order {
		if reached[n] == len(heads) && (best == nil || farthest[n] < farthest[best]) {
			best = n
		}
	}
	if best == nil {
		best = r.bracketedJoin(fork)
	}
	if best == nil {
		// A branch loops for ever and the document says nothing: the join most branches
		// reach, nearest first (the loop is reported as one with no exit).
		for _, n := range r.order {
			if reached[n] > 0 && (best == nil || reached[n] > reached[best] || reached[n] == reached[best] && farthest[n] < farthest[best]) {
				best = n
			}
		}
	}
	return best
}

// bracketedJoin is the joining parallel gateway that closes fork in document order, or nil.
func (r *reader) bracketedJoin(fork *rnode) *rnode {
	depth := 0
	for _, n := range r.order[fork.order+1:] {
		switch {
		case n.role == roleStep && n.step.Kind == lang.KindParallel:
			depth++
		case n.role == roleParallelJoin && depth == 0:
			return n
		case n.role == roleParallelJoin:
			depth--
		}
	}
	return nil
}

// reachable is the set of nodes control can reach from the start.
func (r *reader) reachable() map[*rnode]bool {
	reached := map[*rnode]bool{}
	if len(r.start.out) == 0 {
		return reached
	}
	if first := r.resolve(r.start.out[0]); first.n != nil {
		r.walk(first.n, func(*rnode) bool { return true }, func(n *rnode) { reached[n] = true }, nil)
	}
	return reached
}

// checkFinish reports the steps from which the workflow can never finish: a loop with no
// exit cannot be carried (wfc refuses to lint one clean, and its meaning is a hang).
func (r *reader) checkFinish() {
	// Walk back from the end: a node finishes when one of its successors does.
	preds := map[*rnode][]*rnode{}
	var queue []*rnode
	finishes := map[*rnode]bool{}
	for _, n := range r.order {
		for _, t := range r.successors(n) {
			if t.end && !finishes[n] {
				finishes[n] = true
				queue = append(queue, n)
			} else if !t.end {
				preds[t.n] = append(preds[t.n], n)
			}
		}
	}
	for len(queue) > 0 {
		n := queue[0]
		queue = queue[1:]
		for _, p := range preds[n] {
			if !finishes[p] {
				finishes[p] = true
				queue = append(queue, p)
			}
		}
	}
	reached := r.reachable()
	for _, n := range r.order {
		if reached[n] && !finishes[n] && n.role == roleStep {
			r.fail(n.el, "%s is in a loop with no exit: no path from it reaches the end, so wfc cannot carry it", describe(n.el))
			return
		}
	}
}

// writtenByWFC reports whether every step's element has the id wfc gives it: then the
// document lists the steps in the order they were declared, which decompile keeps, so the
// YAML compiles to the same bytes. A diagram drawn elsewhere lists them as they were drawn,
// and is put in flow order instead (flowOrder).
func (r *reader) writtenByWFC() bool {
	for _, n := range r.steps() {
		if n.el.ID != smtarget.CompiledID(n.el.Type, n.step.ID) {
			return false
		}
	}
	return true
}

// flowOrder puts list l, whose entry is first, in the order control runs through it: each
// step followed by where it goes when nothing branches (its next, a switch's default, an
// approval's approval, what follows a parallel), then its other ways out, and the steps
// nothing leads to last, in document order; so most steps fall through instead of naming
// their next. It does nothing for a diagram wfc wrote.
func (r *reader) flowOrder(l *stepList) {
	if !r.inFlowOrder || len(l.nodes) < 2 {
		return
	}
	in := make(map[*rnode]bool, len(l.nodes))
	for _, n := range l.nodes {
		in[n] = true
	}
	order := make([]*rnode, 0, len(l.nodes))
	seen := map[*rnode]bool{}
	var visit func(n *rnode)
	visit = func(n *rnode) {
		if n == nil || !in[n] || seen[n] {
			return
		}
		seen[n] = true
		order = append(order, n)
		visit(r.usual(n).n)
		for _, t := range r.successors(n) {
			visit(t.n)
		}
	}
	visit(l.nodes[0])
	for _, n := range l.nodes {
		if !seen[n] {
			order = append(order, n)
		}
	}
	l.nodes = order
}

// usual is where control goes after n when nothing branches.
func (r *reader) usual(n *rnode) target {
	switch {
	case n.step.Kind == lang.KindParallel && n.join != nil && len(n.join.out) == 1:
		return r.resolve(n.join.out[0])
	case n.outcome != nil:
		for _, f := range n.outcome.out {
			if f == n.outcome.el.Default {
				return r.resolve(f)
			}
		}
	case n.step.Kind == lang.KindSwitch:
		if n.el.Default != nil {
			return r.resolve(n.el.Default)
		}
	case len(n.out) == 1:
		return r.resolve(n.out[0])
	}
	return target{}
}
