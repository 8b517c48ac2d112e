package layout

import (
	"fmt"

	"github.com/wfc-dev/wfc/bpmn"
)

// node is one shape on the grid: a flow node of the scope other than an attached boundary
// event (those ride on their host's node).
// Fields are ordered largest first, so the small ones share a word: a large workflow has
// tens of thousands of nodes.
type node struct {
	el         *bpmn.Element
	box        box   // w and h are the shape size from the start; x and y come with placement
	rank, row  int   // grid column and row; row is relative to the spine (0) until placement shifts it
	id         int32 // its index in graph.nodes, for the router's per-node arrays
	boundaries int32 // how many boundary events ride on it (graph.attached lists them)
	kind       kind
	placed     bool
	reachesEnd bool // an end event is reachable over forward edges
}

// edge is one sequence flow between two nodes of the scope. A flow leaving (or, in an invalid
// model, entering) a boundary event is an edge of the host; via and intoVia give the event
// itself, from the flow (no pointers of its own: 24 bytes an edge).
type edge struct {
	flow         *bpmn.Element
	from, to     int32 // node indexes
	back         bool  // closes a cycle: excluded from ranking, routed as a loop
	boundary     bool  // leaves a boundary event
	intoBoundary bool  // enters a boundary event
	// enterVertically routes a forward flow into its target's top or bottom from the lane
	// beside it, for flows that cross another in a gap where their stubs would overlap.
	enterVertically bool
}

// via is the boundary event e leaves from, or nil.
func (e *edge) via() *bpmn.Element {
	if e.boundary {
		return e.flow.SourceRef
	}
	return nil
}

// intoVia is the boundary event e enters, or nil.
func (e *edge) intoVia() *bpmn.Element {
	if e.intoBoundary {
		return e.flow.TargetRef
	}
	return nil
}

// graph is the scope reduced to what the layout needs, with every slice in declaration order
// so each tie below is broken the same way on every run.
type graph struct {
	scope     *bpmn.Element
	nodes     []node
	edges     []edge
	out, in   lists                 // per node, its edges (see fileEdges)
	attached  lists                 // per node with boundaries, its boundary events as indexes in scope.Children
	index     map[*bpmn.Element]int // flow node (boundary events included) -> node; buildGraph only
	nodeOf    []int32               // per child of scope, the node drawing it (a boundary event's host's), or -1
	boxes     map[*bpmn.Element]box // boundary event -> its shape, filled by placement
	children  []*bpmn.Element       // container activities whose content gets its own diagram
	colX      []int                 // x of each column's left boundary (and one past the last), px
	gapBefore []int32               // see indexGaps
}

// buildGraph collects the flow nodes and sequence flows directly inside scope (a process or a
// sub-process). Flows with an end outside the scope, or no end at all, are left out: they
// cannot be drawn in this plane, and the linter reports them.
func buildGraph(scope *bpmn.Element) (*graph, error) {
	kinds, nodes, flows := countScope(scope)
	g := &graph{
		scope: scope,
		nodes: make([]node, 0, nodes),
		edges: make([]edge, 0, flows),
		index: make(map[*bpmn.Element]int, nodes),
		boxes: make(map[*bpmn.Element]box),
	}
	g.nodeOf = make([]int32, len(scope.Children))
	var boundaries []int // children of scope that are attached boundary events
	for i, ch := range scope.Children {
		g.nodeOf[i] = -1
		k := kinds[i]
		if k == kindNone {
			continue
		}
		if ch.ID == "" {
			return nil, idError(ch, scope)
		}
		if ch.Type == "BoundaryEvent" && ch.AttachedToRef != nil && ch.AttachedToRef.Parent == scope {
			boundaries = append(boundaries, i)
			continue
		}
		g.nodeOf[i] = int32(g.addNode(ch, k))
	}
	for _, i := range boundaries {
		b := scope.Children[i]
		host, ok := g.index[b.AttachedToRef]
		if !ok {
			// The host is a flow node of another kind we do not draw; draw the event alone.
			g.nodeOf[i] = int32(g.addNode(b, kindEvent))
			continue
		}
		g.index[b] = host
		g.nodeOf[i] = int32(host)
		g.nodes[host].boundaries++
	}
	g.fileAttached(boundaries)
	for _, ch := range scope.Children {
		if ch.Type != "SequenceFlow" || ch.SourceRef == nil || ch.TargetRef == nil {
			continue
		}
		from, okFrom := g.index[ch.SourceRef]
		to, okTo := g.index[ch.TargetRef]
		if !okFrom || !okTo {
			continue
		}
		if ch.ID == "" {
			return nil, idError(ch, scope)
		}
		e := edge{flow: ch, from: int32(from), to: int32(to)}
		if g.nodes[from].el != ch.SourceRef {
			e.boundary = true
		}
		if g.nodes[to].el != ch.TargetRef {
			e.intoBoundary = true
		}
		g.edges = append(g.edges, e)
	}
	g.index = nil // nothing after buildGraph asks it: let it go
	g.fileEdges()
	return g, nil
}

// countScope classifies scope's children, once (classify compares type names), and counts
// its flow nodes (boundary events included) and sequence flows, the sizes of the graph's
// slices and index: a process of a large workflow has tens of thousands of each, and growing
// them by doubling was a tenth of the layout's allocations.
func countScope(scope *bpmn.Element) (kinds []kind, nodes, flows int) {
	kinds = make([]kind, len(scope.Children))
	for i, ch := range scope.Children {
		if ch.Type == "SequenceFlow" {
			flows++
		} else if kinds[i] = classify(ch); kinds[i] != kindNone {
			nodes++
		}
	}
	return kinds, nodes, flows
}

