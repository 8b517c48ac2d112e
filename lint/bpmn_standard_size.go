package lint

import (
	"github.com/wfc-dev/wfc/bpmn"
	"github.com/wfc-dev/wfc/diag"
)

var ruleStandardSize = &Rule{
	ID:          "standard-size",
	Severity:    diag.Warning,
	Recommended: false,
	Scope:       ScopeBPMN,
	Summary:     "shapes have the modeler's standard size",
	Doc: "Tasks, collapsed sub-processes, call activities, gateways, events and data " +
		"references drawn at odd sizes make a diagram look uneven and hint at hand-edited DI. " +
		"Resize them to the sizes bpmn-js draws by default (activities 100x80, gateways 50x50, " +
		"events 36x36, data objects 36x50, data stores 50x50); an empty pool is checked only for " +
		"its fixed breadth of 60 (its height when horizontal, its width when vertical). " +
		"Expanded sub-processes, pools with content and lanes follow their content and are not " +
		"checked. Off by default. Mirrors bpmnlint's rule of the same name (with its default sizes).",
	Check: func(p *Pass) {
		for _, d := range p.Input.Defs.Diagrams {
			if d.Plane == nil {
				continue
			}
			for _, s := range d.Plane.Shapes {
				checkStandardSize(p, s)
			}
		}
	},
}

// standardSize is a shape size in diagram units (pixels); 0 means "not checked" (bpmn-js
// draws nothing at size 0, so the value cannot collide with a real standard).
type standardSize struct{ width, height float64 }

// standardSizes are bpmn-js's default element sizes, which bpmnlint copies. The first type
// an element is (in this order) decides its size, so a SubProcess is not taken for an Activity.
var standardSizes = []struct {
	typ  string
	size standardSize
}{
	{"SubProcess", standardSize{100, 80}}, // collapsed; expanded ones are skipped
	{"CallActivity", standardSize{100, 80}},
	{"Task", standardSize{100, 80}},
	{"Gateway", standardSize{50, 50}},
	{"Event", standardSize{36, 36}},
	{"DataObjectReference", standardSize{36, 50}},
	{"DataStoreReference", standardSize{50, 50}},
}

// emptyPoolBreadth is the height of an empty horizontal pool, or the width of a vertical one.
const emptyPoolBreadth = 60

func checkStandardSize(p *Pass, s *bpmn.Shape) {
	el, b := s.Element, s.Bounds
	if el == nil || b == nil {
		return
	}
	want, ok := expectedSize(el, s)
	if !ok {
		return
	}
	switch {
	case want.width != 0 && want.height != 0:
		if b.Width != want.width || b.Height != want.height {
			p.ReportElement(el, "element has a non-standard size %gx%g; resize it to %gx%g", b.Width, b.Height, want.width, want.height)
		}
	case want.width != 0:
		if b.Width != want.width {
			p.ReportElement(el, "element has a non-standard width %g; resize it to a width of %g", b.Width, want.width)
		}
	case want.height != 0:
		if b.Height != want.height {
			p.ReportElement(el, "element has a non-standard height %g; resize it to a height of %g", b.Height, want.height)
		}
	}
}

// expectedSize is the standard size of the element drawn by s, ok false when it is not checked.
func expectedSize(el *bpmn.Element, s *bpmn.Shape) (standardSize, bool) {
	switch {
	case el.Is("Participant"):
		if len(el.Refs["processRef"]) > 0 {
			return standardSize{}, false // a pool with content follows its content
		}
		if s.IsHorizontal == nil || *s.IsHorizontal {
			return standardSize{height: emptyPoolBreadth}, true
		}
		return standardSize{width: emptyPoolBreadth}, true
	case el.Is("Lane"):
		return standardSize{}, false
	case el.Is("SubProcess") && s.IsExpanded != nil && *s.IsExpanded:
		return standardSize{}, false
	}
	for _, t := range standardSizes {
		if el.Is(t.typ) {
			return t.size, true
		}
	}
	return standardSize{}, false
}
