package bpmn

import (
	"math"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// Read → Write → Read gives the same model (ids, types, attributes, bodies, references,
// DI, warnings) for every conformance fixture, and Write's tree survives the XML codec.
func TestWriteRoundTripsAllFixtures(t *testing.T) {
	for _, f := range modelConformanceFiles(t) {
		name := filepath.Base(f)
		first := readXMLFile(t, f)
		doc, err := Write(first)
		if err != nil {
			t.Fatalf("%s: write: %v", name, err)
		}
		second, err := Read(doc)
		if err != nil {
			t.Fatalf("%s: read back: %v", name, err)
		}
		warned := map[string]bool{}
		for _, w := range first.Warnings {
			warned[w.Message] = true
		}
		for _, w := range second.Warnings {
			if !warned[w.Message] {
				t.Errorf("%s: new warning after Write: %s", name, w.Message)
			}
		}
		want, got := summarize(first, false), summarize(second, false)
		if want != got {
			t.Errorf("%s: model changed through Write:\n%s", name, lineDiff(want, got))
			continue
		}
		xml, err := EncodeXML(doc, XMLOptions{})
		if err != nil {
			t.Fatalf("%s: encode written tree: %v", name, err)
		}
		if third := readXMLString(t, name+" (re-encoded)", string(xml)); summarize(third, false) != want {
			t.Errorf("%s: model changed through XML", name)
		}
	}
}

// SecMaster's own documents are already in the house shape: writing what was read gives
// back the identical tree.
func TestWriteReproducesSecMasterSamples(t *testing.T) {
	for _, name := range []string{"seed-create-version", "taskFlow1", "taskFlow2"} {
		doc, defs := readSample(t, name)
		out, err := Write(defs)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		assertSameTreeJSON(t, name, doc, out)
	}
}

func assertSameTreeJSON(t *testing.T, name string, want, got *Document) {
	t.Helper()
	wantJSON, err := EncodeTreeJSON(want, " ")
	if err != nil {
		t.Fatal(err)
	}
	gotJSON, err := EncodeTreeJSON(got, " ")
	if err != nil {
		t.Fatal(err)
	}
	if string(wantJSON) != string(gotJSON) {
		t.Errorf("%s: tree differs:\n%s", name, lineDiff(string(wantJSON), string(gotJSON)))
	}
}

func TestWriteOrdersChildren(t *testing.T) {
	defs := readXMLString(t, "order", `<b:definitions xmlns:b="`+bpmnModelURI+`" xmlns:x="urn:x" id="D">`+
		`<b:process id="P">`+
		`<b:sequenceFlow id="F1" sourceRef="A" targetRef="B"/>`+
		`<b:textAnnotation id="N"><b:text>note</b:text></b:textAnnotation>`+
		`<b:task id="A"><b:outgoing>F1</b:outgoing><b:extensionElements><x:f a="1">v</x:f></b:extensionElements>`+
		`<b:documentation>doc</b:documentation></b:task>`+
		`<b:sequenceFlow id="F2" sourceRef="B" targetRef="A"/>`+
		`<b:task id="B"><b:incoming>F1</b:incoming></b:task>`+
		`<b:laneSet id="L"/>`+
		`</b:process></b:definitions>`)
	doc, err := Write(defs)
	if err != nil {
		t.Fatal(err)
	}
	proc := doc.Root().Children[0]
	if got := childNames(proc); got != "b:laneSet b:task b:task b:sequenceFlow b:sequenceFlow b:textAnnotation" {
		t.Errorf("process children = %s", got)
	}
	if got := childNames(proc.Children[1]); got != "b:documentation b:extensionElements b:outgoing" {
		t.Errorf("task children = %s", got)
	}
	if flows := proc.Children[3:5]; flows[0].AttrOr("id", "") != "F1" || flows[1].AttrOr("id", "") != "F2" {
		t.Error("sequence flows lost their relative order")
	}
	ext := proc.Children[1].Children[1].Children[0]
	if ext.Name != "x:f" || ext.AttrOr("a", "") != "1" || ext.InnerText() != "v" {
		t.Errorf("extension element = %+v", ext)
	}
	if note := proc.Children[5].Children[0]; note.Name != "b:text" || note.InnerText() != "note" {
		t.Errorf("annotation text = %+v", note)
	}
}

func TestWriteKeepsCDATAAndDeclaresDI(t *testing.T) {
	defs := readXMLFile(t, filepath.Join(xmljsFixtures, "edge__secmaster-gateway-cdata.xml"))
	doc, err := Write(defs)
	if err != nil {
		t.Fatal(err)
	}
	xml, err := EncodeXML(doc, XMLOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(xml), `<![CDATA[${score > 80 && verdict == "bad"}]]>`) ||
		!strings.Contains(string(xml), `${score &lt;= 80 &amp;&amp; x != 'y'}`) {
		t.Errorf("bodies not written as read:\n%s", xml)
	}

	// A model with DI but no dc/di declarations gets them; an existing prefix is reused.
	defs = NewDefinitions("D", "bpmn2", []Attr{{Name: "xmlns:omgdc", Value: ddDCURI}})
	proc := mustAdd(t)(defs.AddProcess("P", ""))
	start := mustAdd(t)(defs.AddNode(proc, "StartEvent", "S", ""))
	defs.Diagrams = []*Diagram{{ID: "Dia", Plane: &Plane{ID: "Pl", Element: proc,
		Shapes: []*Shape{{ID: "S_di", Element: start, Bounds: &Bounds{X: 150, Y: -80.5, Width: 36, Height: 36},
			Label: &Label{Bounds: &Bounds{X: 1, Y: 2, Width: 3, Height: 4}}}},
		Edges: []*Edge{{ID: "E_di", BPMNElement: "gone", Waypoints: []Point{{X: 0, Y: 1e6}}}}}}}
	doc, err = Write(defs)
	if err != nil {
		t.Fatal(err)
	}
	root := doc.Root()
	var decls []string
	for _, a := range root.Attrs {
		decls = append(decls, a.Name)
	}
	if got := strings.Join(decls, " "); got != "xmlns:omgdc xmlns:bpmn2 xmlns:bpmndi xmlns:di id" {
		t.Errorf("root attributes = %s", got)
	}
	plane := root.Children[1].Children[0]
	if plane.AttrOr("bpmnElement", "") != "P" || childNames(plane) != "bpmndi:BPMNShape bpmndi:BPMNEdge" {
		t.Errorf("plane = %+v", plane)
	}
	bounds := plane.Children[0].Children[0]
	if bounds.Name != "omgdc:Bounds" || attrString(bounds) != `x=150 y=-80.5 width=36 height=36` {
		t.Errorf("bounds = %s %s", bounds.Name, attrString(bounds))
	}
	if wp := plane.Children[1].Children[0]; wp.Name != "di:waypoint" || attrString(wp) != "x=0 y=1000000" {
		t.Errorf("waypoint = %s %s", wp.Name, attrString(wp))
	}
	if edge := plane.Children[1]; edge.AttrOr("bpmnElement", "") != "gone" {
		t.Errorf("a dangling edge must keep the id it was given: %+v", edge)
	}
}

func TestWriteErrors(t *testing.T) {
	if _, err := Write(nil); err == nil {
		t.Error("nil definitions: no error")
	}
	defs := NewDefinitions("D", "bpmn2", nil)
	defs.Element.Children = append(defs.Element.Children, &Element{ID: "X", Parent: defs.Element})
	if _, err := Write(defs); err == nil || !strings.Contains(err.Error(), `"X" has no type`) {
		t.Errorf("untyped element: err = %v", err)
	}
}

func TestFormatCoord(t *testing.T) {
	for v, want := range map[float64]string{150: "150", -470: "-470", 150.5: "150.5", 0.1: "0.1", 29.999998092651367: "29.999998092651367",
		999999999999999: "999999999999999", -1e15: "-1000000000000000", 1e21: "1000000000000000000000", 1.5e300 / 1e299: "15"} {
		if got := formatCoord(v); got != want {
			t.Errorf("formatCoord(%v) = %q, want %q", v, got, want)
		}
	}
	if got := formatCoord(math.Copysign(0, -1)); got != "0" {
		t.Errorf("formatCoord(-0) = %q", got)
	}
}

// appendCoord's fast path for whole coordinates below 2^32 prints what formatCoord prints,
// at its edges (digit counts, 2^32, negatives, -0) and beyond them.
func TestAppendCoordMatchesFormatCoord(t *testing.T) {
	values := []float64{0, math.Copysign(0, -1), 1, 9, 10, 99, 100, 101, 999, 1000, 12345, 171587,
		1e9, 4294967295, 4294967296, 4294967297, -1, -4294967295, 0.5, 150.5, 1e15, 1e21, 1005, 100050, 999999,
		math.NaN(), math.Inf(1), math.Inf(-1)}
	for d := uint32(1); d < 1e9; d *= 10 {
		values = append(values, float64(d-1), float64(d), float64(d+1))
	}
	for _, v := range values {
		if got, want := string(appendCoord([]byte("x"), v)), "x"+formatCoord(v); got != want {
			t.Errorf("appendCoord(%v) = %q, want %q", v, got, want)
		}
	}
}

func childNames(n *Node) string {
	var s []string
	for _, c := range n.Elements() {
		s = append(s, c.Name)
	}
	return strings.Join(s, " ")
}

func attrString(n *Node) string {
	var s []string
	for _, a := range n.Attrs {
		s = append(s, a.Name+"="+a.Value)
	}
	return strings.Join(s, " ")
}

func TestDecimalSize(t *testing.T) {
	for _, u := range []uint32{0, 1, 9, 10, 99, 100, 999999, 1000000, 9999999, 10000000, 99999999, 100000000, 999999999, 1000000000, 4294967295} {
		if got, want := decimalSize(u), len(strconv.FormatUint(uint64(u), 10)); got != want {
			t.Errorf("decimalSize(%d) = %d, want %d", u, got, want)
		}
	}
}
