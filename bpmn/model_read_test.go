package bpmn

import (
	"path/filepath"
	"strings"
	"testing"
)

func TestReadAllConformanceFixtures(t *testing.T) {
	for _, f := range modelConformanceFiles(t) {
		defs := readXMLFile(t, f)
		checkInvariants(t, filepath.Base(f), defs)
		if len(defs.ByID) < 2 {
			t.Errorf("%s: only %d ids read", filepath.Base(f), len(defs.ByID))
		}
	}
}

// The golden summaries cover the constructs the spot checks below do not: lanes,
// collaborations, data objects, groups and categories, event definitions, labels.
func TestReadGoldens(t *testing.T) {
	for _, name := range []string{
		"no-overlapping-elements__valid-collaboration-subprocess.bpmn",
		"no-implicit-start__valid.bpmn",
		"no-bpmndi__valid-nested-boundary.bpmn",
		"no-bpmndi__valid-extension-elements.bpmn",
		"no-bpmndi__valid-group.bpmn",
		"label-required__valid-data-objects.bpmn",
		"global__invalid-error-missing-reference.bpmn",
		"ad-hoc-sub-process__valid.bpmn",
		"label-required__valid-participant-lanes.bpmn",
	} {
		t.Run(name, func(t *testing.T) {
			defs := readXMLFile(t, filepath.Join(bpmnlintFixtures, name))
			checkGolden(t, strings.TrimSuffix(name, ".bpmn")+".txt", summarize(defs, true))
		})
	}
	defs := readXMLFile(t, filepath.Join(xmljsFixtures, "edge__secmaster-gateway-cdata.xml"))
	checkGolden(t, "edge__secmaster-gateway-cdata.txt", summarize(defs, true))
}

func TestReadResolvesReferences(t *testing.T) {
	defs := readXMLFile(t, filepath.Join(xmljsFixtures, "edge__secmaster-gateway-cdata.xml"))
	gw := defs.ByID["Gateway_x"]
	if gw == nil || gw.Type != "ExclusiveGateway" || gw.Name != "score > 80?" {
		t.Fatalf("Gateway_x = %+v", gw)
	}
	if gw.Default != defs.ByID["Flow_c"] || gw.Default == nil {
		t.Errorf("default of Gateway_x = %v, want Flow_c", gw.Default)
	}
	if got := idsOf(gw.Outgoing); got != "Flow_b Flow_c" {
		t.Errorf("Gateway_x outgoing = %q", got)
	}
	flowB := defs.ByID["Flow_b"]
	if flowB.SourceRef != gw || flowB.TargetRef != defs.ByID["Event_end"] {
		t.Errorf("Flow_b ends = %v -> %v", flowB.SourceRef, flowB.TargetRef)
	}
	cond := flowB.ChildrenOf("Expression")
	if len(cond) != 1 || cond[0].Type != "FormalExpression" || cond[0].Tag != "conditionExpression" ||
		cond[0].Body != `${score > 80 && verdict == "bad"}` {
		t.Errorf("Flow_b condition = %+v", cond)
	}
	if defs.Prefix != "bpmn2" {
		t.Errorf("prefix = %q", defs.Prefix)
	}
	proc := defs.ByID["Process_1"]
	if docs := proc.ChildrenOf("Documentation"); len(docs) != 1 || docs[0].Body != "Line one\n  indented line two <b>" {
		t.Errorf("process documentation = %+v", docs)
	}
	if task := defs.ByID["Activity_1"]; task.Name != "Tab\tand newline\nname" || len(task.Incoming) != 0 {
		t.Errorf("Activity_1 = %+v", task)
	}
}

func TestReadBoundaryEventsAndSubProcess(t *testing.T) {
	defs := readXMLFile(t, filepath.Join(bpmnlintFixtures, "no-bpmndi__valid-nested-boundary.bpmn"))
	var boundaries, subProcesses []*Element
	var walk func(e *Element)
	walk = func(e *Element) {
		if e.Is("BoundaryEvent") {
			boundaries = append(boundaries, e)
		}
		if e.Is("SubProcess") {
			subProcesses = append(subProcesses, e)
		}
		for _, c := range e.Children {
			walk(c)
		}
	}
	walk(defs.Element)
	if len(boundaries) == 0 || len(subProcesses) == 0 {
		t.Fatalf("nested-boundary fixture: %d boundary events, %d sub-processes", len(boundaries), len(subProcesses))
	}
	for _, b := range boundaries {
		host := b.AttachedToRef
		want, _ := b.Attr("attachedToRef")
		if host == nil || host.ID != want || !host.Is("Activity") {
			t.Errorf("boundary %q: host %v, want activity %q", b.ID, host, want)
		}
	}
	for _, sp := range subProcesses {
		nodes := sp.ChildrenOf("FlowNode")
		if len(nodes) == 0 {
			t.Errorf("sub-process %q: no flow nodes read", sp.ID)
		}
		for _, n := range nodes {
			if n.Parent != sp {
				t.Errorf("%q: parent %v, want %q", n.ID, n.Parent, sp.ID)
			}
		}
	}
}

