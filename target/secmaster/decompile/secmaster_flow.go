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
	for _, n := range r.steps() {
		if n.role == roleStep && n.step.Kind == lang.KindApproval {
			if gw := r.outcomeOf(n); gw != nil {
				n.outcome, gw.role = gw, roleOutcome
				delete(r.ids, gw.step.ID) // no step: its id is free
				gw.step = nil
			}
		}
	}
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
	// The innermost branch holding a node is its list: the smallest, written last.
	sort.SliceStable(branches, func(i, j int) bool { return len(branches[i].set) > len(branches[j].set) })
	inner := map[*rnode]*stepList{}
	for _, b := range branches {
		for n := range b.set {
			inner[n] = b
		}
	}
	top := &stepList{}
	reached := r.reachable()
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
	if len(r.start.out) == 0 {
		return top
	}
	if first := r.resolve(r.start.out[0]); first.n != nil && first.n.list == top {
		moveToFront(top, first.n)
	} else if first.n != nil {
		r.fail(first.n.el, "the start event flows into a parallel branch; a wfc workflow starts at its first top-level step")
	}
	return top
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
