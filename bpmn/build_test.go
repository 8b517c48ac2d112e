package bpmn

import (
	"errors"
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/wfc-dev/wfc/internal/race"
)

func mustAdd(t testing.TB) func(*Element, error) *Element {
	return func(e *Element, err error) *Element {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
		return e
	}
}

// The builder plus DI reproduces a real SecMaster taskflow (testdata/reference/taskFlow2)
// exactly: this is the shape the compiler must emit.
func TestBuilderReproducesSecMasterSample(t *testing.T) {
	must := mustAdd(t)
	defs := NewDefinitions("diagram_Process_1756712343827", "bpmn2", []Attr{
		{Name: "xmlns:xsi", Value: xsiURI},
		{Name: "xmlns:bpmn2", Value: bpmnModelURI},
		{Name: "xmlns:bpmndi", Value: bpmnDIURI},
		{Name: "xmlns:dc", Value: ddDCURI},
		{Name: "xmlns:di", Value: ddDIURI},
		{Name: "xmlns:flowable", Value: "http://flowable.org/bpmn"},
		{Name: "xmlns:soar", Value: "https://soc.cloudsre.com/soar/v2"},
	})
	defs.Element.SetAttr("targetNamespace", "http://flowable.org/bpmn")
	defs.Element.SetAttr("xsi:schemaLocation", "http://www.omg.org/spec/BPMN/20100524/MODEL BPMN20.xsd")
	proc := must(defs.AddProcess("Process_1756712343827", "Service_Process1756712343827"))
	start := must(defs.AddNode(proc, "StartEvent", "Event_08x0z1o", ""))
	end := must(defs.AddNode(proc, "bpmn:EndEvent", "Event_0nfmxln", ""))
	task := must(defs.AddNode(proc, "UserTask", "Activity_1yhrykd", "test",
		Attr{Name: "flowable:dueDate"}, Attr{Name: "soar:due_handle", Value: "interrupt"}, Attr{Name: "soar:handlers", Value: "[]"}))
	must(defs.AddNode(task, "Documentation", "", ""))
	f1 := must(defs.Connect("Flow_0bkydhy", start, task))
	f2 := must(defs.Connect("Flow_0gypm4q", task, end))

	shape := func(e *Element, x, y, w, h float64) *Shape {
		s := &Shape{ID: e.ID + "_di", Element: e, Bounds: &Bounds{X: x, Y: y, Width: w, Height: h}}
		e.Shape = s
		return s
	}
	edge := func(f *Element, pts ...Point) *Edge {
		return &Edge{ID: f.ID + "_di", Element: f, Waypoints: pts}
	}
	taskShape := shape(task, -470, -520, 100, 80)
	taskShape.Label = &Label{}
	defs.Diagrams = []*Diagram{{ID: "BPMNDiagram_1", Plane: &Plane{ID: "BPMNPlane_1", Element: proc,
		Shapes: []*Shape{taskShape, shape(end, -318, -498, 36, 36), shape(start, -588, -498, 36, 36)},
		Edges: []*Edge{
			edge(f1, Point{X: -552, Y: -480}, Point{X: -470, Y: -480}),
			edge(f2, Point{X: -370, Y: -480}, Point{X: -318, Y: -480}),
		}}}}

	got, err := Write(defs)
	if err != nil {
		t.Fatal(err)
	}
	want, _ := readSample(t, "taskFlow2")
	assertSameTreeJSON(t, "taskFlow2", want, got)
}

