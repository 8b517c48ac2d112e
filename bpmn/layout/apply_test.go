package layout

import (
	"strings"
	"testing"

	"github.com/wfc-dev/wfc/bpmn"
)

func TestApplySubProcessGetsItsOwnDiagram(t *testing.T) {
	m := newModel("Process_1")
	m.chainOf("StartEvent:start", "SubProcess:sub", "EndEvent:end")
	sub := m.defs.ByID["sub"]
	m.add(sub, "StartEvent", "subStart", "")
	m.add(sub, "ServiceTask", "subTask", "")
	m.add(sub, "EndEvent", "subEnd", "")
	m.flow("s1", "subStart", "subTask")
	m.flow("s2", "subTask", "subEnd")
	m.boundary("err", "sub")
	m.add(nil, "EndEvent", "failed", "")
	m.flow("f_err", "err", "failed")

	if err := Apply(m.defs); err != nil {
		t.Fatal(err)
	}
	if len(m.defs.Diagrams) != 2 {
		t.Fatalf("got %d diagrams, want the process's and the sub-process's", len(m.defs.Diagrams))
	}
	if d := m.defs.Diagrams[1]; d.ID != "BPMNDiagram_sub" || d.Plane.ID != "BPMNPlane_sub" || d.Plane.BPMNElement != "sub" {
		t.Errorf("sub-process diagram = %s / %s -> %s", d.ID, d.Plane.ID, d.Plane.BPMNElement)
	}
	checkGuarantees(t, m.proc, planeFor(t, m.defs, m.proc))
	checkGuarantees(t, sub, planeFor(t, m.defs, sub))
	if b := sub.Shape.Bounds; b.Width != 100 || b.Height != 80 || sub.Shape.IsExpanded != nil {
		t.Errorf("sub-process shape %+v expanded=%v, want a collapsed 100x80 box", *b, sub.Shape.IsExpanded)
	}
}

func TestApplyLeavesExistingDIAlone(t *testing.T) {
	m := newModel("Process_1")
	m.chainOf("StartEvent:start", "ServiceTask:a", "EndEvent:end")
	kept := &bpmn.Shape{ID: "a_di", BPMNElement: "a", Element: m.defs.ByID["a"], Bounds: &bpmn.Bounds{X: 1, Y: 2, Width: 3, Height: 4}}
	m.defs.ByID["a"].Shape = kept

	// A second process, not drawn yet, gets a diagram named after it.
	other := &bpmn.Element{Type: "Process", ID: "Process_2", Parent: m.defs.Element}
	m.defs.Element.Children = append(m.defs.Element.Children, other)
	m.defs.ByID["Process_2"] = other
	m.add(other, "StartEvent", "start2", "")
	m.add(other, "EndEvent", "end2", "")
	m.flow("g1", "start2", "end2")
	m.defs.Diagrams = []*bpmn.Diagram{{ID: "BPMNDiagram_1", Plane: &bpmn.Plane{ID: "BPMNPlane_1", BPMNElement: "Process_1", Element: m.proc, Shapes: []*bpmn.Shape{kept}}}}

	if err := Apply(m.defs); err != nil {
		t.Fatal(err)
	}
	if m.defs.ByID["start"].Shape != nil || m.defs.ByID["a"].Shape != kept || len(m.defs.Diagrams[0].Plane.Shapes) != 1 {
		t.Errorf("the drawn process was changed")
	}
	if len(m.defs.Diagrams) != 2 || m.defs.Diagrams[1].ID != "BPMNDiagram_Process_2" || m.defs.Diagrams[1].Plane.ID != "BPMNPlane_Process_2" {
		t.Fatalf("diagrams after Apply: %d, want Process_2's added as BPMNDiagram_Process_2", len(m.defs.Diagrams))
	}
	checkGuarantees(t, other, m.defs.Diagrams[1].Plane)

	// Applying again adds nothing: every process is drawn now.
	if err := Apply(m.defs); err != nil || len(m.defs.Diagrams) != 2 {
		t.Errorf("second Apply: err %v, %d diagrams, want no change", err, len(m.defs.Diagrams))
	}
}

