package bpmn

import (
	"fmt"
	"io"
	"strings"
	"testing"
)

// benchTasks is the size of the generated process: a start event, this many service
// tasks in a chain, an end event, the flows between them and their DI.
const benchTasks = 5000

// benchProcessXML generates the benchmark document as BPMN XML.
func benchProcessXML(tasks int) []byte {
	var b strings.Builder
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?>
<bpmn2:definitions xmlns:bpmn2="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI" xmlns:dc="http://www.omg.org/spec/DD/20100524/DC" xmlns:di="http://www.omg.org/spec/DD/20100524/DI" id="diagram_Process_1" targetNamespace="http://flowable.org/bpmn">
  <bpmn2:process id="Process_1" name="bench" isExecutable="true">
`)
	node := func(i int) string {
		switch i {
		case 0:
			return "Event_start"
		case tasks + 1:
			return "Event_end"
		}
		return fmt.Sprintf("Activity_%d", i)
	}
	flow := func(i int) string { return fmt.Sprintf("Flow_%d", i) } // from node i to node i+1
	fmt.Fprintf(&b, "    <bpmn2:startEvent id=%q>\n      <bpmn2:outgoing>%s</bpmn2:outgoing>\n    </bpmn2:startEvent>\n", node(0), flow(0))
	for i := 1; i <= tasks; i++ {
		fmt.Fprintf(&b, "    <bpmn2:serviceTask id=%q name=\"Task %d &amp; more\">\n      <bpmn2:incoming>%s</bpmn2:incoming>\n      <bpmn2:outgoing>%s</bpmn2:outgoing>\n    </bpmn2:serviceTask>\n", node(i), i, flow(i-1), flow(i))
	}
	fmt.Fprintf(&b, "    <bpmn2:endEvent id=%q>\n      <bpmn2:incoming>%s</bpmn2:incoming>\n    </bpmn2:endEvent>\n", node(tasks+1), flow(tasks))
	for i := 0; i <= tasks; i++ {
		fmt.Fprintf(&b, "    <bpmn2:sequenceFlow id=%q sourceRef=%q targetRef=%q />\n", flow(i), node(i), node(i+1))
	}
	b.WriteString("  </bpmn2:process>\n  <bpmndi:BPMNDiagram id=\"BPMNDiagram_1\">\n    <bpmndi:BPMNPlane id=\"BPMNPlane_1\" bpmnElement=\"Process_1\">\n")
	for i := 0; i <= tasks+1; i++ {
		fmt.Fprintf(&b, "      <bpmndi:BPMNShape id=\"%s_di\" bpmnElement=%q>\n        <dc:Bounds x=\"%d\" y=\"100\" width=\"100\" height=\"80\" />\n      </bpmndi:BPMNShape>\n", node(i), node(i), i*150)
	}
	for i := 0; i <= tasks; i++ {
		fmt.Fprintf(&b, "      <bpmndi:BPMNEdge id=\"%s_di\" bpmnElement=%q>\n        <di:waypoint x=\"%d\" y=\"140\" />\n        <di:waypoint x=\"%d\" y=\"140\" />\n      </bpmndi:BPMNEdge>\n", flow(i), flow(i), i*150+100, (i+1)*150)
	}
	b.WriteString("    </bpmndi:BPMNPlane>\n  </bpmndi:BPMNDiagram>\n</bpmn2:definitions>\n")
	return []byte(b.String())
}

func benchDoc(b *testing.B) ([]byte, *Document) {
	src := benchProcessXML(benchTasks)
	doc, err := DecodeXML(src)
	if err != nil {
		b.Fatal(err)
	}
	return src, doc
}

func BenchmarkDecodeXML(b *testing.B) {
	src, _ := benchDoc(b)
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := DecodeXML(src); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkEncodeXML(b *testing.B) {
	_, doc := benchDoc(b)
	out, _ := EncodeXML(doc, XMLOptions{Indent: "  "})
	b.SetBytes(int64(len(out)))
	b.ReportAllocs()
	for b.Loop() {
		if err := WriteXML(io.Discard, doc, XMLOptions{Indent: "  "}); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkEncodeTreeJSON(b *testing.B) {
	_, doc := benchDoc(b)
	out, _ := EncodeTreeJSON(doc, "")
	b.SetBytes(int64(len(out)))
	b.ReportAllocs()
	for b.Loop() {
		if err := WriteTreeJSON(io.Discard, doc, ""); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkDecodeTreeJSON(b *testing.B) {
	_, doc := benchDoc(b)
	js, _ := EncodeTreeJSON(doc, "")
	b.SetBytes(int64(len(js)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := DecodeTreeJSON(js); err != nil {
			b.Fatal(err)
		}
	}
}

// TestBenchDocumentShape keeps the benchmark honest: the generated document has the
// node count it claims and survives the codecs.
func TestBenchDocumentShape(t *testing.T) {
	doc, err := DecodeXML(benchProcessXML(20))
	if err != nil {
		t.Fatal(err)
	}
	process := doc.Root().Elements()[0]
	if n := len(process.Elements()); n != 1+20+1+21 {
		t.Fatalf("process has %d children, want 43", n)
	}
	assertXMLRoundTrip(t, doc, XMLOptions{Indent: "  "})
}