func TestBuilderKeepsModelConsistent(t *testing.T) {
	must := mustAdd(t)
	defs := NewDefinitions("D", "", nil)
	if v, _ := defs.Element.Attr("xmlns"); v != bpmnModelURI {
		t.Errorf("default namespace not declared: %v", defs.Element.Attrs)
	}
	errDef := must(defs.AddNode(defs.Element, "Error", "Error_1", "boom", Attr{Name: "errorCode", Value: "E1"}))
	proc := must(defs.AddProcess("P", "p"))
	task := must(defs.AddNode(proc, "ServiceTask", "T", "call"))
	gw := must(defs.AddNode(proc, "ExclusiveGateway", "G", ""))
	a := must(defs.AddNode(proc, "EndEvent", "A", ""))
	b := must(defs.AddNode(proc, "EndEvent", "B", ""))
	boundary := must(defs.AddNode(proc, "BoundaryEvent", "BE", "", Attr{Name: "attachedToRef", Value: "T"}))
	ed := must(defs.AddEventDefinition(boundary, "ErrorEventDefinition", "ED", Attr{Name: "errorRef", Value: "Error_1"}))
	timer := must(defs.AddEventDefinition(must(defs.AddNode(proc, "IntermediateCatchEvent", "W", "")), "bpmn:TimerEventDefinition", ""))
	defs.SetExpression(timer, "timeDuration", "PT5M")

	must(defs.Connect("F0", task, gw, Attr{Name: "soar:x", Value: "1"}, Attr{Name: "name", Value: "go"}))
	fa := must(defs.Connect("FA", gw, a))
	fb := must(defs.Connect("FB", gw, b))
	if _, err := defs.SetCondition(fa, "${x > 1}"); err != nil {
		t.Fatal(err)
	}
	cond, _ := defs.SetCondition(fa, "${x > 2}") // replaces the first
	if err := defs.SetDefault(gw, fb); err != nil {
		t.Fatal(err)
	}

	if boundary.AttachedToRef != task || len(task.BoundaryEvents) != 1 || ed.Refs["errorRef"][0] != errDef {
		t.Errorf("references not linked: host %v, errorRef %v", boundary.AttachedToRef, ed.Refs)
	}
	if gw.Default != fb || idsOf(gw.Outgoing) != "FA FB" || idsOf(gw.Incoming) != "F0" || fa.SourceRef != gw || fa.TargetRef != a {
		t.Errorf("gateway links: default %v in %q out %q", gw.Default, idsOf(gw.Incoming), idsOf(gw.Outgoing))
	}
	if len(fa.Children) != 1 || fa.Children[0] != cond || cond.Body != "${x > 2}" {
		t.Errorf("condition = %+v", fa.Children)
	}
	if v, _ := cond.Attr("xsi:type"); v != "tFormalExpression" {
		t.Errorf("xsi:type = %q (no BPMN prefix in a default-namespace document)", v)
	}
	if v, _ := defs.Element.Attr("xmlns:xsi"); v != xsiURI {
		t.Error("SetCondition did not declare xsi")
	}
	if got := attrNames(defs.ByID["F0"]); got != "id name sourceRef targetRef soar:x" {
		t.Errorf("flow attributes = %s", got)
	}

	// What was built reads back the same after writing.
	doc, err := Write(defs)
	if err != nil {
		t.Fatal(err)
	}
	back, err := Read(doc)
	if err != nil {
		t.Fatal(err)
	}
	if len(back.Warnings) != 0 {
		t.Errorf("warnings reading the built document: %v", back.Warnings)
	}
	if summarize(back, false) != summarize(defs, false) {
		t.Errorf("built model and its read-back differ:\n%s", lineDiff(summarize(defs, false), summarize(back, false)))
	}
	if tag := back.ByID["W"].Children[0].Children[0]; tag.Tag != "timeDuration" || tag.Type != "FormalExpression" || tag.Body != "PT5M" {
		t.Errorf("timer = %+v", tag)
	}
}

func TestBuilderRejects(t *testing.T) {
	must := mustAdd(t)
	defs := NewDefinitions("D", "bpmn2", nil)
	proc := must(defs.AddProcess("P", ""))
	other := must(defs.AddProcess("Q", ""))
	s := must(defs.AddNode(proc, "StartEvent", "S", ""))
	e := must(defs.AddNode(proc, "EndEvent", "E", ""))
	x := must(defs.AddNode(other, "EndEvent", "X", ""))
	f := must(defs.Connect("F", s, e))
	lane := must(defs.AddNode(must(defs.AddNode(proc, "LaneSet", "LS", "")), "Lane", "L", ""))

	for _, tc := range []struct {
		name string
		err  error
		want string
	}{
		{"duplicate node", second(defs.AddNode(proc, "Task", "S", "")), `duplicate id "S": it is already used by a StartEvent`},
		{"duplicate flow", second(defs.Connect("S", s, e)), `duplicate id "S"`},
		{"duplicate process", second(defs.AddProcess("D", "")), `duplicate id "D": it is already used by a Definitions`},
		{"bad id", second(defs.AddNode(proc, "Task", "1st task", "")), `id "1st task" is not a valid BPMN id`},
		{"unknown type", second(defs.AddNode(proc, "Tsk", "T1", "")), `"Tsk": not a BPMN element type`},
		{"no parent", second(defs.AddNode(nil, "Task", "T2", "")), "no parent"},
		{"cross container", second(defs.Connect("F2", s, x)), "different processes or sub-processes"},
		{"not flow nodes", second(defs.Connect("F3", s, lane)), "sequence flows join flow nodes"},
		{"nil end", second(defs.Connect("F4", s, nil)), "both ends"},
		{"default not leaving", defs.SetDefault(e, f), `EndEvent "E" cannot have a default flow`},
		{"default of other", defs.SetDefault(must(defs.AddNode(proc, "ExclusiveGateway", "G", "")), f), `it does not leave "G"`},
		{"condition on node", second(defs.SetCondition(s, "${a}")), "belongs on a sequence flow"},
		{"definition on task", second(defs.AddEventDefinition(lane, "TimerEventDefinition", "")), "only events have them"},
		{"bad definition", second(defs.AddEventDefinition(s, "Timer", "")), `"Timer" is not an event definition type`},
		{"abstract definition", second(defs.AddEventDefinition(s, "EventDefinition", "")), "not an event definition type"},
	} {
		if tc.err == nil || !strings.Contains(tc.err.Error(), tc.want) {
			t.Errorf("%s: err = %v, want %q", tc.name, tc.err, tc.want)
		}
	}
	for _, err := range []error{second(defs.AddNode(proc, "Task", "S", "")), second(defs.Connect("E", s, e)),
		second(defs.AddEventDefinition(s, "TimerEventDefinition", "F"))} {
		if !errors.Is(err, ErrDuplicateID) {
			t.Errorf("adding an element with a taken id: err = %v, want one that wraps ErrDuplicateID", err)
		}
	}
	if err := second(defs.AddNode(proc, "Task", "1st task", "")); errors.Is(err, ErrDuplicateID) {
		t.Errorf("a malformed id is reported as a duplicate: %v", err)
	}
	// Rejected calls leave nothing behind.
	if defs.ByID["S"].Type != "StartEvent" || defs.ByID["T1"] != nil || defs.ByID["F2"] != nil || len(s.Outgoing) != 1 {
		t.Errorf("a rejected call changed the model: S=%v T1=%v F2=%v out=%q", defs.ByID["S"], defs.ByID["T1"], defs.ByID["F2"], idsOf(s.Outgoing))
	}
	if got := len(proc.Children); got != 5 {
		t.Errorf("process has %d children after rejected calls, want 5", got)
	}
}

