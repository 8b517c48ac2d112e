package lint

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

// The fixtures cover flows with no condition and with equal conditions; these pin down what
// counts as the same condition, and that a flow is reported against the first one seen.
func TestNoDuplicateSequenceFlowsConditions(t *testing.T) {
	const nodes = `<bpmn:task id="A"/><bpmn:task id="B"/>`
	tests := []struct {
		name, flows, want string
	}{
		{
			name: "an empty condition differs from no condition",
			flows: `<bpmn:sequenceFlow id="F1" sourceRef="A" targetRef="B"/>
<bpmn:sequenceFlow id="F2" sourceRef="A" targetRef="B"><bpmn:conditionExpression/></bpmn:sequenceFlow>`,
			want: "",
		},
		{
			name: "different conditions are different flows",
			flows: `<bpmn:sequenceFlow id="F1" sourceRef="A" targetRef="B"><bpmn:conditionExpression>${a}</bpmn:conditionExpression></bpmn:sequenceFlow>
<bpmn:sequenceFlow id="F2" sourceRef="A" targetRef="B"><bpmn:conditionExpression>${b}</bpmn:conditionExpression></bpmn:sequenceFlow>`,
			want: "",
		},
		{
			name: "three copies: the later two are duplicates, ends reported once",
			flows: `<bpmn:sequenceFlow id="F1" sourceRef="A" targetRef="B"/>
<bpmn:sequenceFlow id="F2" sourceRef="A" targetRef="B"/>
<bpmn:sequenceFlow id="F3" sourceRef="A" targetRef="B"/>`,
			want: "A: duplicate outgoing sequence flows (F2 repeats F1); remove the duplicates\n" +
				"B: duplicate incoming sequence flows (F2 repeats F1); remove the duplicates\n" +
				"F2: sequence flow is a duplicate of F1 (same source, target and condition); remove it\n" +
				"F3: sequence flow is a duplicate of F1 (same source, target and condition); remove it\n",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			body := `<bpmn:process id="P">` + nodes + tt.flows + `</bpmn:process>`
			got := reportLines(runRuleOnXML(t, ruleNoDuplicateSequenceFlows, body))
			if d := cmp.Diff(tt.want, got); d != "" {
				t.Errorf("reports differ (-want +got):\n%s", d)
			}
		})
	}
}
