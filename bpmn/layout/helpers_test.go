package layout

import (
	"fmt"
	"strings"
	"testing"

	"github.com/wfc-dev/wfc/bpmn"
)

// model builds a small BPMN model in code, filling the structs the way the reader and the
// builder of package bpmn do: flows are children of the process and are wired into their
// ends' Incoming/Outgoing lists.
type model struct {
	defs *bpmn.Definitions
	proc *bpmn.Element
}

func newModel(processID string) *model {
	root := &bpmn.Element{Type: "Definitions", ID: "Definitions_1"}
	proc := &bpmn.Element{Type: "Process", ID: processID, Parent: root}
	root.Children = append(root.Children, proc)
	defs := &bpmn.Definitions{Element: root, ByID: map[string]*bpmn.Element{processID: proc}}
	return &model{defs: defs, proc: proc}
}

// add creates a flow node of type typ in scope (the process when scope is nil).
func (m *model) add(scope *bpmn.Element, typ, id, name string) *bpmn.Element {
	if scope == nil {
		scope = m.proc
	}
	el := &bpmn.Element{Type: typ, ID: id, Name: name, Parent: scope}
	scope.Children = append(scope.Children, el)
	m.defs.ByID[id] = el
	return el
}

// flow connects two existing elements by id with a sequence flow in the source's scope.
func (m *model) flow(id, from, to string) *bpmn.Element {
	src, tgt := m.defs.ByID[from], m.defs.ByID[to]
	if src == nil || tgt == nil {
		panic(fmt.Sprintf("flow %s: unknown end %s or %s", id, from, to))
	}
	f := m.add(src.Parent, "SequenceFlow", id, "")
	f.SourceRef, f.TargetRef = src, tgt
	src.Outgoing = append(src.Outgoing, f)
	tgt.Incoming = append(tgt.Incoming, f)
	return f
}

// boundary attaches a boundary event to host.
func (m *model) boundary(id, host string) *bpmn.Element {
	h := m.defs.ByID[host]
	b := m.add(h.Parent, "BoundaryEvent", id, "")
	b.AttachedToRef = h
	h.BoundaryEvents = append(h.BoundaryEvents, b)
	return b
}

// chainOf adds nodes "typ:id" in order and links consecutive ones with flows f<i>.
func (m *model) chainOf(specs ...string) {
	prev := ""
	for i, s := range specs {
		typ, id, _ := strings.Cut(s, ":")
		if m.defs.ByID[id] == nil {
			m.add(nil, typ, id, "")
		}
		if prev != "" {
			m.flow(fmt.Sprintf("f_%s_%s_%d", prev, id, i), prev, id)
		}
		prev = id
	}
}

func shapeBox(s *bpmn.Shape) box {
	b := s.Bounds
	return box{int(b.X), int(b.Y), int(b.Width), int(b.Height)}
}

// planeFor finds the plane drawing scope.
func planeFor(t *testing.T, defs *bpmn.Definitions, scope *bpmn.Element) *bpmn.Plane {
	t.Helper()
	for _, d := range defs.Diagrams {
		if d.Plane.Element == scope {
			return d.Plane
		}
	}
	t.Fatalf("no plane draws %s %s", scope.Type, scope.ID)
	return nil
}

// checkGuarantees asserts the layout's promises for one plane: those of checkShapesAndFlows,
// and every flow on lines of its own (checkOwnChannels).
func checkGuarantees(t *testing.T, scope *bpmn.Element, plane *bpmn.Plane) {
	t.Helper()
	checkShapesAndFlows(t, scope, plane)
	checkOwnChannels(t, plane)
}

