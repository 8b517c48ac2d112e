package layout

import (
	"strings"
	"unicode/utf8"

	"github.com/wfc-dev/wfc/bpmn"
)

// emit builds the plane: shapes first in declaration order (boundary events where they are
// declared), then edges in declaration order of the flows, as the SecMaster samples have them.
func (g *graph) emit(planeID string) *bpmn.Plane {
	routes := g.routeAll() // first: spreading the flows over their channels moves the shapes
	a := g.newDIAlloc(routes)
	plane := &bpmn.Plane{ID: planeID, BPMNElement: g.scope.ID, Element: g.scope,
		Shapes: make([]*bpmn.Shape, 0, cap(a.shapes)), Edges: make([]*bpmn.Edge, 0, len(g.edges))}
	for i, el := range g.scope.Children {
		n := g.nodeOf[i]
		if n < 0 {
			continue
		}
		b, k := g.nodes[n].box, g.drawnKind(el, n)
		if k == kindBoundary {
			b = g.boxes[el]
		}
		// Field by field: the shape is zero, and copying a whole struct into the array
		// while the GC marks costs a write barrier for every pointer field it has.
		shape := a.shape()
		shape.BPMNElement, shape.Element, shape.Bounds = el.ID, el, a.bounds(b) // ID: setDIIDs
		if el.Type == "ExclusiveGateway" {
			shape.IsMarkerVisible = a.flag(true)
		}
		switch {
		case k == kindActivity:
			// SecMaster's modeler writes an empty label on every task; the name is drawn inside.
			shape.Label = a.label(nil)
		case el.Name != "":
			shape.Label = a.label(a.bounds(shapeLabel(b, el.Name)))
		}
		el.Shape = shape
		plane.Shapes = append(plane.Shapes, shape)
	}
	for i := range g.edges {
		e, pts := &g.edges[i], routes.of(i)
		edge := a.edge()
		edge.BPMNElement, edge.Element, edge.Waypoints = e.flow.ID, e.flow, a.waypoints(pts) // ID: setDIIDs
		if e.flow.Name != "" {
			edge.Label = a.label(a.bounds(flowLabel(pts, e.flow.Name)))
		}
		e.flow.Edge = edge
		plane.Edges = append(plane.Edges, edge)
	}
	setDIIDs(plane.Shapes, plane.Edges)
	return plane
}

// diSuffix makes a DI element's id from the id of the element it draws, as bpmn-js does.
const diSuffix = "_di"

// setDIIDs gives every shape and edge its id, the drawn element's id and diSuffix. The ids
// share one string, made once: a large workflow has tens of thousands.
func setDIIDs(shapes []*bpmn.Shape, edges []*bpmn.Edge) {
	n := 0
	for _, s := range shapes {
		n += len(s.BPMNElement) + len(diSuffix)
	}
	for _, e := range edges {
		n += len(e.BPMNElement) + len(diSuffix)
	}
	var b strings.Builder
	b.Grow(n)
	for _, s := range shapes {
		b.WriteString(s.BPMNElement)
		b.WriteString(diSuffix)
	}
	for _, e := range edges {
		b.WriteString(e.BPMNElement)
		b.WriteString(diSuffix)
	}
	all := b.String()
	for _, s := range shapes {
		s.ID, all = all[:len(s.BPMNElement)+len(diSuffix)], all[len(s.BPMNElement)+len(diSuffix):]
	}
	for _, e := range edges {
		e.ID, all = all[:len(e.BPMNElement)+len(diSuffix)], all[len(e.BPMNElement)+len(diSuffix):]
	}
}

// diAlloc hands out a plane's DI objects from a few arrays sized up front, instead of one
// allocation each: a large workflow's plane has tens of thousands of shapes, edges, bounds
// and waypoints, and allocating them one by one was most of the layout's garbage.
type diAlloc struct {
	shapes []bpmn.Shape
	edges  []bpmn.Edge
	bnds   []bpmn.Bounds
	labels []bpmn.Label
	points []bpmn.Point
	flags  []bool
}

// drawnKind is the kind of shape drawn for el, a child of the scope that node n draws: n's
// kind, or kindBoundary when el is a boundary event riding on n.
func (g *graph) drawnKind(el *bpmn.Element, n int32) kind {
	if g.nodes[n].el != el {
		return kindBoundary
	}
	return g.nodes[n].kind
}

// newDIAlloc sizes the arrays exactly for the plane emit builds from the scope's nodes and
// the edges routed as routes: it counts what emit will take, case by case.
func (g *graph) newDIAlloc(routes *routeSet) *diAlloc {
	var shapes, labels, bounds, flags int
	for i, el := range g.scope.Children {
		n := g.nodeOf[i]
		if n < 0 {
			continue
		}
		shapes++
		if el.Type == "ExclusiveGateway" {
			flags++
		}
		switch {
		case g.drawnKind(el, n) == kindActivity:
			labels++ // empty
		case el.Name != "":
			labels++
			bounds++
		}
	}
	for i := range g.edges {
		if g.edges[i].flow.Name != "" {
			labels++
			bounds++
		}
	}
	return &diAlloc{
		shapes: make([]bpmn.Shape, 0, shapes),
		edges:  make([]bpmn.Edge, 0, len(g.edges)),
		bnds:   make([]bpmn.Bounds, 0, shapes+bounds),
		labels: make([]bpmn.Label, 0, labels),
		points: make([]bpmn.Point, 0, len(routes.pts)),
		flags:  make([]bool, 0, flags),
	}
}

