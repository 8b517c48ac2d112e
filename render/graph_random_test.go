package render

import (
	"math/rand"
	"strconv"
	"testing"

	"github.com/wfc-dev/wfc/target"
)

// TestFromGraphRandom draws graphs of every shape a platform might send (cycles, self-loops,
// repeated edges, edges to unknown nodes, nodes without edges, every kind, external nodes with
// in-edges or none out), from fixed seeds:
// each is laid out without error, every node is drawn once under its id, every edge
// between known nodes is drawn under its id, no two nodes are drawn on each other, and an
// external node that waits for nothing sits in the column just before the leftmost node that
// waits for it.
func TestFromGraphRandom(t *testing.T) {
	for seed := int64(1); seed <= 200; seed++ {
		r := rand.New(rand.NewSource(seed))
		g := &target.Graph{Name: "random " + strconv.FormatInt(seed, 10)}
		n := 1 + r.Intn(25)
		for i := 0; i < n; i++ {
			g.Nodes = append(g.Nodes, target.GraphNode{ID: "n" + strconv.Itoa(i), Name: "node " + strconv.Itoa(i),
				Kind: target.GraphNodeKind(r.Intn(4)), Type: "T"})
		}
		known := 0
		for e := r.Intn(3 * n); e > 0; e-- {
			to := r.Intn(n + 1) // n: a node the graph does not have
			if to < n {
				known++
			}
			g.Edges = append(g.Edges, target.GraphEdge{From: "n" + strconv.Itoa(r.Intn(n)), To: "n" + strconv.Itoa(to), Label: []string{"", "case"}[r.Intn(2)]})
		}
		d, err := FromGraph(g)
		if err != nil {
			t.Fatalf("seed %d: %v", seed, err)
		}
		drawn := map[string]int{}
		for _, node := range d.Nodes {
			drawn[node.ID]++
		}
		for _, node := range g.Nodes {
			if drawn[node.ID] != 1 {
				t.Errorf("seed %d: node %s is drawn %d times", seed, node.ID, drawn[node.ID])
			}
		}
		edges := 0
		for _, e := range d.Edges {
			if e.ID != "" {
				edges++
			}
		}
		if edges != known {
			t.Errorf("seed %d: %d of the graph's %d edges between known nodes are drawn", seed, edges, known)
		}
		checkNoOverlap(t, g.Name, d)
		checkExternalsBeside(t, g, d)
		SVG(d, Options{})
	}
}

// checkExternalsBeside checks that each external node of g that waits for nothing is drawn in
// the column just before the leftmost node that waits for it.
func checkExternalsBeside(t *testing.T, g *target.Graph, d *Diagram) {
	t.Helper()
	waits, leftmost := map[string]bool{}, map[string]float64{}
	for _, e := range g.Edges {
		to := boxOf(d, e.To)
		if to == (Rect{}) {
			continue // an unknown node
		}
		waits[e.To] = true
		if x, ok := leftmost[e.From]; !ok || midX(to) < x {
			leftmost[e.From] = midX(to)
		}
	}
	cols := centres(d, func(b Rect) float64 { return b.X + b.W/2 })
	for _, n := range g.Nodes {
		x, ok := leftmost[n.ID]
		if n.Kind != target.GraphExternal || waits[n.ID] || !ok {
			continue
		}
		if got, want := midX(boxOf(d, n.ID)), columnBefore(cols, x); got != want {
			t.Errorf("%s: external %s is drawn at x %v, want the column just before its first consumer's, at %v", g.Name, n.ID, got, want)
		}
	}
}