// fileEdges fills g.out and g.in, per node the indexes of its edges, in declaration order,
// except that out lists have a node's own flows first, then its boundary events' flows, so
// the spine and the first branches follow the normal path and exception paths come last.
// All nodes' lists share two arrays: a slice per node and direction cost 48 bytes of headers
// a node, which the GC scans.
func (g *graph) fileEdges() {
	g.out, g.in = newLists(len(g.nodes), len(g.edges)), newLists(len(g.nodes), len(g.edges))
	for _, e := range g.edges {
		g.out.count(e.from)
		g.in.count(e.to)
	}
	g.out.open()
	g.in.open()
	for i, e := range g.edges {
		if !e.boundary {
			g.out.put(e.from, int32(i))
		}
		g.in.put(e.to, int32(i))
	}
	for i, e := range g.edges {
		if e.boundary {
			g.out.put(e.from, int32(i))
		}
	}
	g.out.close()
	g.in.close()
}

// fileAttached fills g.attached from the children of the scope that are boundary events, in
// declaration order, leaving out those drawn as nodes of their own.
func (g *graph) fileAttached(boundaries []int) {
	var attached []int // the children of boundaries riding on a host
	for _, i := range boundaries {
		if n := g.nodeOf[i]; g.nodes[n].el != g.scope.Children[i] {
			attached = append(attached, i)
		}
	}
	if len(attached) == 0 {
		return
	}
	g.attached = newLists(len(g.nodes), len(attached))
	for _, i := range attached {
		g.attached.count(g.nodeOf[i])
	}
	g.attached.open()
	for _, i := range attached {
		g.attached.put(g.nodeOf[i], int32(i))
	}
	g.attached.close()
}

// addNode adds el as a node of kind k and returns its index.
func (g *graph) addNode(el *bpmn.Element, k kind) int {
	w, h := size(k)
	id := len(g.nodes)
	g.index[el] = id
	g.nodes = append(g.nodes, node{id: int32(id), el: el, kind: k, box: box{w: w, h: h}})
	// Children first: most nodes have none, and the type's look-up costs a string hash.
	if len(el.Children) > 0 && containerTypes[el.Type] && hasFlowNodes(el) {
		g.children = append(g.children, el)
	}
	return id
}

func hasFlowNodes(el *bpmn.Element) bool {
	for _, ch := range el.Children {
		if classify(ch) != kindNone {
			return true
		}
	}
	return false
}

// idError says which element lacks the id its DI would have to reference.
func idError(el, scope *bpmn.Element) error {
	where := ""
	if el.Node != nil && el.Node.Line > 0 {
		where = fmt.Sprintf("%d:%d: ", el.Node.Line, el.Node.Col)
	}
	in := scope.Type
	if scope.ID != "" {
		in = fmt.Sprintf("%s %q", scope.Type, scope.ID)
	}
	return fmt.Errorf("%slayout: a %s in %s has no id, so no diagram shape can point at it; give it an id", where, el.Type, in)
}

// breakCycles marks back edges with an iterative depth-first search (no recursion, so a
// 100,000-step chain cannot overflow the stack). Searches start at start events, then at every
// other node in declaration order, so the same model always loses the same edges. O(n+m).
func (g *graph) breakCycles() {
	const (
		white = iota
		grey  // on the search stack
		black // finished
	)
	state := make([]uint8, len(g.nodes))
	// A frame is a node on the search stack and the index of its next out flow. The stack
	// holds grey nodes only, so it never outgrows the nodes; a workflow is mostly one long
	// chain, which it grows to, so it is that big from the start.
	type frame struct{ n, next int32 }
	stack := make([]frame, 0, len(g.nodes))
	visit := func(root int) {
		if state[root] != white {
			return
		}
		state[root] = grey
		stack = append(stack[:0], frame{int32(root), 0})
		for len(stack) > 0 {
			top := &stack[len(stack)-1]
			out := g.out.of(int(top.n))
			if int(top.next) == len(out) {
				state[top.n] = black
				stack = stack[:len(stack)-1]
				continue
			}
			ei := out[top.next]
			top.next++
			switch state[g.edges[ei].to] {
			case grey:
				g.edges[ei].back = true
			case white:
				state[g.edges[ei].to] = grey
				stack = append(stack, frame{g.edges[ei].to, 0})
			}
		}
	}
	for i := range g.nodes {
		if g.nodes[i].el.Type == "StartEvent" {
			visit(i)
		}
	}
	for i := range g.nodes {
		visit(i)
	}
}

// rankNodes gives every node its longest-path rank over forward edges (Kahn's algorithm,
// O(n+m)) and returns the nodes in that topological order.
func (g *graph) rankNodes() []int {
	indeg := make([]int32, len(g.nodes))
	for _, e := range g.edges {
		if !e.back {
			indeg[e.to]++
		}
	}
	order := make([]int, 0, len(g.nodes))
	for i := range g.nodes {
		if indeg[i] == 0 {
			order = append(order, i)
		}
	}
	for head := 0; head < len(order); head++ {
		u := order[head]
		for _, ei := range g.out.of(u) {
			e := g.edges[ei]
			if e.back {
				continue
			}
			if r := g.nodes[u].rank + 1; r > g.nodes[e.to].rank {
				g.nodes[e.to].rank = r
			}
			if indeg[e.to]--; indeg[e.to] == 0 {
				order = append(order, int(e.to))
			}
		}
	}
	// Reverse topological order decides which nodes lead to an end event.
	for k := len(order) - 1; k >= 0; k-- {
		n := &g.nodes[order[k]]
		n.reachesEnd = n.el.Type == "EndEvent"
		for _, ei := range g.out.of(order[k]) {
			if e := g.edges[ei]; !e.back && g.nodes[e.to].reachesEnd {
				n.reachesEnd = true
				break
			}
		}
	}
	return order
}
