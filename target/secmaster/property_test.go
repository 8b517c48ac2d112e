package secmaster_test

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"testing"

	"github.com/wfc-dev/wfc/bpmn"
)

// corpus is every workflow the tests compile successfully: the examples and the focused
// cases, by name.
type corpusEntry struct {
	name string
	src  []byte
}

func corpus(t *testing.T) []corpusEntry {
	t.Helper()
	var out []corpusEntry
	for _, file := range exampleFiles(t) {
		src, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, corpusEntry{filepath.Base(file), src})
	}
	for _, file := range caseFiles(t, "cases") {
		out = append(out, corpusEntry{filepath.Base(file), section(t, readArchive(t, file), "in.yaml")})
	}
	return out
}

// TestDeterministic compiles every workflow twice and wants the same bytes.
func TestDeterministic(t *testing.T) {
	for _, c := range corpus(t) {
		a, _ := mustCompile(t, c.name, c.src).RequestJSON()
		b, _ := mustCompile(t, c.name, c.src).RequestJSON()
		if !bytes.Equal(a, b) {
			t.Errorf("%s: two compilations differ", c.name)
		}
	}
}

var (
	flowNodeID = regexp.MustCompile(`^(Activity|Gateway|Event)_[01][0-9a-z]{6}$`)
	flowID     = regexp.MustCompile(`^Flow_[01][0-9a-z]{6}$`)
	processID  = regexp.MustCompile(`^Process_1[0-9]{12}$`)
)

// TestTaskflowReadsBack decodes every compiled taskflow the way a consumer would (base64,
// envelope, tree, model) and checks the model: ids in bpmn-js shape, every flow listed in
// its source's outgoing and its target's incoming, a shape for every flow node and an edge
// for every flow, and no two shapes overlapping (a boundary event sits on its host's edge
// and is exempt from that host).
func TestTaskflowReadsBack(t *testing.T) {
	for _, c := range corpus(t) {
		t.Run(c.name, func(t *testing.T) {
			res := mustCompile(t, c.name, c.src)
			doc, err := bpmn.DecodeTaskflow(mustRequest(t, res).Taskflow)
			if err != nil {
				t.Fatalf("taskflow does not decode: %v", err)
			}
			// The taskflow is written straight from the model; the tree is built from it
			// separately (Result.Document): the two must agree.
			if !sameTree(t, doc, mustDocument(t, res)) {
				t.Errorf("decoded taskflow differs from Result.Document")
			}
			defs, err := bpmn.Read(doc)
			if err != nil {
				t.Fatalf("taskflow does not read as BPMN: %v", err)
			}
			if len(defs.Warnings) > 0 {
				t.Errorf("reading gave warnings: %v", defs.Warnings)
			}
			checkModel(t, defs)
		})
	}
}

func sameTree(t *testing.T, a, b *bpmn.Document) bool {
	t.Helper()
	ja, err := bpmn.EncodeTreeJSON(a, "")
	if err != nil {
		t.Fatal(err)
	}
	jb, err := bpmn.EncodeTreeJSON(b, "")
	if err != nil {
		t.Fatal(err)
	}
	return bytes.Equal(ja, jb)
}

func checkModel(t *testing.T, defs *bpmn.Definitions) {
	t.Helper()
	var process *bpmn.Element
	for _, c := range defs.Element.Children {
		if c.Type == "Process" {
			process = c
		}
	}
	if process == nil || !processID.MatchString(process.ID) {
		t.Fatalf("no Process_<13 digits> process")
	}
	if len(defs.Diagrams) != 1 || defs.Diagrams[0].Plane == nil {
		t.Fatalf("want one diagram with a plane, got %d", len(defs.Diagrams))
	}
	var shapes []*bpmn.Element
	starts, ends := 0, 0
	for _, el := range process.Children {
		switch {
		case el.Type == "SequenceFlow":
			if !flowID.MatchString(el.ID) {
				t.Errorf("flow id %q is not Flow_ + 7 characters", el.ID)
			}
			if !contains(el.SourceRef.Outgoing, el) {
				t.Errorf("flow %s is not in the outgoing list of its source %s", el.ID, el.SourceRef.ID)
			}
			if !contains(el.TargetRef.Incoming, el) {
				t.Errorf("flow %s is not in the incoming list of its target %s", el.ID, el.TargetRef.ID)
			}
			if el.Edge == nil || len(el.Edge.Waypoints) < 2 {
				t.Errorf("flow %s has no edge with waypoints", el.ID)
			}
		case el.Is("FlowNode"):
			if !flowNodeID.MatchString(el.ID) {
				t.Errorf("flow node id %q is not in bpmn-js shape", el.ID)
			}
			if el.Shape == nil || el.Shape.Bounds == nil {
				t.Errorf("flow node %s has no shape", el.ID)
				continue
			}
			if el.Shape.ID != el.ID+"_di" {
				t.Errorf("shape of %s is %s, want %s_di", el.ID, el.Shape.ID, el.ID)
			}
			shapes = append(shapes, el)
			starts += btoi(el.Type == "StartEvent")
			ends += btoi(el.Type == "EndEvent")
		}
	}
	if starts != 1 || ends != 1 {
		t.Errorf("%d start and %d end events, want one of each", starts, ends)
	}
	// Pairwise is fine for test-sized diagrams.
	for i, a := range shapes {
		for _, b := range shapes[i+1:] {
			if a.AttachedToRef == b || b.AttachedToRef == a {
				continue
			}
			if overlap(a.Shape.Bounds, b.Shape.Bounds) {
				t.Errorf("shapes of %s and %s overlap", a.ID, b.ID)
			}
		}
	}
}

func contains(list []*bpmn.Element, el *bpmn.Element) bool {
	for _, x := range list {
		if x == el {
			return true
		}
	}
	return false
}

func btoi(b bool) int {
	if b {
		return 1
	}
	return 0
}

func overlap(a, b *bpmn.Bounds) bool {
	return a.X < b.X+b.Width && b.X < a.X+a.Width && a.Y < b.Y+b.Height && b.Y < a.Y+a.Height
}

// TestOriginsPointAtYAML: every flow node and flow of a compiled model carries the YAML
// range it came from, so lint findings on the BPMN can be reported on the workflow.
func TestOriginsPointAtYAML(t *testing.T) {
	for _, c := range corpus(t) {
		res := mustCompile(t, c.name, c.src)
		for _, el := range res.Defs.Element.Children[0].Children {
			r := el.Origin
			if !r.Start.IsValid() || r.File != c.name {
				t.Errorf("%s: %s %s has Origin %#v, want a range in %s", c.name, el.Type, el.ID, el.Origin, c.name)
			}
		}
	}
}