func second(_ *Element, err error) error { return err }

func attrNames(e *Element) string {
	var s []string
	for _, a := range e.Attrs {
		s = append(s, a.Name)
	}
	return strings.Join(s, " ")
}

// buildChain builds a process of n nodes the way the compiler does: start, n-2 service
// tasks with a gateway every 10th node, end, each connected to the next as it is added.
func buildChain(tb testing.TB, n int) *Definitions {
	must := mustAdd(tb)
	defs := NewDefinitions("Defs", "bpmn2", []Attr{{Name: "xmlns:xsi", Value: xsiURI}})
	proc := must(defs.AddProcess("Process_1", "bench"))
	prev := must(defs.AddNode(proc, "StartEvent", "N0", ""))
	plane := &Plane{ID: "Plane", Element: proc}
	defs.Diagrams = []*Diagram{{ID: "Diagram", Plane: plane}}
	for i := 1; i < n; i++ {
		typ := "ServiceTask"
		switch {
		case i == n-1:
			typ = "EndEvent"
		case i%10 == 0:
			typ = "ExclusiveGateway"
		}
		node := must(defs.AddNode(proc, typ, fmt.Sprintf("N%d", i), fmt.Sprintf("step %d", i), Attr{Name: "soar:actionId", Value: "a"}))
		flow := must(defs.Connect(fmt.Sprintf("F%d", i), prev, node))
		if prev.Type == "ExclusiveGateway" {
			if _, err := defs.SetCondition(flow, "${ok}"); err != nil {
				tb.Fatal(err)
			}
		}
		node.Shape = &Shape{ID: node.ID + "_di", Element: node, Bounds: &Bounds{X: float64(i * 150), Y: 80, Width: 100, Height: 80}}
		flow.Edge = &Edge{ID: flow.ID + "_di", Element: flow, Waypoints: []Point{{X: float64(i*150 - 50), Y: 120}, {X: float64(i * 150), Y: 120}}}
		plane.Shapes = append(plane.Shapes, node.Shape)
		plane.Edges = append(plane.Edges, flow.Edge)
		prev = node
	}
	return defs
}

func TestBuildChainReadsBack(t *testing.T) {
	defs := buildChain(t, 200)
	doc, err := Write(defs)
	if err != nil {
		t.Fatal(err)
	}
	back, err := Read(doc)
	if err != nil {
		t.Fatal(err)
	}
	if len(back.ByID) != len(defs.ByID) || len(back.Warnings) != 0 || summarize(back, false) != summarize(defs, false) {
		t.Errorf("chain of 200 differs after Write/Read (%d vs %d ids, warnings %v):\n%s", len(back.ByID), len(defs.ByID), back.Warnings, lineDiff(summarize(defs, false), summarize(back, false)))
	}
	// House order: all nodes first, then all flows.
	proc := doc.Root().Children[0]
	names := childNames(proc)
	if i := strings.Index(names, "sequenceFlow"); strings.Contains(names[i:], "Task") {
		t.Error("a flow node was written after a sequence flow")
	}
}

func benchmarkSizes() []int { return []int{5000, 50000} }

