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
	joins := joinsNeeded(g)
	g.reserve(joins, joins)
	j := joiner{g: g, gateways: make([]*node, 0, joins), outs: make([]*edge, 0, joins)}
	j.at(g.end)
	for _, n := range g.steps {
		j.at(n)
	}
}

// joiner inserts the joining gateways of a graph. The gateways and the flows leaving them
// are listed in two arrays made once at their final size, and the nodes' join lists and
// incoming lists are cut from them: a node's gateways are made one after another, so its
// list is a run of the array (issue 8, item 20: a list of each per joined node, and two
// scratch arrays per parallel join, were ~570 allocations per 1,000 steps).
type joiner struct {
	g        *graph
	gateways []*node // joining gateways, in the order they are made
	outs     []*edge // the flow leaving each of gateways
	// bounds and grouped are joinBranches' scratch space, reused from join to join.
	bounds  []int
	grouped []*edge
}

// joinsNeeded is how many joining gateways insertJoins adds, each with one flow: one for
// each node reached by several flows, and one for each branch that reaches a parallel join
// by several (see joinBranches). Exact, so that the graph's arrays have no unused room: an
// estimate of one for every two flows into a parallel join made twice the room a generated
// workflow uses (issue 8, item 20).
func joinsNeeded(g *graph) int {
	joins := 0
	var perSlot []int // scratch for branchJoins, reused from join to join
	count := func(n *node) {
		switch {
		case n.parallelJoin:
			var branch int
			branch, perSlot = branchJoins(n, perSlot)
			joins += branch
		case n.inCount > 1:
			joins++
		}
	}
	count(g.end)
	for _, n := range g.steps {
		count(n)
	}
	return joins
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

// at inserts the joining gateways in front of node n.
func (j *joiner) at(n *node) {
	if n.parallelJoin {
		j.joinBranches(n)
		return
	}
	if len(n.in) > 1 {
		j.merge(n.in, n, n.key.with("/join"), -1)
		n.in = j.outs[len(j.outs)-1:] // the one flow from the gateway
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
// counting sort on their branch index: linear, and no map of lists.
func (j *joiner) joinBranches(join *node) {
	slots := 0 // flows of branch bi go to slot bi+1; slot 0 holds any outside a branch
	for _, e := range join.in {
		slots = max(slots, e.branch+2)
	}
	// The flows of slot i are grouped[bounds[i]:bounds[i+1]]; next[i] is where the next
	// flow of slot i goes.
	j.bounds = slices.Grow(j.bounds[:0], 2*slots+1)[:2*slots+1]
	clear(j.bounds)
	bounds, next := j.bounds, j.bounds[slots+1:]
	for _, e := range join.in {
		bounds[e.branch+2]++
	}
	for i := range slots {
		bounds[i+1] += bounds[i]
	}
	copy(next, bounds[:slots])
	j.grouped = slices.Grow(j.grouped[:0], len(join.in))[:len(join.in)]
	grouped := j.grouped
	for _, e := range join.in {
		grouped[next[e.branch+1]] = e
		next[e.branch+1]++
	}
	// Merge in the order the branches first reach the join, the order of their flows.
	stepKey := keyOf(join.step.ID.Value)
	firstOut := len(j.outs)
	for _, e := range join.in {
		slot := e.branch + 1
		if in := grouped[bounds[slot]:bounds[slot+1]:bounds[slot+1]]; e == in[0] && len(in) > 1 {
			j.merge(in, join, stepKey.with("/branch/").withInt(e.branch).with("/join"), e.branch)
		}
	}
	// The join's incoming list: the flows that still end at it, then the gateways' flows.
	// It fits where it is: each gateway took two flows or more for its one.
	kept := join.in[:0]
	for _, e := range join.in {
		if e.to == join {
			kept = append(kept, e)
		}
	}
	join.in = append(kept, j.outs[firstOut:]...)
}

// merge redirects the flows in into a new joining gateway, put in front of target after
// any target already has, and adds one flow from it to target (the last of j.outs); branch
// is the index recorded on that flow (for a parallel join).
func (j *joiner) merge(in []*edge, target *node, key roleKey, branch int) {
	gw := j.g.newNode()
	gw.key, gw.typ, gw.step, gw.origin = key, "ExclusiveGateway", target.step, target.origin
	first := len(j.gateways) - len(target.joinsBefore) // target's gateways end the array
	j.gateways = append(j.gateways, gw)
	target.joinsBefore = j.gateways[first:len(j.gateways):len(j.gateways)]
	for _, e := range in {
		e.to = gw
	}
	out := j.g.newEdge()
	out.key, out.from, out.to, out.origin, out.branch = key.with("/next"), gw, target, target.origin, branch
	j.outs = append(j.outs, out)
}
