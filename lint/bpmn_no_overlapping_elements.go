package lint

import (
	"math"
	"sort"

	"github.com/wfc-dev/wfc/bpmn"
	"github.com/wfc-dev/wfc/diag"
)

var ruleNoOverlappingElements = &Rule{
	ID:          "no-overlapping-elements",
	Severity:    diag.Warning,
	Recommended: true,
	Scope:       ScopeBPMN,
	Summary:     "shapes do not overlap and stay inside their pool or sub-process",
	Doc: "Shapes drawn on top of each other (touching counts) hide parts of the diagram, and " +
		"a shape drawn outside the pool or expanded sub-process it belongs to misleads the " +
		"reader about where it runs. Move the shapes apart, or back inside their parent. " +
		"Pools are compared with pools, and the elements of each process or sub-process with " +
		"each other; a boundary event may sit on its host, and data store references may lie " +
		"outside their parent. Elements without DI or bounds are skipped. Mirrors bpmnlint's " +
		"rule of the same name.",
	Check: func(p *Pass) {
		defs := p.Input.Defs.Element
		if defs == nil {
			return
		}
		c := overlapCheck{shapes: lastShapes(p.Input.Defs), overlapping: map[*bpmn.Element]*bpmn.Element{}}
		parentOf := map[*bpmn.Element]*bpmn.Bounds{} // process -> bounds of the pool showing it
		for _, collab := range defs.ChildrenOf("Collaboration") {
			participants := collab.ChildrenOf("Participant")
			c.checkOverlaps(participants)
			for _, part := range participants {
				if procs := part.Refs["processRef"]; len(procs) > 0 {
					parentOf[procs[0]] = c.bounds(part) // a later pool wins, as in bpmnlint
				}
			}
		}
		for _, proc := range defs.ChildrenOf("Process") {
			c.checkContainer(proc, parentOf[proc])
		}
		for _, el := range c.overlapOrder {
			p.ReportElement(el, "element overlaps with %s; move them apart", describeElement(c.overlapping[el]))
		}
		for _, el := range c.outside {
			p.ReportElement(el, "element is outside of its parent's boundary; move it inside")
		}
	},
}

// lastShapes maps each element to its shape. When an element is drawn twice (in two
// diagrams), the later shape wins, as in bpmnlint.
func lastShapes(defs *bpmn.Definitions) map[*bpmn.Element]*bpmn.Shape {
	out := map[*bpmn.Element]*bpmn.Shape{}
	for _, d := range defs.Diagrams {
		if d.Plane == nil {
			continue
		}
		for _, s := range d.Plane.Shapes {
			if s.Element != nil {
				out[s.Element] = s
			}
		}
	}
	return out
}

type overlapCheck struct {
	shapes       map[*bpmn.Element]*bpmn.Shape
	overlapping  map[*bpmn.Element]*bpmn.Element // element -> the first element found overlapping it
	overlapOrder []*bpmn.Element                 // overlapping elements in the order found, for stable output
	outside      []*bpmn.Element
}

// checkContainer checks the flow elements of a process or sub-process against each other and
// against parent (the bounds of the pool or expanded sub-process drawing them, nil if none),
// then recurses into its sub-processes.
func (c *overlapCheck) checkContainer(container *bpmn.Element, parent *bpmn.Bounds) {
	stack := []struct {
		container *bpmn.Element
		parent    *bpmn.Bounds
	}{{container, parent}}
	for len(stack) > 0 {
		top := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		elements := flowElements(top.container)
		c.checkOverlaps(elements)
		for _, el := range elements {
			b := c.bounds(el)
			if b != nil && top.parent != nil && !el.Is("DataStoreReference") && !inside(*b, *top.parent) {
				c.outside = append(c.outside, el)
			}
		}
		for _, el := range elements {
			if !el.Is("SubProcess") {
				continue
			}
			var inner *bpmn.Bounds
			if s := c.shapes[el]; s != nil && s.IsExpanded != nil && *s.IsExpanded {
				inner = c.bounds(el)
			}
			stack = append(stack, struct {
				container *bpmn.Element
				parent    *bpmn.Bounds
			}{el, inner})
		}
	}
}

