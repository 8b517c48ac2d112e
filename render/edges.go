package render

import (
	"math"
	"strings"
)

// edge draws one connection with its end markers: sequence flows end in an arrowhead (in the
// mark's colour), message flows start with a circle and end in an open arrowhead,
// associations are dotted, and dependencies on an external node dashed with an arrowhead.
func (w *writer) edge(e Edge) {
	class := map[EdgeKind]string{EdgeSequence: "edge sequence", EdgeMessage: "edge message", EdgeAssociation: "edge association",
		EdgeDependency: "edge dependency"}[e.Kind]
	w.open(class, e.ID, e.Name)
	var d strings.Builder
	for i, p := range e.Points {
		cmd := "L"
		if i == 0 {
			cmd = "M"
		}
		d.WriteString(cmd + num(p.X) + "," + num(p.Y))
	}
	ends := ""
	switch e.Kind {
	case EdgeSequence, EdgeDependency:
		tip := "wfc-tip"
		if m := w.marks[e.ID]; m != Unmarked {
			tip += strings.TrimPrefix(m.class(), " mark")
		}
		ends = ` marker-end="url(#` + tip + `)"`
		if e.Conditional {
			ends += ` marker-start="url(#wfc-diamond)"`
		}
	case EdgeMessage:
		ends = ` marker-start="url(#wfc-circle)" marker-end="url(#wfc-open-tip)"`
	}
	w.printf(`<path class="line" d="%s"%s/>`, d.String(), ends)
	if e.Default {
		w.defaultSlash(e.Points[0], e.Points[1])
	}
	w.close()
}

// defaultSlash crosses the first segment of a default flow near its start, as BPMN draws it.
func (w *writer) defaultSlash(a, b Point) {
	dx, dy := b.X-a.X, b.Y-a.Y
	length := math.Hypot(dx, dy)
	if length == 0 {
		return
	}
	ux, uy := dx/length, dy/length
	at := math.Min(10, length/2)
	cx, cy := a.X+ux*at, a.Y+uy*at
	// A 12 px stroke at 45 degrees to the segment.
	sx, sy := (ux-uy)*4.2, (uy+ux)*4.2
	w.printf(`<path class="tick" d="M%s,%sL%s,%s"/>`, num(cx-sx), num(cy-sy), num(cx+sx), num(cy+sy))
}

// edgeLabelRect is the DI label bounds of an edge (narrowed to the text), or a label above the
// middle of its longest horizontal segment (beside its longest segment when none is
// horizontal).
func edgeLabelRect(e Edge) Rect {
	if e.Label != nil {
		return tighten(fitLabel(*e.Label, e.Name), e.Name)
	}
	return routeLabelRect(e, 0)
}

// routeLabelRect is a label by the middle of e's longest horizontal segment (its longest
// segment when none is horizontal): on the side of travel side says (1 left, -1 right), or
// for 0 above a horizontal segment and right of any other.
func routeLabelRect(e Edge, side float64) Rect {
	best, bestLen, horizontal := 0, -1.0, false
	for i := 1; i < len(e.Points); i++ {
		a, b := e.Points[i-1], e.Points[i]
		h := a.Y == b.Y
		l := math.Hypot(b.X-a.X, b.Y-a.Y)
		if (h && !horizontal) || (h == horizontal && l > bestLen) {
			best, bestLen, horizontal = i, l, h
		}
	}
	a, b := e.Points[best-1], e.Points[best]
	mx, my := (a.X+b.X)/2, (a.Y+b.Y)/2
	// The side's normal: left of travel is (dy, -dx) with y pointing down.
	nx, ny := side*(b.Y-a.Y), -side*(b.X-a.X)
	r := tighten(fitLabel(Rect{mx - labelWidth/2, 0, labelWidth, 0}, e.Name), e.Name)
	switch {
	case horizontal && ny > 0:
		r.Y = my + 4
	case horizontal:
		r.Y = my - 4 - r.H
	case nx < 0:
		r.X, r.Y = mx-6-r.W, my-r.H/2
	default:
		r.X, r.Y = mx+6, my-r.H/2
	}
	return r
}