func TestReadCollaborationAndDI(t *testing.T) {
	defs := readXMLFile(t, filepath.Join(bpmnlintFixtures, "integration__cli__diagram-import-warnings.bpmn"))
	p := defs.ByID["Participant_03hz6qm"]
	if p == nil || p.Refs["processRef"] == nil || p.Refs["processRef"][0] != defs.ByID["Process_1"] {
		t.Fatalf("participant processRef not resolved: %+v", p)
	}
	mf := defs.ByID["MessageFlow_1ofxm38"]
	if mf.SourceRef != p || mf.TargetRef != nil || mf.Unresolved["targetRef"][0] != "Participant_1w6hx42" {
		t.Errorf("message flow ends: %v -> %v, unresolved %v", mf.SourceRef, mf.TargetRef, mf.Unresolved)
	}
	if p.Shape == nil || *p.Shape.Bounds != (Bounds{X: 177, Y: 115, Width: 446, Height: 138}) {
		t.Errorf("participant shape = %+v", p.Shape)
	}
	if mf.Edge == nil || len(mf.Edge.Waypoints) != 2 || mf.Edge.Waypoints[1] != (Point{X: 400, Y: 328}) {
		t.Errorf("message flow edge = %+v", mf.Edge)
	}
	plane := defs.Diagrams[0].Plane
	if plane.Element != defs.ByID["Collaboration_0wzd2dx"] || len(plane.Shapes) != 2 || len(plane.Edges) != 1 {
		t.Errorf("plane = %+v", plane)
	}
	// moddle warns twice about the missing participant: the flow's targetRef and the DI.
	var warned int
	for _, w := range defs.Warnings {
		if strings.Contains(w.Message, "Participant_1w6hx42") {
			warned++
		}
	}
	if warned != 2 {
		t.Errorf("warnings = %v, want 2 about Participant_1w6hx42", defs.Warnings)
	}
}

func TestReadGlobalEventReferences(t *testing.T) {
	defs := readXMLFile(t, filepath.Join(bpmnlintFixtures, "global__valid-error.bpmn"))
	var defsWithRef int
	for _, e := range defs.ByID {
		if e.Type != "ErrorEventDefinition" {
			continue
		}
		ref := e.Refs["errorRef"]
		if len(ref) != 1 || ref[0].Type != "Error" || ref[0].Parent != defs.Element {
			t.Errorf("%s errorRef = %v", e.ID, ref)
		}
		defsWithRef++
	}
	if defsWithRef == 0 {
		t.Fatal("no error event definitions found")
	}
}

// The same process written with each way of binding the BPMN namespace reads the same.
func TestReadAnyPrefix(t *testing.T) {
	const body = `<P:process id="P1"><P:startEvent id="S"><P:outgoing>F</P:outgoing></P:startEvent>` +
		`<P:endEvent id="E"><P:incoming>F</P:incoming></P:endEvent>` +
		`<P:sequenceFlow id="F" sourceRef="S" targetRef="E"/></P:process>` +
		`<DI:BPMNDiagram id="D"><DI:BPMNPlane id="PL" bpmnElement="P1"><DI:BPMNShape id="S_di" bpmnElement="S">` +
		`<DC:Bounds x="1" y="2" width="36" height="36"/></DI:BPMNShape></DI:BPMNPlane></DI:BPMNDiagram>`
	variant := func(defsTag, decls, p, di, dc string) string {
		b := strings.NewReplacer("P:", p, "DI:", di, "DC:", dc).Replace(body)
		return `<` + defsTag + ` ` + decls + ` id="Defs">` + b + `</` + defsTag + `>`
	}
	const (
		model = `"` + bpmnModelURI + `"`
		bdi   = `"` + bpmnDIURI + `"`
		dc    = `"` + ddDCURI + `"`
	)
	variants := map[string]string{
		"bpmn2":   variant("bpmn2:definitions", `xmlns:bpmn2=`+model+` xmlns:bpmndi=`+bdi+` xmlns:dc=`+dc, "bpmn2:", "bpmndi:", "dc:"),
		"bpmn":    variant("bpmn:definitions", `xmlns:bpmn=`+model+` xmlns:bpmndi=`+bdi+` xmlns:omgdc=`+dc, "bpmn:", "bpmndi:", "omgdc:"),
		"default": variant("definitions", `xmlns=`+model+` xmlns:x=`+bdi+` xmlns:y=`+dc, "", "x:", "y:"),
	}
	var first string
	for _, name := range []string{"bpmn2", "bpmn", "default"} {
		defs := readXMLString(t, name, variants[name])
		got := summarize(defs, false)
		got = got[strings.Index(got, "\n"):] // drop the prefix line
		if s := defs.ByID["S"]; s == nil || s.Shape == nil || s.Shape.Bounds.Y != 2 || len(s.Outgoing) != 1 {
			t.Errorf("%s: start event not read with its flow and shape: %+v", name, s)
		}
		if first == "" {
			first = got
		} else if got != first {
			t.Errorf("%s reads differently:\n%s", name, lineDiff(first, got))
		}
	}
	// A prefix bound to another URI is not BPMN, even when it is spelled bpmn.
	defs := readXMLString(t, "foreign", `<definitions xmlns=`+model+` xmlns:bpmn="urn:other" id="D">`+
		`<process id="P"><bpmn:task id="T"/></process></definitions>`)
	if task := defs.ByID["P"].Children[0]; task.Is("Task") || task.Type != "bpmn:task" || defs.ByID["T"] != nil {
		t.Errorf("foreign bpmn:task read as %+v", task)
	}
	// A declaration on an inner element scopes over its subtree only.
	defs = readXMLString(t, "nested", `<d:definitions xmlns:d=`+model+` id="D">`+
		`<p:process xmlns:p=`+model+` id="P"><p:task id="T"/></p:process><p:task id="U"/></d:definitions>`)
	if defs.ByID["T"] == nil || defs.ByID["U"] != nil {
		t.Errorf("nested declaration: T=%v U=%v", defs.ByID["T"], defs.ByID["U"])
	}
}

