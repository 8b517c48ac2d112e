package render

import (
	"fmt"
	"testing"

	"github.com/wfc-dev/wfc/target"
)

// chainDiagram is n named gateways in rows of 50, each joined to the next, and as many tasks
// with a boundary event each: every label is placed against the shapes and lines, and every
// task's name kept clear of the boundary events, which must stay linear.
func chainDiagram(n int) *Diagram {
	d := &Diagram{}
	for i := 0; i < n; i++ {
		x, y := float64(i%50)*150, float64(i/50)*150
		d.Nodes = append(d.Nodes, Node{ID: fmt.Sprint("g", i), Name: "Is it done yet?", Shape: ShapeGateway, Box: Rect{x, y, 50, 50}})
		d.Nodes = append(d.Nodes,
			Node{ID: fmt.Sprint("t", i), Name: "Do it", Shape: ShapeTask, Box: Rect{x, y + 60, 100, 80}},
			Node{ID: fmt.Sprint("b", i), Shape: ShapeEvent, Event: EventBoundary, Box: Rect{x + 30, y + 122, 36, 36}})
		if i > 0 {
			p := d.Nodes[3*(i-1)].Box
			d.Edges = append(d.Edges, Edge{ID: fmt.Sprint("f", i), Name: "yes", Points: []Point{{p.X + 50, p.Y + 25}, {x, y + 25}}})
		}
	}
	return d
}

func BenchmarkSVG(b *testing.B) {
	for _, n := range []int{100, 1000, 5000} {
		d := chainDiagram(n)
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				SVG(d, Options{})
			}
		})
	}
}

// externalsGraph is a chain of n tasks in which every other task also waits for an external
// node of its own (and the last for ten more): each external is moved from the first column
// to beside its task, which must stay near linear.
func externalsGraph(n int) *target.Graph {
	g := &target.Graph{Name: "externals"}
	for i := 0; i < n; i++ {
		id := fmt.Sprint("t", i)
		g.Nodes = append(g.Nodes, target.GraphNode{ID: id, Name: id})
		if i > 0 {
			g.Edges = append(g.Edges, target.GraphEdge{From: fmt.Sprint("t", i-1), To: id})
		}
		feeds := i % 2
		if i == n-1 {
			feeds = 10
		}
		for k := 0; k < feeds; k++ {
			x := fmt.Sprint("x", i, "_", k)
			g.Nodes = append(g.Nodes, target.GraphNode{ID: x, Name: x, Kind: target.GraphExternal})
			g.Edges = append(g.Edges, target.GraphEdge{From: x, To: id})
		}
	}
	return g
}

func BenchmarkFromGraphExternals(b *testing.B) {
	for _, n := range []int{100, 400, 1600} {
		g := externalsGraph(n)
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				if _, err := FromGraph(g); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
