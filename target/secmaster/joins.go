package secmaster

import "strconv"

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
	for _, n := range append([]*node{g.end}, g.steps...) {
		if n.parallelJoin {
			joinBranches(g, n)
			continue
		}
		if len(n.in) > 1 {
			merge(g, n.in, n, n.key+"/join", -1)
		}
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
// joining gateway, keeping the join's flows in branch order.
func joinBranches(g *graph, join *node) {
	byBranch := map[int][]*edge{} // looked up by index, never iterated
	var order []int
	for _, e := range join.in {
		if _, seen := byBranch[e.branch]; !seen {
			order = append(order, e.branch)
		}
		byBranch[e.branch] = append(byBranch[e.branch], e)
	}
	for _, bi := range order {
		if in := byBranch[bi]; len(in) > 1 {
			merge(g, in, join, join.step.ID.Value+"/branch/"+strconv.Itoa(bi)+"/join", bi)
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
// target; branch is the index recorded on that flow (for a parallel join).
func merge(g *graph, in []*edge, target *node, key string, branch int) {
	gw := &node{key: key, typ: "ExclusiveGateway", step: target.step, origin: target.origin}
	target.joinsBefore = append(target.joinsBefore, gw)
	for _, e := range in {
		e.to = gw
		gw.in = append(gw.in, e)
	}
	out := &edge{key: key + "/next", from: gw, to: target, origin: target.origin, branch: branch}
	g.edges = append(g.edges, out)
	if target.parallelJoin {
		target.in = append(target.in, out)
	} else {
		target.in = []*edge{out}
	}
}