// take returns a pointer to the next zero element of *s, or (never, when newDIAlloc counted
// right) a new element of its own.
func take[T any](s *[]T) *T {
	if len(*s) == cap(*s) {
		return new(T)
	}
	*s = (*s)[:len(*s)+1]
	return &(*s)[len(*s)-1]
}

func (a *diAlloc) shape() *bpmn.Shape { return take(&a.shapes) }
func (a *diAlloc) edge() *bpmn.Edge   { return take(&a.edges) }

func (a *diAlloc) label(b *bpmn.Bounds) *bpmn.Label {
	l := take(&a.labels)
	l.Bounds = b
	return l
}

func (a *diAlloc) bounds(b box) *bpmn.Bounds {
	out := take(&a.bnds)
	*out = bpmn.Bounds{X: float64(b.x), Y: float64(b.y), Width: float64(b.w), Height: float64(b.h)}
	return out
}

func (a *diAlloc) flag(v bool) *bool {
	f := take(&a.flags)
	*f = v
	return f
}

// waypoints converts a route to DI points, in a slice of the shared array with no room to
// grow into its neighbour's.
func (a *diAlloc) waypoints(pts []pt) []bpmn.Point {
	start := len(a.points)
	for _, p := range pts {
		a.points = append(a.points, bpmn.Point{X: float64(p.x), Y: float64(p.y)})
	}
	return a.points[start:len(a.points):len(a.points)]
}

// routeAll routes every edge and moves every flow that runs along a gap or a lane onto a track
// of its own, widening the channels and moving the shapes to match. Flows that cross in a gap
// where no track order keeps their stubs apart enter their targets from above or below
// instead, and everything is routed once more.
func (g *graph) routeAll() *routeSet {
	route := func() *routeSet {
		r := newRouter(g)
		routes := newRouteSet(len(g.edges))
		// Default flows first, so each can take a corner of its own (router.ownCorner).
		for _, defaults := range []bool{true, false} {
			for i := range g.edges {
				if e := &g.edges[i]; g.isDefault(e) == defaults {
					r.ownCorner = defaults
					routes.set(i, r.route(e))
				}
			}
		}
		return routes
	}
	routes := route()
	plan := g.planChannels(routes)
	if stuck := plan.stuckRoutes(); len(stuck) > 0 {
		for _, i := range stuck {
			g.edges[i].enterVertically = true
		}
		routes = route()
		plan = g.planChannels(routes)
	}
	g.moveAll(routes, plan)
	return routes
}

// shapeLabel is an external label centred under b, labelGap px below it.
func shapeLabel(b box, name string) box {
	return box{
		x: b.midX() - labelWidth/2,
		y: b.bottom() + labelGap,
		w: labelWidth,
		h: labelLineHeight * labelLines(name),
	}
}

// flowLabel sits flowLabelIndent px above the middle of the flow's last horizontal segment (the
// one nearest its target, which tells the branches of a split apart), or beside the middle of
// its last segment when none is horizontal (bpmn-js LabelUtil getFlowLabelPosition).
func flowLabel(pts []pt, name string) box {
	h := labelLineHeight * labelLines(name)
	for i := len(pts) - 1; i > 0; i-- {
		a, b := pts[i-1], pts[i]
		if a.y == b.y {
			mid := (a.x + b.x) / 2
			return box{x: mid - labelWidth/2, y: a.y - flowLabelIndent - h, w: labelWidth, h: h}
		}
	}
	a, b := pts[len(pts)-2], pts[len(pts)-1]
	return box{x: a.x + flowLabelIndent, y: (a.y+b.y)/2 - h/2, w: labelWidth, h: h}
}

// labelLines estimates how many lines name wraps to in a labelWidth-wide label: words are
// packed greedily into labelCharsPerLine characters, and longer words are cut.
func labelLines(name string) int {
	lines, used := 1, 0
	word := 0
	flush := func() {
		for word > 0 {
			need := word
			if used > 0 {
				need++ // the space before the word
			}
			switch {
			case used+need <= labelCharsPerLine:
				used += need
				word = 0
			case used > 0:
				lines++
				used = 0
			default:
				// A word longer than a line: fill this line and carry the rest.
				word -= labelCharsPerLine
				lines++
			}
		}
	}
	for len(name) > 0 {
		r, n := utf8.DecodeRuneInString(name)
		name = name[n:]
		if r == ' ' || r == '\n' || r == '\t' {
			flush()
			if r == '\n' && used > 0 {
				lines++
				used = 0
			}
			continue
		}
		word++
	}
	flush()
	return lines
}
