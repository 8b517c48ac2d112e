package secmaster

import "slices"

// insertJoins makes every place where flows meet explicit, as bpmnlint's fake-join and
// no-gateway-join-fork rules want and as the engine needs:
//   - a task, event or forking gateway reached by several flows is entered through a new
//     joining exclusive gateway (key "<step>/join", "@end/join" for the end event);
//   - a parallel join receives exactly one flow per branch: a branch that reaches it by
//     several flows gets a joining exclusive gateway of its own ("<step>/branch/<i>/join"),
//     since a parallel gateway waits for a token on every incoming flow.
//
// Each joining gateway is placed just before the node it feeds, so the document reads in
// flow order. Runs in O(nodes + edges).
func insertJoins(g *graph) {
	linkIncoming(g.edges)
	g.reserve(joinsNeeded(g))
	joinAt(g, g.end)
	for _, n := range g.steps {
		joinAt(g, n)
	}
}

// joinsNeeded is how many joining gateways and flows insertJoins adds: one for each node
// reached by several flows, and one for each branch that reaches a parallel join by several
// (see joinBranches). Exact, so that the graph's arrays have no unused room: an estimate of
// one for every two flows into a parallel join made twice the room a generated workflow
// uses (issue 8, item 20).
func joinsNeeded(g *graph) (nodes, edges int) {
	var perSlot []int // scratch for branchJoins, reused from join to join
	count := func(n *node) {
		switch {
		case n.parallelJoin:
			var joins int
			joins, perSlot = branchJoins(n, perSlot)
			nodes += joins
		case n.inCount > 1:
			nodes++
		}
	}
	count(g.end)
	for _, n := range g.steps {
		count(n)
	}
	return nodes, nodes
}

// branchJoins is how many joining gateways joinBranches puts in front of parallel join n:
// one for each slot (a branch, or the flows from outside any branch) whose flows reach n
// several at a time. perSlot is scratch space, returned grown for the next call.
func branchJoins(n *node, perSlot []int) (int, []int) {
	slots := 0 // flows of branch bi count in slot bi+1, as in joinBranches
	for _, e := range n.in {
		slots = max(slots, e.branch+2)
	}
	perSlot = slices.Grow(perSlot[:0], slots)[:slots]
	clear(perSlot)
	joins := 0
	for _, e := range n.in {
		slot := e.branch + 1
		perSlot[slot]++
		if perSlot[slot] == 2 {
			joins++
		}
	}
	return joins, perSlot
}

// joinAt inserts the joining gateways in front of node n.
func joinAt(g *graph, n *node) {
	if n.parallelJoin {
		joinBranches(g, n)
		return
	}
	if len(n.in) > 1 {
		merge(g, n.in, n, n.key.with("/join"), -1)
	}
}

// linkIncoming fills each node's in with the flows that reach it, in flow order. The lists
// are cut from one array, sized by a first pass that counts them: appending grew a list per
// node, ~1,500 allocations per 1,000 steps (issue 8, item 20). Each list's capacity is its
// length, so a later append copies it rather than writing into its neighbour's.
func linkIncoming(edges []*edge) {
	for _, e := range edges {
		e.to.inCount++
	}
	slab := make([]*edge, len(edges))
	for _, e := range edges {
		n := e.to
		if n.in == nil {
			n.in, slab = slab[:0:n.inCount], slab[n.inCount:]
		}
		n.in = append(n.in, e)
	}
}

// joinBranches gives each branch of a parallel join that arrives by several flows its own
// joining gateway, keeping the join's flows in branch order. The flows are grouped by a
// counting sort on their branch index: linear, and two arrays where a map of lists cost an
// allocation per branch.
func joinBranches(g *graph, join *node) {
	slots := 0 // flows of branch bi go to slot bi+1; slot 0 holds any outside a branch
	for _, e := range join.in {
		slots = max(slots, e.branch+2)
	}
	bounds := make([]int, 2*slots+1) // the flows of slot i are grouped[bounds[i]:bounds[i+1]]
	next := bounds[slots+1:]         // where the next flow of slot i goes
	for _, e := range join.in {
		bounds[e.branch+2]++
	}
	for i := range slots {
		bounds[i+1] += bounds[i]
	}
	copy(next, bounds[:slots])
	grouped := make([]*edge, len(join.in))
	for _, e := range join.in {
		grouped[next[e.branch+1]] = e
		next[e.branch+1]++
	}
	// Merge in the order the branches first reach the join, the order of their flows.
	stepKey := keyOf(join.step.ID.Value)
	for _, e := range join.in {
		slot := e.branch + 1
		if in := grouped[bounds[slot]:bounds[slot+1]:bounds[slot+1]]; e == in[0] && len(in) > 1 {
			merge(g, in, join, stepKey.with("/branch/").withInt(e.branch).with("/join"), e.branch)
		}
	}
	// Rebuild the join's incoming list from the edges that still end at it.
	kept := join.in[:0]
	for _, e := range join.in {
		if e.to == join {
			kept = append(kept, e)
		}
	}
	join.in = kept
}

// merge redirects the flows in into a new joining gateway and adds one flow from it to
// target; branch is the index recorded on that flow (for a parallel join). The gateway
// keeps in as its incoming list.
func merge(g *graph, in []*edge, target *node, key roleKey, branch int) {
	gw := g.newNode()
	gw.key, gw.typ, gw.step, gw.origin = key, "ExclusiveGateway", target.step, target.origin
	target.joinsBefore = append(target.joinsBefore, gw)
	for _, e := range in {
		e.to = gw
	}
	gw.in = in
	out := g.newEdge()
	out.key, out.from, out.to, out.origin, out.branch = key.with("/next"), gw, target, target.origin, branch
	if target.parallelJoin {
		target.in = append(target.in, out)
	} else {
		target.in = []*edge{out}
	}
}
