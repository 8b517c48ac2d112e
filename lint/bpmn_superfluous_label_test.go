package lint

import (
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/wfc-dev/wfc/bpmn"
)

// decodeTestDiagram reads a BPMN document written inline in a test.
func decodeTestDiagram(t *testing.T, xml string) *bpmn.Definitions {
	t.Helper()
	doc, err := bpmn.DecodeXML([]byte(xml))
	if err != nil {
		t.Fatal(err)
	}
	defs, err := bpmn.Read(doc)
	if err != nil {
		t.Fatal(err)
	}
	return defs
}

// lintLines runs one rule on defs and returns its diagnostics as "file:line:col: message [rule]".
func lintLines(rule *Rule, defs *bpmn.Definitions) []string {
	var out []string
	for _, d := range runRules(&Input{File: "t.bpmn", Defs: defs, Settings: Settings{Extends: All}}, []*Rule{rule}) {
		out = append(out, d.Error())
	}
	return out
}

// bpmnlint's own fixtures have no labelled flow that the rule flags, so the failing cases
// are here: a labelled flow is flagged unless it is conditional, a default flow, or leaves
// an exclusive or inclusive gateway that decides between several flows.
func TestSuperfluousLabel(t *testing.T) {
	const xml = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d">
  <bpmn:process id="P">
    <bpmn:task id="Task" default="Default">
      <bpmn:outgoing>Shipped</bpmn:outgoing><bpmn:outgoing>Default</bpmn:outgoing><bpmn:outgoing>Cond</bpmn:outgoing><bpmn:outgoing>Blank</bpmn:outgoing>
    </bpmn:task>
    <bpmn:sequenceFlow id="Shipped" name="Shipped" sourceRef="Task" targetRef="Xor" />
    <bpmn:sequenceFlow id="Default" name="otherwise" sourceRef="Task" targetRef="End" />
    <bpmn:sequenceFlow id="Cond" name="big" sourceRef="Task" targetRef="End">
      <bpmn:conditionExpression>${big}</bpmn:conditionExpression>
    </bpmn:sequenceFlow>
    <bpmn:sequenceFlow id="Blank" name=" &#9;" sourceRef="Task" targetRef="End" />
    <bpmn:exclusiveGateway id="Xor">
      <bpmn:incoming>Shipped</bpmn:incoming><bpmn:outgoing>Yes</bpmn:outgoing><bpmn:outgoing>No</bpmn:outgoing>
    </bpmn:exclusiveGateway>
    <bpmn:sequenceFlow id="Yes" name="yes" sourceRef="Xor" targetRef="Join" />
    <bpmn:sequenceFlow id="No" name="no" sourceRef="Xor" targetRef="Join" />
    <bpmn:exclusiveGateway id="Join">
      <bpmn:incoming>Yes</bpmn:incoming><bpmn:incoming>No</bpmn:incoming><bpmn:outgoing>Joined</bpmn:outgoing>
    </bpmn:exclusiveGateway>
    <bpmn:sequenceFlow id="Joined" name="joined" sourceRef="Join" targetRef="End" />
    <bpmn:endEvent id="End" />
  </bpmn:process>
</bpmn:definitions>`
	got := lintLines(ruleSuperfluousLabel, decodeTestDiagram(t, xml))
	want := []string{
		`t.bpmn:7:5: sequence flow "Shipped" is labelled but has no condition; remove the label or add the condition [superfluous-label]`,
		`t.bpmn:21:5: sequence flow "joined" is labelled but has no condition; remove the label or add the condition [superfluous-label]`,
	}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("superfluous-label (-want +got):\n%s", d)
	}
}
