package decompile

import (
	"encoding/json"
	"os"
	"strings"
	"testing"
)

// TestReadSourceForms: the document itself, the request form {"Spec": "..."} and the answer
// GetWorkflowDefinition gives ({"WorkflowDefinition": {"Spec": "..."}}) read alike; a
// SecMaster request or a JSON value of another shape is not taken for a FlowSpec document.
func TestReadSourceForms(t *testing.T) {
	doc, err := os.ReadFile("../testdata/server/sdk-import-example.json")
	if err != nil {
		t.Fatal(err)
	}
	spec, _ := json.Marshal(string(doc))
	forms := map[string]string{
		"document": string(doc),
		"request":  `{"Spec": ` + string(spec) + `}`,
		"answer":   `{"RequestId": "x", "WorkflowDefinition": {"Id": "1", "Spec": ` + string(spec) + `}}`,
	}
	for name, form := range forms {
		if !IsFlowSpec([]byte(form)) {
			t.Errorf("%s: not taken for a FlowSpec document", name)
			continue
		}
		src, err := ReadSource(name, []byte(form))
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		if got := src.Doc.Spec.Workflows[0].Name; got != "Asynchronous_Workflow_Creation_Test" {
			t.Errorf("%s: workflow %q", name, got)
		}
	}
	for _, other := range []string{
		`{"name": "x", "taskflow": "PD94", "taskconfig": "{}"}`,
		`{"data": {"taskflow": "PD94"}}`,
		`[{"version": "1.1.0"}]`,
		`<bpmn2:definitions/>`,
		`{"Spec": "not json"}`,
	} {
		if IsFlowSpec([]byte(other)) {
			t.Errorf("%s taken for a FlowSpec document", other)
		}
	}
	if _, err := ReadSource("empty.json", []byte(`{"version":"1.1.0","kind":"CycleWorkflow","spec":{}}`)); err == nil || !strings.Contains(err.Error(), "no spec.workflows and no spec.nodes") {
		t.Errorf("a spec without workflows: %v", err)
	}
}