// checkShapesAndFlows asserts: every flow node drawn exactly once at integer coordinates, no
// two shapes overlapping (a boundary event rides its host's bottom edge instead), every flow
// drawn with at least two orthogonal waypoints starting on its source's border and ending on
// its target's, and no segment through any shape.
func checkShapesAndFlows(t *testing.T, scope *bpmn.Element, plane *bpmn.Plane) {
	t.Helper()
	const margin = 10 // px that must separate unrelated shapes

	count := map[*bpmn.Element]int{}
	for _, s := range plane.Shapes {
		count[s.Element]++
		b := s.Bounds
		for _, v := range []float64{b.X, b.Y, b.Width, b.Height} {
			if v != float64(int(v)) {
				t.Errorf("shape %s has a non-integer coordinate %v", s.ID, v)
			}
		}
		if s.Element.Shape != s {
			t.Errorf("element %s does not point at its shape", s.Element.ID)
		}
	}
	for _, el := range scope.Children {
		if classify(el) == kindNone {
			continue
		}
		if count[el] != 1 {
			t.Errorf("flow node %s has %d shapes, want 1", el.ID, count[el])
		}
	}

	for i, a := range plane.Shapes {
		for _, b := range plane.Shapes[i+1:] {
			ab, bb := shapeBox(a), shapeBox(b)
			if host, ev := a.Element, b.Element; ev.AttachedToRef == host || host.AttachedToRef == ev {
				if ev.AttachedToRef != host {
					ab, bb = bb, ab
				}
				if bb.midY() != ab.bottom() || bb.midX() < ab.x || bb.midX() > ab.right() {
					t.Errorf("boundary event %s is not centred on the bottom edge of %s: %v on %v", b.ID, a.ID, bb, ab)
				}
				continue
			}
			m := margin
			if a.Element.AttachedToRef != nil && a.Element.AttachedToRef == b.Element.AttachedToRef {
				m = 8 // events on one host are bpmn-auto-layout v2's BOUNDARY_EVENT_SPACING apart
			}
			if ab.x < bb.right()+m && bb.x < ab.right()+m && ab.y < bb.bottom()+m && bb.y < ab.bottom()+m {
				t.Errorf("shapes %s %v and %s %v overlap (margin %d)", a.ID, ab, b.ID, bb, m)
			}
		}
	}

	flows := 0
	for _, el := range scope.Children {
		if el.Type != "SequenceFlow" {
			continue
		}
		flows++
		e := el.Edge
		if e == nil {
			t.Errorf("flow %s has no edge", el.ID)
			continue
		}
		if len(e.Waypoints) < 2 {
			t.Errorf("flow %s has %d waypoints, want at least 2", el.ID, len(e.Waypoints))
			continue
		}
		for i := 1; i < len(e.Waypoints); i++ {
			p, q := e.Waypoints[i-1], e.Waypoints[i]
			if p.X != q.X && p.Y != q.Y {
				t.Errorf("flow %s: segment %v-%v is not orthogonal", el.ID, p, q)
			}
		}
		first, last := e.Waypoints[0], e.Waypoints[len(e.Waypoints)-1]
		if !onBorder(shapeBox(el.SourceRef.Shape), first) {
			t.Errorf("flow %s starts at %v, not on the border of %s %v", el.ID, first, el.SourceRef.ID, shapeBox(el.SourceRef.Shape))
		}
		if !onBorder(shapeBox(el.TargetRef.Shape), last) {
			t.Errorf("flow %s ends at %v, not on the border of %s %v", el.ID, last, el.TargetRef.ID, shapeBox(el.TargetRef.Shape))
		}
		for i := 1; i < len(e.Waypoints); i++ {
			p, q := e.Waypoints[i-1], e.Waypoints[i]
			for _, s := range plane.Shapes {
				if crosses(shapeBox(s), p, q) {
					t.Errorf("flow %s: segment %v-%v crosses shape %s %v", el.ID, p, q, s.ID, shapeBox(s))
				}
			}
		}
	}
	if flows != len(plane.Edges) {
		t.Errorf("plane has %d edges for %d flows", len(plane.Edges), flows)
	}
}

// segment is one straight piece of a drawn flow: the i-th of its edge, from a to b.
type segment struct {
	edge *bpmn.Edge
	i    int
	a, b bpmn.Point
}

// sharesPort reports whether s and o may overlap: both are the first segments of flows leaving
// one source from the same point (a fork's shared stub) and neither is the source's default
// flow, whose slash near the source would otherwise mark both; or both the last segments of
// flows entering one target at the same point (a join's shared stub).
func (s segment) sharesPort(o segment) bool {
	sf, of := s.edge.Element, o.edge.Element
	sw, ow := s.edge.Waypoints, o.edge.Waypoints
	if s.i == 0 && o.i == 0 && sf.SourceRef == of.SourceRef && sw[0] == ow[0] {
		return s.a.X != s.b.X || sf.SourceRef.Default != sf && of.SourceRef.Default != of
	}
	sl, ol := len(sw)-2, len(ow)-2
	return s.i == sl && o.i == ol && sf.TargetRef == of.TargetRef && sw[sl+1] == ow[ol+1]
}

