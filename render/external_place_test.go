package render

import (
	"testing"

	"github.com/wfc-dev/wfc/target"
)

// TestExternalBesideConsumer: an external node whose consumer sits far right is drawn in the
// column just before its leftmost consumer, on no other node, and its dependency crosses no
// shape on its way there: x (waited for by c in the third column) sits in a and b's column,
// not in the first; three externals feeding one node stack in that column; an external
// waited for by a node in the third column and one in the fifth is placed by the first; and
// the project's root, which the layout already put next to a, is still there.
func TestExternalBesideConsumer(t *testing.T) {
	ext := func(id string) target.GraphNode {
		return target.GraphNode{ID: id, Name: id, Kind: target.GraphExternal}
	}
	task := func(id string) target.GraphNode { return target.GraphNode{ID: id, Name: id} }
	chain := []target.GraphEdge{{From: "a", To: "b"}, {From: "b", To: "c"}, {From: "c", To: "d"}, {From: "d", To: "e"}}
	for _, c := range []struct {
		name  string
		g     *target.Graph
		moved map[string]string // external → the node it must sit just before
	}{
		{"far consumer", &target.Graph{
			Nodes: []target.GraphNode{task("a"), task("b"), task("c"), ext("root"), ext("x")},
			Edges: []target.GraphEdge{{From: "root", To: "a"}, {From: "root", To: "b"}, {From: "a", To: "c"}, {From: "b", To: "c"}, {From: "x", To: "c"}},
		}, map[string]string{"x": "c", "root": "a"}},
		{"three feed one", &target.Graph{
			Nodes: []target.GraphNode{task("a"), task("b"), task("c"), task("d"), task("e"), ext("x1"), ext("x2"), ext("x3")},
			Edges: append([]target.GraphEdge{{From: "x1", To: "d"}, {From: "x2", To: "d"}, {From: "x3", To: "d"}}, chain...),
		}, map[string]string{"x1": "d", "x2": "d", "x3": "d"}},
		{"two consumers", &target.Graph{
			Nodes: []target.GraphNode{task("a"), task("b"), task("c"), task("d"), task("e"), ext("x")},
			Edges: append([]target.GraphEdge{{From: "x", To: "e"}, {From: "x", To: "c"}}, chain...),
		}, map[string]string{"x": "c"}},
	} {
		d, err := FromGraph(c.g)
		if err != nil {
			t.Fatal(err)
		}
		cols := centres(d, func(b Rect) float64 { return b.X + b.W/2 })
		for ext, consumer := range c.moved {
			e, to := boxOf(d, ext), boxOf(d, consumer)
			if want := columnBefore(cols, midX(to)); midX(e) != want {
				t.Errorf("%s: %s is drawn at x %v, want the column just before %s's, at %v", c.name, ext, midX(e), consumer, want)
			}
		}
		checkNoOverlap(t, c.name, d)
		for _, e := range d.Edges {
			if e.Kind != EdgeDependency {
				continue
			}
			from, to := nodeAt(d.Nodes, e.Points[0]), nodeAt(d.Nodes, e.Points[len(e.Points)-1])
			for _, n := range d.Nodes {
				for j := 1; j < len(e.Points) && n.ID != from.ID && n.ID != to.ID; j++ {
					if segmentHits(n.Box, e.Points[j-1], e.Points[j]) {
						t.Errorf("%s: %s crosses %s: %v", c.name, e.ID, n.ID, e.Points)
					}
				}
			}
		}
	}
}

// columnBefore is the middle of the column (of cols, ascending) just left of x.
func columnBefore(cols []float64, x float64) float64 {
	before := cols[0] - 1
	for _, c := range cols {
		if c < x {
			before = c
		}
	}
	return before
}

// checkNoOverlap checks that no two nodes of d are drawn on each other.
func checkNoOverlap(t *testing.T, name string, d *Diagram) {
	t.Helper()
	for i := range d.Nodes {
		for j := i + 1; j < len(d.Nodes); j++ {
			if overlaps(d.Nodes[i].Box, d.Nodes[j].Box) {
				t.Errorf("%s: %q %v and %q %v overlap", name, d.Nodes[i].ID, d.Nodes[i].Box, d.Nodes[j].ID, d.Nodes[j].Box)
			}
		}
	}
}
