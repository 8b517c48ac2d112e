package render

import (
	"fmt"
	"testing"
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