// bpmn-moddle resolves a node's <incoming>/<outgoing> children and computes nothing from
// the flows' sourceRef/targetRef; bpmnlint's rules see exactly that, so Read does too.
func TestReadIncomingOutgoingMirrorModdle(t *testing.T) {
	defs := readXMLString(t, "refs", `<definitions xmlns="`+bpmnModelURI+`" id="D"><process id="P">`+
		`<startEvent id="S"/>`+
		`<task id="T"><incoming>F1</incoming><incoming>Gone</incoming><outgoing>F2</outgoing></task>`+
		`<endEvent id="E"><incoming>F2</incoming></endEvent>`+
		`<sequenceFlow id="F1" sourceRef="S" targetRef="T"/>`+
		`<sequenceFlow id="F2" sourceRef="T" targetRef="E"/></process></definitions>`)
	s, task, e := defs.ByID["S"], defs.ByID["T"], defs.ByID["E"]
	if len(s.Outgoing) != 0 {
		t.Errorf("S lists no <outgoing>, yet Outgoing = %v", idsOf(s.Outgoing))
	}
	if idsOf(task.Incoming) != "F1" || idsOf(task.Outgoing) != "F2" || idsOf(e.Incoming) != "F2" {
		t.Errorf("T in=%q out=%q, E in=%q", idsOf(task.Incoming), idsOf(task.Outgoing), idsOf(e.Incoming))
	}
	if got := task.Unresolved["incoming"]; len(got) != 1 || got[0] != "Gone" {
		t.Errorf("unresolved incoming = %v", got)
	}
	if defs.ByID["F1"].SourceRef != s {
		t.Error("F1 sourceRef not resolved")
	}
}

func TestReadWarnings(t *testing.T) {
	defs := readXMLString(t, "warn", `<definitions xmlns="`+bpmnModelURI+`" id="D"><process id="P">`+
		`<task id="T"/><task id="T"/><fooTask id="X"/>`+
		`<callActivity id="C" calledElement="elsewhere"/>`+
		`<sequenceFlow id="F" sourceRef="T" targetRef="Nowhere"/></process></definitions>`)
	var msgs []string
	for _, w := range defs.Warnings {
		msgs = append(msgs, w.String())
	}
	got := strings.Join(msgs, "\n")
	for _, want := range []string{
		`1:103: duplicate id "T" (first used by the Task at 1:89)`,
		`1:117: unparsable content <fooTask>`,
		`unresolved reference <Nowhere> in targetRef of SequenceFlow "F"`,
	} {
		if !strings.Contains(got, want) {
			t.Errorf("warnings lack %q:\n%s", want, got)
		}
	}
	if strings.Contains(got, "elsewhere") {
		t.Errorf("calledElement names a process key, not an id, and must not warn:\n%s", got)
	}
	p := defs.ByID["P"]
	if len(p.Children) != 5 || defs.ByID["T"] != p.Children[0] || p.Children[2].Type != "fooTask" || p.Children[2].Is("Task") {
		t.Errorf("process children = %v", p.Children)
	}
	if f := defs.ByID["F"]; f.SourceRef != p.Children[0] {
		t.Error("duplicate id: references must resolve to the first element")
	}
}

