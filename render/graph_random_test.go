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
// each is laid out without error, every node is drawn once under its id, and every edge
// between known nodes is drawn under its id.
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
		SVG(d, Options{})
	}
}
