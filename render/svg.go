package render

import (
	"bytes"
	"fmt"
	"math"
	"strconv"
	"strings"
)

// Text metrics, in pixels.
const (
	taskFont    = 12.0 // names inside task boxes
	labelFont   = 11.0 // names outside shapes and on edges
	lineHeight  = 1.25 // times the font size
	taskPadding = 6.0  // between a task's border and its text
	iconRow     = 20.0 // the top band of a task box that holds its icon
	margin      = 20.0 // around the content, inside the viewBox
	labelWidth  = 90.0 // of an external label with no DI bounds
	bandWidth   = 30.0 // of a pool's or lane's name band
)

// SVG draws d. The same diagram and marks always give the same bytes.
func SVG(d *Diagram, opts Options) []byte {
	w := &writer{diagram: d, marks: opts.Marks}
	w.indexBoundaries()
	place := placeLabels(d)
	view := contentBounds(d, place)
	fmt.Fprintf(&w.buf, `<svg xmlns="http://www.w3.org/2000/svg" viewBox="%s %s %s %s" width="%s" height="%s" role="img"`,
		num(view.X), num(view.Y), num(view.W), num(view.H), num(view.W), num(view.H))
	if d.Title != "" {
		fmt.Fprintf(&w.buf, ` aria-label="%s"`, xmlText(d.Title))
	}
	w.buf.WriteString(">\n")
	if d.Title != "" {
		fmt.Fprintf(&w.buf, "<title>%s</title>\n", xmlText(d.Title))
	}
	w.buf.WriteString(stylesheet(d))
	w.buf.WriteString(defs)
	w.layer("containers", len(d.Containers), func(i int) { w.container(d.Containers[i]) })
	w.layer("edges", len(d.Edges), func(i int) { w.edge(d.Edges[i]) })
	w.layer("nodes", len(d.Nodes), func(i int) { w.node(d.Nodes[i]) })
	w.layer("labels", len(d.Nodes)+len(d.Edges), func(i int) {
		if i < len(d.Nodes) {
			w.label("node-label", d.Nodes[i].ID, d.Nodes[i].Name, place.nodes[i])
		} else {
			j := i - len(d.Nodes)
			w.label("edge-label", d.Edges[j].ID, d.Edges[j].Name, place.edges[j])
		}
	})
	w.buf.WriteString("</svg>\n")
	return w.buf.Bytes()
}

// writer accumulates the SVG text.
type writer struct {
	buf     bytes.Buffer
	diagram *Diagram
	marks   map[string]Mark
	// boundaries indexes the boundary events' boxes (boundaryBoxes, in grid order).
	boundaries    *grid
	boundaryBoxes []Rect
}

// layer writes a <g> holding n items, or nothing when n is 0.
func (w *writer) layer(class string, n int, item func(i int)) {
	if n == 0 {
		return
	}
	fmt.Fprintf(&w.buf, "<g class=\"%s\">\n", class)
	for i := 0; i < n; i++ {
		item(i)
	}
	w.buf.WriteString("</g>\n")
}

// open starts an element's group: its classes, its id as data-id, the mark's class, and a
// <title> with the full name, white space collapsed (the tooltip, and the name even when the drawing cuts it short).
func (w *writer) open(class, id, name string) {
	fmt.Fprintf(&w.buf, `<g class="%s%s" data-id="%s">`, class, w.marks[id].class(), xmlText(id))
	if name = strings.Join(strings.Fields(name), " "); name != "" {
		fmt.Fprintf(&w.buf, "<title>%s</title>", xmlText(name))
	}
}

func (w *writer) close() { w.buf.WriteString("</g>\n") }

// printf writes one drawing instruction with its numbers already formatted.
func (w *writer) printf(format string, args ...any) { fmt.Fprintf(&w.buf, format, args...) }

// text writes lines centred on cx, the first baseline at y, one lineHeight apart.
func (w *writer) text(class string, cx, y, font float64, lines []string) {
	w.printf(`<text class="%s" x="%s" y="%s" font-size="%s">`, class, num(cx), num(y), num(font))
	for i, line := range lines {
		if i == 0 {
			w.printf("%s", xmlText(line))
			continue
		}
		w.printf(`<tspan x="%s" dy="%s">%s</tspan>`, num(cx), num(font*lineHeight), xmlText(line))
	}
	w.buf.WriteString("</text>")
}

// block writes name wrapped into r (centred both ways), cut with "…" when it does not fit.
func (w *writer) block(class, name string, r Rect, font float64) {
	if strings.TrimSpace(name) == "" {
		return
	}
	maxLines := int(math.Floor(r.H / (font * lineHeight)))
	w.lines(class, wrap(name, int(r.W/(font*columnWidth)), maxLines), r, font)
}

// lines writes lines centred both ways in r.
func (w *writer) lines(class string, lines []string, r Rect, font float64) {
	line := font * lineHeight
	top := r.Y + (r.H-float64(len(lines))*line)/2
	// A baseline sits about 0.8 em below the top of its glyphs, centred in the line's leading.
	w.text(class, r.X+r.W/2, top+(line-font)/2+0.8*font, font, lines)
}

// label draws a free-standing name in r, its place from placeLabels; nothing when r is zero.
func (w *writer) label(class, id, name string, r Rect) {
	if r == (Rect{}) {
		return
	}
	w.open(class, id, "")
	w.block("label", name, r, labelFont)
	w.close()
}

// num formats a coordinate with one decimal at most, so that output bytes do not depend on
// floating-point noise: 12 → "12", 12.25 → "12.3", -0 → "0".
func num(v float64) string {
	v = math.Round(v*10) / 10
	if v == 0 {
		return "0"
	}
	return strconv.FormatFloat(v, 'f', -1, 64)
}

// contentBounds is the box holding every shape, waypoint and label, with a margin.
func contentBounds(d *Diagram, place placement) Rect {
	b := bounds{}
	for _, c := range d.Containers {
		b.addRect(c.Box)
	}
	for _, n := range d.Nodes {
		b.addRect(n.Box)
	}
	for _, e := range d.Edges {
		for _, p := range e.Points {
			b.add(p.X, p.Y)
		}
	}
	for _, labels := range [][]Rect{place.nodes, place.edges} {
		for _, r := range labels {
			if r != (Rect{}) {
				b.addRect(r)
			}
		}
	}
	if !b.set {
		return Rect{0, 0, 2 * margin, 2 * margin}
	}
	return Rect{b.minX - margin, b.minY - margin, b.maxX - b.minX + 2*margin, b.maxY - b.minY + 2*margin}
}

type bounds struct {
	set                    bool
	minX, minY, maxX, maxY float64
}

func (b *bounds) add(x, y float64) {
	if !b.set {
		b.set, b.minX, b.minY, b.maxX, b.maxY = true, x, y, x, y
		return
	}
	b.minX, b.maxX = math.Min(b.minX, x), math.Max(b.maxX, x)
	b.minY, b.maxY = math.Min(b.minY, y), math.Max(b.maxY, y)
}

func (b *bounds) addRect(r Rect) {
	b.add(r.X, r.Y)
	b.add(r.X+r.W, r.Y+r.H)
}
