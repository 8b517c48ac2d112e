package dataworkstest_test

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/wfc-dev/wfc/dataworks/dataworkstest"
)

// withOutput is specDoc(name) whose extract node declares the output data besides its
// default one.
func withOutput(name, data string) map[string]any {
	doc := specDoc(name)
	outs := node(doc, 0)["outputs"].(map[string]any)
	outs["nodeOutputs"] = []any{map[string]any{"data": data, "artifactType": "NodeOutput", "refTableName": "extract"}}
	return doc
}

// TestDeclaredOutputsAreKeptAndUniqueInTheAccount: an output a spec declares is stored as
// declared, with the default output the service generates (named by the node's id) beside it;
// another workflow declaring the same output name fails in its job, as output names are
// unique in the account, while the workflow that has it may import it again.
func TestDeclaredOutputsAreKeptAndUniqueInTheAccount(t *testing.T) {
	srv := newServer(t, func(o *dataworkstest.Options) { o.JobPolls = -1 })
	importSpec(t, srv, encode(withOutput("daily", "daily.extract")))
	stored := srv.Workflows()[0]
	var doc map[string]any
	if err := json.Unmarshal([]byte(stored.Spec), &doc); err != nil {
		t.Fatal(err)
	}
	outs, _ := json.Marshal(node(doc, 0)["outputs"])
	want := `{"nodeOutputs":[{"artifactType":"NodeOutput","data":"daily.extract","refTableName":"extract"},` +
		`{"artifactType":"NodeOutput","data":"` + stored.NodeIDs["extract"] + `","isDefault":true,"refTableName":"extract"}]}`
	if string(outs) != want {
		t.Errorf("stored outputs %s, want %s", outs, want)
	}

	_, body := importSpec(t, srv, encode(withOutput("weekly", "daily.extract")))
	st := jobStatus(t, srv, body["AsyncJob"].(map[string]any)["Id"].(string))
	if st["Status"] != "Fail" || !strings.Contains(st["Error"].(string), `daily.extract is already the output of node "extract" of workflow "daily"`) {
		t.Errorf("job status %v, want Fail: the output name is taken", st)
	}
	if n := len(srv.Workflows()); n != 1 {
		t.Errorf("%d workflows, want 1", n)
	}

	again := withOutput("daily", "daily.extract")
	workflow0(again)["id"] = stored.ID
	_, body = importSpec(t, srv, encode(again))
	if st := jobStatus(t, srv, body["AsyncJob"].(map[string]any)["Id"].(string)); st["Status"] != "Success" {
		t.Errorf("updating the workflow that has the output: %v", st)
	}
}

// TestOutputNamesWithACommaOrControlCharacterAreRefused: a declared output, or a dependency's
// output, holding a comma (DataWorks' separator between output names) or a control character
// is refused with the JSONPath of the name and nothing is stored; dots, spaces and Chinese
// are taken.
func TestOutputNamesWithACommaOrControlCharacterAreRefused(t *testing.T) {
	srv := newServer(t, nil)
	depends := func(doc map[string]any) map[string]any {
		return workflow0(doc)["dependencies"].([]any)[0].(map[string]any)["depends"].([]any)[0].(map[string]any)
	}
	for _, tc := range []struct{ name, data, path string }{
		{"comma", "orders,daily.extract", "$.spec.workflows[0].nodes[0].outputs.nodeOutputs[0].data: the output name \"orders,daily.extract\" holds a comma"},
		{"line break", "orders\ndaily.extract", "$.spec.workflows[0].nodes[0].outputs.nodeOutputs[0].data: the output name \"orders\\ndaily.extract\" holds a control character"},
		{"tab", "orders\tdaily.extract", "$.spec.workflows[0].nodes[0].outputs.nodeOutputs[0].data: the output name \"orders\\tdaily.extract\" holds a control character"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			status, body := importSpec(t, srv, encode(withOutput("wf", tc.data)))
			wantError(t, status, body, 400, "58014884415", tc.path)
		})
	}
	t.Run("dependency", func(t *testing.T) {
		doc := specDoc("wf")
		depends(doc)["output"] = "a,b"
		status, body := importSpec(t, srv, encode(doc))
		wantError(t, status, body, 400, "58014884415", "$.spec.workflows[0].dependencies[0].depends[0].output: the output name \"a,b\" holds a comma")
	})
	if n := srv.Applied(dataworkstest.ActionImportWorkflowDefinition); n != 0 {
		t.Errorf("%d imports with bad output names were applied", n)
	}
	if status, body := importSpec(t, srv, encode(withOutput("wf", "订单 daily.v2.extract"))); status != 200 {
		t.Errorf("an output name with dots, a space and Chinese: %d %v", status, body)
	}
}