func BenchmarkRead(b *testing.B) {
	for _, n := range benchmarkSizes() {
		doc, err := Write(buildChain(b, n))
		if err != nil {
			b.Fatal(err)
		}
		b.Run(fmt.Sprintf("nodes=%d", n), func(b *testing.B) {
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				if _, err := Read(doc); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*n), "ns/node")
		})
	}
}

func BenchmarkWrite(b *testing.B) {
	for _, n := range benchmarkSizes() {
		defs := buildChain(b, n)
		b.Run(fmt.Sprintf("nodes=%d", n), func(b *testing.B) {
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				if _, err := Write(defs); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*n), "ns/node")
		})
	}
}

func BenchmarkBuild(b *testing.B) {
	for _, n := range benchmarkSizes() {
		b.Run(fmt.Sprintf("nodes=%d", n), func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				buildChain(b, n)
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*n), "ns/node")
		})
	}
}

// TestValidIDIsModdlesPattern: validID accepts exactly what bpmn-moddle's id pattern does.
func TestValidIDIsModdlesPattern(t *testing.T) {
	pattern := regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_.\-]*$`)
	alphabet := []string{"", "a", "Z", "_", "0", "9", ".", "-", ":", " ", "é", "\x00", "/", "`", "{", "@", "["}
	ids := []string{"", "Activity_1", "_x", "1a", "-a", ".a", "a.b-c_d9", "a b", "ns:a", "Ä", "a\n"}
	for _, a := range alphabet {
		for _, b := range alphabet {
			for _, c := range alphabet {
				ids = append(ids, a+b+c)
			}
		}
	}
	for _, id := range ids {
		if got, want := validID(id), pattern.MatchString(id); got != want {
			t.Errorf("validID(%q) = %v, the pattern says %v", id, got, want)
		}
	}
}

// TestIsRefAttrIsTheTable: the suffix check in isRefAttr misses no reference attribute.
func TestIsRefAttrIsTheTable(t *testing.T) {
	for name := range refAttrs {
		if !isRefAttr(name) {
			t.Errorf("isRefAttr(%q) = false; it is a reference attribute", name)
		}
	}
	for _, name := range []string{"id", "name", "soar:plugin", "flowable:dueDate", "myRef", "Ref", "defaults"} {
		if isRefAttr(name) {
			t.Errorf("isRefAttr(%q) = true; it is no reference attribute", name)
		}
	}
}

// Grow only makes room: ids registered before it still resolve and are still refused again.
func TestGrowKeepsRegistry(t *testing.T) {
	defs := NewDefinitions("Defs_1", "bpmn2", nil)
	proc := mustAdd(t)(defs.AddProcess("Process_1", ""))
	defs.Grow(1000, 1000)
	if defs.ByID["Defs_1"] != defs.Element || defs.ByID["Process_1"] != proc {
		t.Fatalf("Grow lost registered ids: %v", defs.ByID)
	}
	if _, err := defs.AddNode(proc, "StartEvent", "Process_1", ""); err == nil {
		t.Errorf("an id registered before Grow was accepted again")
	}
	start := mustAdd(t)(defs.AddNode(proc, "StartEvent", "Event_1", ""))
	if defs.ByID["Event_1"] != start || len(defs.ByID) != 3 {
		t.Errorf("registry after Grow and one add = %v", defs.ByID)
	}
}

// Building takes its elements, attribute lists and incoming/outgoing lists from slabs: a
// compiled workflow adds thousands of elements, each of which cost three to four
// allocations.
func TestBuilderAllocationBudget(t *testing.T) {
	if race.Enabled {
		t.Skip("the race detector changes allocation counts; make test runs this without it")
	}
	const n = 1000
	ids := make([]string, 2*n)
	for i := range ids {
		ids[i] = fmt.Sprintf("E%d", i)
	}
	allocs := testing.AllocsPerRun(3, func() {
		defs := NewDefinitions("Defs", "bpmn2", nil)
		defs.Grow(2*n, 2*n)
		proc, err := defs.AddProcess("Process_1", "p")
		if err != nil {
			t.Fatal(err)
		}
		prev, _ := defs.AddNode(proc, "StartEvent", ids[0], "")
		for i := 1; i < n; i++ {
			node, err := defs.AddNode(proc, "ServiceTask", ids[i], "", Attr{Name: "soar:plugin", Value: "p"})
			if err != nil {
				t.Fatal(err)
			}
			if _, err := defs.Connect(ids[n+i], prev, node); err != nil {
				t.Fatal(err)
			}
			prev = node
		}
	})
	// A few: Grow makes room for every element in one array, the process's child list grows
	// by doubling and each attribute or reference slab holds up to 512 items. It was 6,030,
	// then 2,061 with elements allocated one by one; now 61.
	if want := n / 10; allocs > float64(want) {
		t.Errorf("building %d nodes and flows took %v allocations; want at most %d", n, allocs, want)
	}
}
