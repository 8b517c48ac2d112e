package lint

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

// bpmnlint's fixtures only have globals with a name attribute (set or empty); these cover
// the absent attribute, which bpmnlint (and so wfc) treats as a name that is not missing but
// is shared by every other unnamed global of the same kind.
func TestGlobalAbsentNames(t *testing.T) {
	tests := []struct {
		name, body, want string
	}{
		{
			name: "one unnamed, referenced error passes",
			body: `<bpmn:process id="P"><bpmn:endEvent id="End"><bpmn:errorEventDefinition errorRef="E1"/></bpmn:endEvent></bpmn:process>
<bpmn:error id="E1"/>`,
			want: "",
		},
		{
			name: "two unnamed errors share the absent name",
			body: `<bpmn:process id="P"><bpmn:endEvent id="End"><bpmn:errorEventDefinition errorRef="E1"/></bpmn:endEvent>
<bpmn:endEvent id="End2"><bpmn:errorEventDefinition errorRef="E2"/></bpmn:endEvent></bpmn:process>
<bpmn:error id="E1"/><bpmn:error id="E2"/>`,
			want: "E1: error has no name, like another error; give each error a distinct name\n" +
				"E2: error has no name, like another error; give each error a distinct name\n",
		},
		{
			name: "an unnamed error and an unnamed signal are different kinds",
			body: `<bpmn:process id="P"><bpmn:endEvent id="End"><bpmn:errorEventDefinition errorRef="E1"/></bpmn:endEvent>
<bpmn:intermediateThrowEvent id="Throw"><bpmn:signalEventDefinition signalRef="S1"/></bpmn:intermediateThrowEvent></bpmn:process>
<bpmn:error id="E1"/><bpmn:signal id="S1"/>`,
			want: "",
		},
		{
			name: "a reference to a global of another kind does not count",
			body: `<bpmn:process id="P"><bpmn:endEvent id="End"><bpmn:errorEventDefinition errorRef="M1"/></bpmn:endEvent></bpmn:process>
<bpmn:message id="M1" name="m"/>`,
			want: "M1: message is unused; reference it from an event or remove it\n",
		},
		{
			name: "a blank name is missing",
			body: `<bpmn:process id="P"><bpmn:sendTask id="Send" messageRef="M1"/></bpmn:process>
<bpmn:message id="M1" name=" "/>`,
			want: "M1: message is missing a name; give it one\n",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := reportLines(runRuleOnXML(t, ruleGlobal, tt.body))
			if d := cmp.Diff(tt.want, got); d != "" {
				t.Errorf("reports differ (-want +got):\n%s", d)
			}
		})
	}
}
