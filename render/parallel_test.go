package render

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestSeparateParallelFansOut: edges on one route are spread 20 px apart about it, the first
// of the document on the left of the direction of travel (on top of a run to the right, on
// the inside of a turn), each end moved onto its shape's outline (a diamond's sloping sides),
// and their DI labels, placed for the shared route, replaced by labels on the outer side of
// each route: above the top line, below the bottom one, and the middle one's above it.
func TestSeparateParallelFansOut(t *testing.T) {
	gateway := Node{ID: "g", Shape: ShapeGateway, Box: Rect{0, 0, 50, 50}}
	task := Node{ID: "t", Shape: ShapeTask, Box: Rect{150, -15, 100, 80}}
	join := Node{ID: "j", Shape: ShapeGateway, Box: Rect{100, 125, 50, 50}}
	straight := []Point{{50, 25}, {150, 25}}
	turn := []Point{{25, 50}, {25, 150}, {100, 150}}
	d := &Diagram{Nodes: []Node{gateway, task, join}, Edges: []Edge{
		{ID: "a", Name: "a", Points: straight, Label: &Rect{80, 5, 20, 14}},
		{ID: "b", Name: "b", Points: straight, Label: &Rect{80, 5, 20, 14}},
		{ID: "c", Name: "c", Points: straight, Label: &Rect{80, 5, 20, 14}},
		{ID: "x", Points: turn},
		{ID: "y", Points: turn},
		{ID: "alone", Points: []Point{{75, 0}, {75, -10}}},
	}}
	separateParallel(d)
	want := map[string][]Point{
		"a":     {{30, 5}, {150, 5}},
		"b":     {{50, 25}, {150, 25}},
		"c":     {{30, 45}, {150, 45}},
		"x":     {{35, 40}, {35, 140}, {110, 140}},
		"y":     {{15, 40}, {15, 160}, {110, 160}},
		"alone": {{75, 0}, {75, -10}},
	}
	for _, e := range d.Edges {
		if diff := cmp.Diff(want[e.ID], e.Points, cmp.Comparer(near)); diff != "" {
			t.Errorf("%s: route (-want +got):\n%s", e.ID, diff)
		}
	}
	above := func(r *Rect, y float64) bool { return r != nil && r.Y+r.H <= y }
	below := func(r *Rect, y float64) bool { return r != nil && r.Y >= y }
	if a, b, c := d.Edges[0].Label, d.Edges[1].Label, d.Edges[2].Label; !above(a, 5) || !above(b, 25) || !below(b, 5) || !below(c, 45) {
		t.Errorf("labels a %+v, b %+v, c %+v; want a above y 5, b between 5 and 25, c below 45", a, b, c)
	}
}

func near(a, b Point) bool {
	return abs(a.X-b.X) < 1e-9 && abs(a.Y-b.Y) < 1e-9
}

func abs(v float64) float64 {
	if v < 0 {
		return -v
	}
	return v
}

// TestSeparateParallelLeavesWhatCannotSpread: two flows between events too small for even the
// narrowest spacing keep their shared route rather than ending in the air.
func TestSeparateParallelLeavesWhatCannotSpread(t *testing.T) {
	route := []Point{{4, 2}, {40, 2}}
	d := &Diagram{
		Nodes: []Node{{Shape: ShapeEvent, Box: Rect{0, 0, 4, 4}}, {Shape: ShapeEvent, Box: Rect{40, 0, 4, 4}}},
		Edges: []Edge{{ID: "a", Points: route}, {ID: "b", Points: route}},
	}
	separateParallel(d)
	for _, e := range d.Edges {
		if diff := cmp.Diff(route, e.Points); diff != "" {
			t.Errorf("%s: route changed (-want +got):\n%s", e.ID, diff)
		}
	}
}

// TestNoEdgeHidesAnother draws every golden case, BPMN and graph, and wants no two edges on
// the same route and no two edge labels on top of each other: a reader must see every flow
// and whose case each label names. Without separateParallel the cases-to-one-step drawings,
// xml-specials (a condition and the default to the same end event) and the compiled switch in
// parallel (a case and the default to one join) fail.
func TestNoEdgeHidesAnother(t *testing.T) {
	var diagrams []*Diagram
	var names []string
	for _, c := range goldenCases(t) {
		d, err := FromBPMN(c.load(t))
		if err != nil {
			t.Fatal(err)
		}
		diagrams, names = append(diagrams, d), append(names, c.name)
	}
	for _, c := range graphCases() {
		d, err := FromGraph(c.load(t))
		if err != nil {
			t.Fatal(err)
		}
		diagrams, names = append(diagrams, d), append(names, c.name)
	}
	for i, d := range diagrams {
		place := placeLabels(d)
		for a := range d.Edges {
			for b := a + 1; b < len(d.Edges); b++ {
				if routeKey(d.Edges[a].Points) == routeKey(d.Edges[b].Points) {
					t.Errorf("%s: %s and %s are drawn on the same route %v", names[i], d.Edges[a].ID, d.Edges[b].ID, d.Edges[a].Points)
				}
				if ra, rb := place.edges[a], place.edges[b]; ra != (Rect{}) && rb != (Rect{}) && overlaps(ra, rb) {
					t.Errorf("%s: the labels of %s and %s overlap: %+v, %+v", names[i], d.Edges[a].ID, d.Edges[b].ID, ra, rb)
				}
			}
		}
	}
}