func TestReadErrors(t *testing.T) {
	for _, tc := range []struct{ name, xml, want string }{
		{"not bpmn", `<foo/>`, "root element is <foo>, not a BPMN <definitions>"},
		{"wrong namespace", `<definitions xmlns="urn:x"/>`, "not a BPMN <definitions>"},
		{"undeclared prefix", `<bpmn:definitions/>`, "not a BPMN <definitions>"},
	} {
		doc, err := DecodeXML([]byte(tc.xml))
		if err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		_, err = Read(doc)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: err = %v, want %q", tc.name, err, tc.want)
		}
	}
	if _, err := Read(&Document{}); err == nil || !strings.Contains(err.Error(), "no root element") {
		t.Errorf("empty document: err = %v", err)
	}
	if _, err := Read(nil); err == nil {
		t.Error("nil document: no error")
	}
	// Nesting deeper than the limit is refused, not a stack overflow.
	root := &Node{Type: ElementNode, Name: "definitions", Attrs: []Attr{{Name: "xmlns", Value: bpmnModelURI}}}
	n := root
	for i := 0; i < maxReadDepth+5; i++ {
		c := &Node{Type: ElementNode, Name: "subProcess"}
		n.Children = []*Node{c}
		n = c
	}
	if _, err := Read(&Document{Children: []*Node{root}}); err == nil || !strings.Contains(err.Error(), "nest deeper") {
		t.Errorf("deep document: err = %v", err)
	}
}

func TestReadReferenceSamples(t *testing.T) {
	for _, tc := range []struct {
		name                        string
		nodes, flows, shapes, edges int
	}{
		{"seed-create-version", 2, 1, 2, 1},
		{"taskFlow1", 0, 0, 0, 0},
		{"taskFlow2", 3, 2, 3, 2},
	} {
		_, defs := readSample(t, tc.name)
		checkInvariants(t, tc.name, defs)
		procs := defs.Element.ChildrenOf("Process")
		if len(procs) != 1 || len(defs.Diagrams) != 1 || len(defs.Warnings) != 0 {
			t.Fatalf("%s: %d processes, %d diagrams, warnings %v", tc.name, len(procs), len(defs.Diagrams), defs.Warnings)
		}
		nodes, flows := len(procs[0].ChildrenOf("FlowNode")), len(procs[0].ChildrenOf("SequenceFlow"))
		plane := defs.Diagrams[0].Plane
		if nodes != tc.nodes || flows != tc.flows || len(plane.Shapes) != tc.shapes || len(plane.Edges) != tc.edges {
			t.Errorf("%s: %d nodes, %d flows, %d shapes, %d edges; want %d, %d, %d, %d", tc.name,
				nodes, flows, len(plane.Shapes), len(plane.Edges), tc.nodes, tc.flows, tc.shapes, tc.edges)
		}
		if plane.Element != procs[0] {
			t.Errorf("%s: plane draws %v", tc.name, plane.Element)
		}
		for _, n := range procs[0].ChildrenOf("FlowNode") {
			if n.Shape == nil || n.Shape.Bounds == nil {
				t.Errorf("%s: %q has no shape", tc.name, n.ID)
			}
		}
	}
	_, defs := readSample(t, "taskFlow2")
	task := defs.ByID["Activity_1yhrykd"]
	if task.Type != "UserTask" || idsOf(task.Incoming) != "Flow_0bkydhy" || idsOf(task.Outgoing) != "Flow_0gypm4q" {
		t.Errorf("user task = %+v", task)
	}
	if v, _ := task.Attr("soar:handlers"); v != "[]" {
		t.Errorf("soar:handlers = %q", v)
	}
	if b := task.Shape.Bounds; *b != (Bounds{X: -470, Y: -520, Width: 100, Height: 80}) || task.Shape.Label == nil || task.Shape.Label.Bounds != nil {
		t.Errorf("task shape = %+v label %+v", b, task.Shape.Label)
	}
}

func idsOf(es []*Element) string {
	var s []string
	for _, e := range es {
		s = append(s, e.ID)
	}
	return strings.Join(s, " ")
}

// moddle keeps only the last BPMNPlane of a diagram; bpmnlint then reports every element
// drawn only on the earlier plane as missing DI.
func TestReadLastPlaneWins(t *testing.T) {
	defs := readXMLFile(t, filepath.Join(bpmnlintFixtures, "no-overlapping-elements__ignore-missing-di.bpmn"))
	plane := defs.Diagrams[0].Plane
	if plane.ID != "BPMNPlane_2" || plane.Element != defs.ByID["SUB_PROCESS_PLANE"] || len(plane.Shapes) != 0 {
		t.Errorf("plane = %+v", plane)
	}
	for _, id := range []string{"SUB_PROCESS", "TASK", "DATA_STORE_REFERENCE"} {
		if defs.ByID[id].Shape != nil {
			t.Errorf("%s is linked to a shape of the discarded plane", id)
		}
	}
}