func TestApplyErrors(t *testing.T) {
	if err := Apply(nil); err == nil || !strings.Contains(err.Error(), "no BPMN document") {
		t.Errorf("Apply(nil) = %v", err)
	}

	m := newModel("Process_1")
	m.chainOf("StartEvent:start", "ServiceTask:a")
	m.defs.ByID["a"].ID = ""
	m.defs.ByID["a"].Node = &bpmn.Node{Line: 7, Col: 5}
	err := Apply(m.defs)
	if err == nil || !strings.HasPrefix(err.Error(), "7:5: layout: a ServiceTask in Process \"Process_1\" has no id") {
		t.Errorf("missing id: %v", err)
	}

	m = newModel("Process_1")
	collab := &bpmn.Element{Type: "Collaboration", ID: "Collab_1", Parent: m.defs.Element}
	m.defs.Element.Children = append([]*bpmn.Element{collab}, m.defs.Element.Children...)
	if err := Apply(m.defs); err == nil || !strings.Contains(err.Error(), `collaboration "Collab_1"`) {
		t.Errorf("collaboration: %v", err)
	}

	if _, err := LayoutProcess(nil); err == nil {
		t.Errorf("LayoutProcess(nil) gave no error")
	}
}

func TestLayoutProcessEmptyAndDangling(t *testing.T) {
	m := newModel("Process_1")
	plane, err := LayoutProcess(m.proc)
	if err != nil || len(plane.Shapes) != 0 || len(plane.Edges) != 0 {
		t.Fatalf("empty process: %v, %+v", err, plane)
	}
	// A flow whose target is missing is not drawn; the rest is.
	m.chainOf("StartEvent:start", "EndEvent:end")
	f := m.add(nil, "SequenceFlow", "dangling", "")
	f.SourceRef = m.defs.ByID["end"]
	plane, err = LayoutProcess(m.proc)
	if err != nil {
		t.Fatal(err)
	}
	if len(plane.Shapes) != 2 || len(plane.Edges) != 1 || f.Edge != nil {
		t.Errorf("got %d shapes and %d edges, dangling edge %v; want 2, 1, none", len(plane.Shapes), len(plane.Edges), f.Edge)
	}
}

func TestLabelLines(t *testing.T) {
	for _, tt := range []struct {
		name string
		want int
	}{
		{"", 1},
		{"start", 1},
		{"exactly fifteen", 1},
		{"block the source address", 2},
		{"averyveryverylongwordthatwraps", 2},
		{"first\nsecond", 2},
	} {
		if got := labelLines(tt.name); got != tt.want {
			t.Errorf("labelLines(%q) = %d, want %d", tt.name, got, tt.want)
		}
	}
}

func TestManyBoundaryEventsWidenTheirHost(t *testing.T) {
	m := newModel("Process_1")
	m.chainOf("StartEvent:start", "ServiceTask:call", "ServiceTask:next", "EndEvent:end")
	for i := 0; i < 4; i++ {
		b := m.boundary("b"+string(rune('0'+i)), "call")
		m.add(nil, "EndEvent", "e"+string(rune('0'+i)), "")
		m.flow("f"+string(rune('0'+i)), b.ID, "e"+string(rune('0'+i)))
	}
	if err := Apply(m.defs); err != nil {
		t.Fatal(err)
	}
	checkGuarantees(t, m.proc, m.defs.Diagrams[0].Plane)
	host := shapeBox(m.defs.ByID["call"].Shape)
	if host.w != 3*boundaryPitch || host.h != activityHeight {
		t.Errorf("host with 4 boundary events is %dx%d, want %dx%d", host.w, host.h, 3*boundaryPitch, activityHeight)
	}
	// The next column moves right by what the wider column needs.
	if next := shapeBox(m.defs.ByID["next"].Shape); next.x-host.right() < 2*gapClearance {
		t.Errorf("next task %v is too close to the widened host %v", next, host)
	}
}

// Nodes no flow reaches each start a band of their own below what is already drawn.
func TestUnconnectedNodesGoBelow(t *testing.T) {
	m := newModel("Process_1")
	m.chainOf("StartEvent:start", "ServiceTask:a", "EndEvent:end")
	m.add(nil, "ServiceTask", "lonely", "")
	m.chainOf("StartEvent:start2", "ServiceTask:b")
	if err := Apply(m.defs); err != nil {
		t.Fatal(err)
	}
	checkGuarantees(t, m.proc, m.defs.Diagrams[0].Plane)
	y := func(id string) int { return shapeBox(m.defs.ByID[id].Shape).midY() }
	if !(y("start") < y("lonely") && y("lonely") < y("start2")) || y("start2") != y("b") {
		t.Errorf("rows: main %d, lonely %d, second start %d and its task %d", y("start"), y("lonely"), y("start2"), y("b"))
	}
}
