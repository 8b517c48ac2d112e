package render

import (
	"math"
	"strings"
)

// placement is where each free-standing label goes, decided once so that the drawing and the
// viewBox agree. A zero Rect means no label.
type placement struct {
	nodes []Rect // by index in Diagram.Nodes
	edges []Rect // by index in Diagram.Edges
}

// labelGap is the space between a shape and a label moved off its DI position, in pixels.
const labelGap = 5.0

// placeLabels keeps edge labels where the DI (or the route) puts them, and moves an outside
// node label that would cover a line, a shape or another label to the first free place among
// above, below right, below left, above right and above left of its shape. When none is
// free the label stays where the DI put it.
func placeLabels(d *Diagram) placement {
	p := placement{nodes: make([]Rect, len(d.Nodes)), edges: make([]Rect, len(d.Edges))}
	var placed []Rect
	for i, e := range d.Edges {
		if strings.TrimSpace(e.Name) != "" {
			p.edges[i] = edgeLabelRect(e)
			placed = append(placed, p.edges[i])
		}
	}
	for i, n := range d.Nodes {
		if n.Shape == ShapeTask || n.Shape == ShapeAnnotation || strings.TrimSpace(n.Name) == "" {
			continue
		}
		base := tighten(nodeLabelRect(n), n.Name)
		p.nodes[i] = base
		for _, c := range labelCandidates(n.Box, base) {
			if !collides(c, d, placed) {
				p.nodes[i] = c
				break
			}
		}
		placed = append(placed, p.nodes[i])
	}
	return p
}

// tighten narrows r about its centre to the estimated width of name's widest wrapped line, so
// that moved labels sit close to their shape.
func tighten(r Rect, name string) Rect {
	widest := 0
	for _, l := range wrap(name, int(r.W/(labelFont*columnWidth)), maxLabelLines) {
		widest = max(widest, columns(l))
	}
	w := math.Min(r.W, float64(widest)*labelFont*columnWidth+4)
	return Rect{r.X + (r.W-w)/2, r.Y, w, r.H}
}

// labelCandidates are the places tried for a node label, best first: where it is, then around
// the shape b.
func labelCandidates(b, r Rect) []Rect {
	cx := b.X + b.W/2
	above, below := b.Y-labelGap-r.H, b.Y+b.H+labelGap
	right, left := cx+labelGap+b.W/4, cx-labelGap-b.W/4-r.W
	return []Rect{
		r,
		{cx - r.W/2, above, r.W, r.H},
		{right, below, r.W, r.H},
		{left, below, r.W, r.H},
		{right, above, r.W, r.H},
		{left, above, r.W, r.H},
	}
}

// collides reports whether r overlaps a node's shape, an edge's line or a placed label.
func collides(r Rect, d *Diagram, placed []Rect) bool {
	for _, n := range d.Nodes {
		if overlaps(r, n.Box) {
			return true
		}
	}
	for _, e := range d.Edges {
		for i := 1; i < len(e.Points); i++ {
			if segmentHits(r, e.Points[i-1], e.Points[i]) {
				return true
			}
		}
	}
	for _, q := range placed {
		if overlaps(r, q) {
			return true
		}
	}
	return false
}

func overlaps(a, b Rect) bool {
	return a.X < b.X+b.W && b.X < a.X+a.W && a.Y < b.Y+b.H && b.Y < a.Y+a.H
}

// segmentHits reports whether the segment a-b crosses r (Liang-Barsky clipping).
func segmentHits(r Rect, a, b Point) bool {
	t0, t1 := 0.0, 1.0
	dx, dy := b.X-a.X, b.Y-a.Y
	for _, c := range [4][2]float64{{-dx, a.X - r.X}, {dx, r.X + r.W - a.X}, {-dy, a.Y - r.Y}, {dy, r.Y + r.H - a.Y}} {
		p, q := c[0], c[1]
		if p == 0 {
			if q < 0 {
				return false
			}
			continue
		}
		t := q / p
		if p < 0 {
			t0 = math.Max(t0, t)
		} else {
			t1 = math.Min(t1, t)
		}
		if t0 > t1 {
			return false
		}
	}
	return true
}