// checkOwnChannels asserts that no two flows run along one line for more than a point, so a
// reader can follow every flow: collinear segments of different flows must not overlap, except
// the stubs that flows share at a common source or target port (see sharesPort).
func checkOwnChannels(t *testing.T, plane *bpmn.Plane) {
	t.Helper()
	// Group segments by the line they lie on, so only segments of one line are compared.
	type line struct {
		vertical bool
		at       float64
	}
	lines := map[line][]segment{}
	for _, e := range plane.Edges {
		for i := 1; i < len(e.Waypoints); i++ {
			p, q := e.Waypoints[i-1], e.Waypoints[i]
			if p.X == q.X {
				lines[line{true, p.X}] = append(lines[line{true, p.X}], segment{e, i - 1, p, q})
			} else if p.Y == q.Y {
				lines[line{false, p.Y}] = append(lines[line{false, p.Y}], segment{e, i - 1, p, q})
			}
		}
	}
	span := func(l line, s segment) (float64, float64) {
		if l.vertical {
			return min(s.a.Y, s.b.Y), max(s.a.Y, s.b.Y)
		}
		return min(s.a.X, s.b.X), max(s.a.X, s.b.X)
	}
	for l, segs := range lines {
		for i, s := range segs {
			slo, shi := span(l, s)
			for _, o := range segs[i+1:] {
				olo, ohi := span(l, o)
				if o.edge == s.edge || max(slo, olo) >= min(shi, ohi) || s.sharesPort(o) {
					continue
				}
				t.Errorf("flows %s and %s share the line %v-%v and %v-%v", s.edge.BPMNElement, o.edge.BPMNElement, s.a, s.b, o.a, o.b)
			}
		}
	}
}

func onBorder(b box, p bpmn.Point) bool {
	x, y := int(p.X), int(p.Y)
	inX := x >= b.x && x <= b.right()
	inY := y >= b.y && y <= b.bottom()
	return (inX && (y == b.y || y == b.bottom())) || (inY && (x == b.x || x == b.right()))
}

// crosses reports whether the orthogonal segment p-q passes through the open interior of b.
func crosses(b box, p, q bpmn.Point) bool {
	x1, x2 := min(int(p.X), int(q.X)), max(int(p.X), int(q.X))
	y1, y2 := min(int(p.Y), int(q.Y)), max(int(p.Y), int(q.Y))
	// For a vertical segment x1 == x2, so this asks b.x < x < b.right: a run along the
	// border does not count.
	return x1 < b.right() && x2 > b.x && y1 < b.bottom() && y2 > b.y
}

// dump renders a plane as text, one shape or edge per line, for golden files and for
// comparing runs.
func dump(plane *bpmn.Plane) string {
	var sb strings.Builder
	fmt.Fprintf(&sb, "plane %s -> %s\n", plane.ID, plane.BPMNElement)
	for _, s := range plane.Shapes {
		b := s.Bounds
		fmt.Fprintf(&sb, "shape %s %g,%g %gx%g", s.ID, b.X, b.Y, b.Width, b.Height)
		if s.IsMarkerVisible != nil {
			fmt.Fprintf(&sb, " marker=%v", *s.IsMarkerVisible)
		}
		if s.Label != nil && s.Label.Bounds != nil {
			l := s.Label.Bounds
			fmt.Fprintf(&sb, " label %g,%g %gx%g", l.X, l.Y, l.Width, l.Height)
		}
		sb.WriteByte('\n')
	}
	for _, e := range plane.Edges {
		fmt.Fprintf(&sb, "edge %s", e.ID)
		for _, p := range e.Waypoints {
			fmt.Fprintf(&sb, " %g,%g", p.X, p.Y)
		}
		if e.Label != nil && e.Label.Bounds != nil {
			l := e.Label.Bounds
			fmt.Fprintf(&sb, " label %g,%g %gx%g", l.X, l.Y, l.Width, l.Height)
		}
		sb.WriteByte('\n')
	}
	return sb.String()
}