// bounds is the bounds of el's shape, nil when it has no shape or the shape has no bounds.
func (c *overlapCheck) bounds(el *bpmn.Element) *bpmn.Bounds {
	if s := c.shapes[el]; s != nil {
		return s.Bounds
	}
	return nil
}

func inside(child, parent bpmn.Bounds) bool {
	return child.X >= parent.X && child.Y >= parent.Y &&
		child.X+child.Width <= parent.X+parent.Width && child.Y+child.Height <= parent.Y+parent.Height
}

// collide reports whether two rectangles overlap or touch.
func collide(a, b bpmn.Bounds) bool {
	return a.X+a.Width >= b.X && b.X+b.Width >= a.X &&
		a.Y+a.Height >= b.Y && b.Y+b.Height >= a.Y
}

type boxed struct {
	el *bpmn.Element
	b  bpmn.Bounds
}

// checkOverlaps marks every element that collides with another of the same list. A boundary
// event does not collide with its host. It sweeps the shapes in order of their left edge,
// comparing each only with the earlier ones whose right edge reaches it: n·log n for a
// diagram laid out in rows, quadratic only when every shape spans the same columns.
func (c *overlapCheck) checkOverlaps(elements []*bpmn.Element) {
	var boxes []boxed
	for _, el := range elements {
		if b := c.bounds(el); b != nil {
			if !sweepable(*b) {
				c.checkOverlapsPairwise(elements) // the sweep assumes ordinary rectangles
				return
			}
			boxes = append(boxes, boxed{el, *b})
		}
	}
	sort.SliceStable(boxes, func(i, j int) bool { return boxes[i].b.X < boxes[j].b.X })
	var active []boxed
	for _, cur := range boxes {
		kept := active[:0]
		for _, a := range active {
			if a.b.X+a.b.Width >= cur.b.X {
				kept = append(kept, a)
			}
		}
		active = kept
		for _, a := range active {
			if collide(a.b, cur.b) && !attachedTo(a.el, cur.el) {
				c.markOverlap(a.el, cur.el)
			}
		}
		active = append(active, cur)
	}
}

// checkOverlapsPairwise is the plain comparison of every pair, bpmnlint's own algorithm.
func (c *overlapCheck) checkOverlapsPairwise(elements []*bpmn.Element) {
	for i, a := range elements {
		for _, b := range elements[i+1:] {
			ba, bb := c.bounds(a), c.bounds(b)
			if ba != nil && bb != nil && collide(*ba, *bb) && !attachedTo(a, b) {
				c.markOverlap(a, b)
			}
		}
	}
}

// sweepable reports whether the sweep in checkOverlaps is exact for b: finite values and a
// width that is not negative.
func sweepable(b bpmn.Bounds) bool {
	for _, v := range []float64{b.X, b.Y, b.Width, b.Height} {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return false
		}
	}
	return b.Width >= 0
}

func attachedTo(a, b *bpmn.Element) bool {
	return (a.AttachedToRef != nil && a.AttachedToRef == b) || (b.AttachedToRef != nil && b.AttachedToRef == a)
}

func (c *overlapCheck) markOverlap(a, b *bpmn.Element) {
	for _, pair := range [2][2]*bpmn.Element{{a, b}, {b, a}} {
		if c.overlapping[pair[0]] == nil {
			c.overlapping[pair[0]] = pair[1]
			c.overlapOrder = append(c.overlapOrder, pair[0])
		}
	}
}

// describeElement names an element for a message: its id, or its type when it has none.
func describeElement(el *bpmn.Element) string {
	if el.ID != "" {
		return diag.Shorten(el.ID)
	}
	return "a " + el.Type
}
