package lint

import (
	"fmt"
	"strings"
	"testing"

	"github.com/wfc-dev/wfc/bpmn"
)

// BenchmarkBpmnRulesPartA runs all part A rules on a generated diagram of n tasks in a chain
// (with shapes, edges and one event per task), to show the cost grows linearly with size.
func BenchmarkBpmnRulesPartA(b *testing.B) {
	for _, n := range []int{1000, 4000, 16000} {
		defs := chainDiagram(b, n)
		b.Run(fmt.Sprintf("tasks=%d", n), func(b *testing.B) {
			in := &Input{File: "bench.bpmn", Defs: defs, Settings: Settings{Extends: All}}
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				runRules(in, bpmnRulesPartA)
			}
		})
	}
}

// chainDiagram builds start -> task 1 -> ... -> task n -> end, each task with a boundary
// timer event, all drawn.
func chainDiagram(tb testing.TB, n int) *bpmn.Definitions {
	var sem, di strings.Builder
	sem.WriteString(`<bpmn:process id="P" isExecutable="true"><bpmn:startEvent id="T0" name="start"/>`)
	for i := 1; i <= n+1; i++ {
		if i <= n {
			fmt.Fprintf(&sem, `<bpmn:task id="T%d" name="task %d"/>`, i, i)
			fmt.Fprintf(&sem, `<bpmn:boundaryEvent id="B%d" name="late" attachedToRef="T%d"><bpmn:timerEventDefinition/></bpmn:boundaryEvent>`, i, i)
			fmt.Fprintf(&di, `<bpmndi:BPMNShape id="B%d_di" bpmnElement="B%d"><dc:Bounds x="%d" y="180" width="36" height="36"/></bpmndi:BPMNShape>`, i, i, 150*i)
		} else {
			fmt.Fprintf(&sem, `<bpmn:endEvent id="T%d" name="end"/>`, i)
		}
		fmt.Fprintf(&sem, `<bpmn:sequenceFlow id="F%d" sourceRef="T%d" targetRef="T%d"/>`, i, i-1, i)
		fmt.Fprintf(&di, `<bpmndi:BPMNShape id="T%d_di" bpmnElement="T%d"><dc:Bounds x="%d" y="100" width="100" height="80"/></bpmndi:BPMNShape>`, i, i, 150*i)
		fmt.Fprintf(&di, `<bpmndi:BPMNEdge id="F%d_di" bpmnElement="F%d"><di:waypoint x="%d" y="140"/><di:waypoint x="%d" y="140"/></bpmndi:BPMNEdge>`, i, i, 150*i-50, 150*i)
	}
	fmt.Fprintf(&di, `<bpmndi:BPMNShape id="T0_di" bpmnElement="T0"><dc:Bounds x="0" y="122" width="36" height="36"/></bpmndi:BPMNShape>`)
	sem.WriteString(`</bpmn:process>`)
	body := sem.String() + `<bpmndi:BPMNDiagram id="D"><bpmndi:BPMNPlane id="DP" bpmnElement="P">` + di.String() + `</bpmndi:BPMNPlane></bpmndi:BPMNDiagram>`
	xml := `<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" ` +
		`xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI" xmlns:dc="http://www.omg.org/spec/DD/20100524/DC" ` +
		`xmlns:di="http://www.omg.org/spec/DD/20100524/DI" id="Definitions_1">` + body + `</bpmn:definitions>`
	doc, err := bpmn.DecodeXML([]byte(xml))
	if err != nil {
		tb.Fatal(err)
	}
	defs, err := bpmn.Read(doc)
	if err != nil {
		tb.Fatal(err)
	}
	return defs
}
