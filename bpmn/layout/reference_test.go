package layout

import (
	"os"
	"path/filepath"
	"slices"
	"sort"
	"testing"

	"github.com/wfc-dev/wfc/bpmn"
)

// TestReferenceSampleRelayout reads a workflow exported by SecMaster, throws its DI away, lays
// it out again and checks that the result looks like the original: the same left-to-right
// order, every shape on one mid-line, every flow a 2-point edge from the source's right middle
// to the target's left middle.
func TestReferenceSampleRelayout(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("..", "..", "testdata", "reference", "taskFlow2.decoded.json"))
	if err != nil {
		t.Fatal(err)
	}
	doc, err := bpmn.DecodeTaskflowJSON(data)
	if err != nil {
		t.Fatal(err)
	}
	defs, err := bpmn.Read(doc)
	if err != nil {
		t.Fatal(err)
	}
	var proc *bpmn.Element
	for _, el := range defs.Element.Children {
		if el.Type == "Process" {
			proc = el
		}
	}
	if proc == nil {
		t.Fatal("sample has no process")
	}
	// The exporter's left-to-right order of the flow nodes.
	var nodes []*bpmn.Element
	for _, el := range proc.Children {
		if el.Shape != nil {
			nodes = append(nodes, el)
		}
	}
	if len(nodes) < 3 {
		t.Fatalf("sample draws %d nodes, expected a start, a task and an end", len(nodes))
	}
	leftToRight := func() []string {
		sorted := append([]*bpmn.Element(nil), nodes...)
		sort.SliceStable(sorted, func(i, j int) bool { return sorted[i].Shape.Bounds.X < sorted[j].Shape.Bounds.X })
		ids := make([]string, len(sorted))
		for i, el := range sorted {
			ids[i] = el.ID
		}
		return ids
	}
	want := leftToRight()

	defs.Diagrams = nil
	for _, el := range proc.Children {
		el.Shape, el.Edge = nil, nil
	}
	if err := Apply(defs); err != nil {
		t.Fatal(err)
	}
	plane := defs.Diagrams[0].Plane
	checkGuarantees(t, proc, plane)
	if plane.ID != "BPMNPlane_1" || plane.BPMNElement != proc.ID {
		t.Errorf("plane %s -> %s, want BPMNPlane_1 -> %s as in the sample", plane.ID, plane.BPMNElement, proc.ID)
	}
	if got := leftToRight(); !slices.Equal(got, want) {
		t.Errorf("left-to-right order %v, want %v", got, want)
	}
	mid := shapeBox(nodes[0].Shape).midY()
	for _, el := range nodes {
		if shapeBox(el.Shape).midY() != mid {
			t.Errorf("%s is off the mid-line", el.ID)
		}
	}
	for _, e := range plane.Edges {
		src, tgt := shapeBox(e.Element.SourceRef.Shape), shapeBox(e.Element.TargetRef.Shape)
		w := e.Waypoints
		if len(w) != 2 || int(w[0].X) != src.right() || int(w[1].X) != tgt.x || int(w[0].Y) != mid || int(w[1].Y) != mid {
			t.Errorf("flow %s waypoints %v, want right-mid to left-mid", e.BPMNElement, w)
		}
	}
}
