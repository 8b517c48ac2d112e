package secmaster

import (
	"testing"

	"github.com/wfc-dev/wfc/diag"
	"github.com/wfc-dev/wfc/workflow"
)

// joinTestGraph is a graph built by hand for insertJoins: the compiler reaches a parallel
// join by several flows of one branch only in shapes the language makes rare, and the
// joins of those flows are checked here directly.
type joinTestGraph struct {
	*graph
	parallel *workflow.Step // the step every node is compiled from
	origin   *diag.Range
}

func newJoinTestGraph() *joinTestGraph {
	g := &joinTestGraph{graph: &graph{}, parallel: &workflow.Step{ID: workflow.String{Value: "fan"}}, origin: &diag.Range{}}
	g.reserve(16, 16)
	g.start = g.node("@start", "StartEvent")
	g.end = g.node("@end", "EndEvent")
	return g
}

// step adds a node drawn for a step, in declaration order.
func (g *joinTestGraph) step(key, typ string) *node {
	n := g.node(key, typ)
	g.steps = append(g.steps, n)
	return n
}

func (g *joinTestGraph) node(key, typ string) *node {
	n := g.newNode()
	n.key, n.typ, n.step, n.origin = keyOf(key), typ, g.parallel, g.origin
	return n
}

func (g *joinTestGraph) flow(from, to *node, branch int) *edge {
	e := g.newEdge()
	e.key, e.from, e.to, e.origin, e.branch = keyOf(from.name+"->"), from, to, g.origin, branch
	return e
}

// TestJoinBranches: a parallel join gets a joining gateway in front of it for each branch
// that reaches it by several flows, in the order the branches first reach it, keyed
// "<step>/branch/<i>/join"; the join then receives one flow per branch, those that still
// reach it first, and a node reached by several flows is entered through one gateway.
func TestJoinBranches(t *testing.T) {
	g := newJoinTestGraph()
	fork := g.step("fan", "ParallelGateway")
	a1, a2 := g.step("a1", "ServiceTask"), g.step("a2", "ServiceTask")
	b := g.step("b", "ServiceTask")
	c1, c2 := g.step("c1", "ServiceTask"), g.step("c2", "ServiceTask")
	join := g.step("fan/parallel-join", "ParallelGateway")
	join.parallelJoin = true
	after := g.step("after", "ServiceTask")
	g.flow(g.start, fork, -1)
	for _, n := range []*node{a1, a2, b, c1, c2} {
		g.flow(fork, n, 0)
	}
	// Branch 2 first reaches the join before branch 0 does a second time.
	c1In, bIn, a1In, c2In, a2In := g.flow(c1, join, 2), g.flow(b, join, 1), g.flow(a1, join, 0), g.flow(c2, join, 2), g.flow(a2, join, 0)
	g.flow(join, after, -1)
	g.flow(after, g.end, -1)
	g.flow(fork, g.end, -1) // the end is reached twice

	insertJoins(g.graph)

	if len(join.joinsBefore) != 2 {
		t.Fatalf("parallel join has %d joining gateways in front, want 2 (branches 2 and 0)", len(join.joinsBefore))
	}
	for i, want := range []struct {
		key    string
		branch int
		in     []*edge
	}{{"fan/branch/2/join", 2, []*edge{c1In, c2In}}, {"fan/branch/0/join", 0, []*edge{a1In, a2In}}} {
		gw := join.joinsBefore[i]
		if gw.key != keyOf(want.key) || gw.typ != "ExclusiveGateway" {
			t.Errorf("joining gateway %d: key %x type %s, want the key of %q, ExclusiveGateway", i, gw.key, gw.typ, want.key)
		}
		for _, e := range want.in {
			if e.to != gw {
				t.Errorf("flow of branch %d still ends at %x, want its joining gateway %q", want.branch, e.to.key, want.key)
			}
		}
		out := join.in[1+i]
		if out.from != gw || out.to != join || out.branch != want.branch || out.key != keyOf(want.key+"/next") {
			t.Errorf("join's flow %d: from %p to %p, branch %d; want from gateway %q to the join, branch %d, keyed %s/next",
				1+i, out.from, out.to, out.branch, want.key, want.branch, want.key)
		}
	}
	if len(join.in) != 3 || join.in[0] != bIn || bIn.to != join {
		t.Errorf("parallel join receives %d flows, first %p; want 3, first branch 1's own", len(join.in), join.in[0])
	}
	if len(g.end.joinsBefore) != 1 || g.end.joinsBefore[0].key != keyOf("@end/join") || len(g.end.in) != 1 || g.end.in[0].from != g.end.joinsBefore[0] {
		t.Errorf("the end, reached twice, is not entered through one joining gateway @end/join")
	}
	order := documentOrder(g.graph)
	at := map[*node]int{}
	for i, n := range order {
		at[n] = i
	}
	if !(at[join.joinsBefore[0]] < at[join.joinsBefore[1]] && at[join.joinsBefore[1]] < at[join] && at[join.joinsBefore[1]] > at[c2]) {
		t.Errorf("joining gateways are not written just before the join, in order")
	}
}
