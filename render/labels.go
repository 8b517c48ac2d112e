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

// placeLabels puts each label where the DI (or the route) puts it, unless it would cover a
// line, a shape or another label: then an edge label goes to the first free place beside one
// of its segments, last segment first, and a node label to the first free place among above,
// below right, below left, above right and above left of its shape. When none is free the
// label stays where the DI put it.
func placeLabels(d *Diagram) placement {
	p := placement{nodes: make([]Rect, len(d.Nodes)), edges: make([]Rect, len(d.Edges))}
	obs := newObstacles(d)
	for i, e := range d.Edges {
		if strings.TrimSpace(e.Name) == "" {
			continue
		}
		base := edgeLabelRect(e)
		p.edges[i] = base
		for _, c := range edgeLabelCandidates(e, base) {
			if !obs.hit(c) {
				p.edges[i] = c
				break
			}
		}
		obs.addRect(p.edges[i])
	}
	for i, n := range d.Nodes {
		if n.Shape == ShapeTask || n.Shape == ShapeAnnotation || strings.TrimSpace(n.Name) == "" {
			continue
		}
		base := tighten(nodeLabelRect(n), n.Name)
		p.nodes[i] = base
		for _, c := range labelCandidates(n.Box, base) {
			if !obs.hit(c) {
				p.nodes[i] = c
				break
			}
		}
		obs.addRect(p.nodes[i])
	}
	return p
}

// obstacles are what a label must not cover: shapes, edge segments and placed labels.
type obstacles struct {
	index *grid
	rects []Rect     // by grid index
	segs  [][2]Point // by grid index; for rectangles, unused
	isSeg []bool
}

func newObstacles(d *Diagram) *obstacles {
	o := &obstacles{index: newGrid()}
	for _, n := range d.Nodes {
		o.addRect(n.Box)
	}
	for _, e := range d.Edges {
		for i := 1; i < len(e.Points); i++ {
			a, b := e.Points[i-1], e.Points[i]
			o.index.add(segmentBox(a, b))
			o.rects, o.segs, o.isSeg = append(o.rects, Rect{}), append(o.segs, [2]Point{a, b}), append(o.isSeg, true)
		}
	}
	return o
}

func (o *obstacles) addRect(r Rect) {
	o.index.add(r)
	o.rects, o.segs, o.isSeg = append(o.rects, r), append(o.segs, [2]Point{}), append(o.isSeg, false)
}

// hit reports whether r overlaps a shape, a line or a placed label.
func (o *obstacles) hit(r Rect) bool {
	return o.index.any(r, func(i int) bool {
		if o.isSeg[i] {
			return segmentHits(r, o.segs[i][0], o.segs[i][1])
		}
		return overlaps(r, o.rects[i])
	})
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

// edgeLabelCandidates are the places tried for an edge label: where it is, then above and
// below each horizontal segment and right and left of each vertical or slanted one, at its
// middle, then a quarter from either end; segments from the target end back.
func edgeLabelCandidates(e Edge, r Rect) []Rect {
	out := []Rect{r}
	for i := len(e.Points) - 1; i > 0; i-- {
		a, b := e.Points[i-1], e.Points[i]
		for _, t := range []float64{0.5, 0.75, 0.25} {
			mx, my := a.X+(b.X-a.X)*t, a.Y+(b.Y-a.Y)*t
			if a.Y == b.Y {
				out = append(out, Rect{mx - r.W/2, my - labelGap - r.H, r.W, r.H}, Rect{mx - r.W/2, my + labelGap, r.W, r.H})
				continue
			}
			out = append(out, Rect{mx + labelGap, my - r.H/2, r.W, r.H}, Rect{mx - labelGap - r.W, my - r.H/2, r.W, r.H})
		}
	}
	return out
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
