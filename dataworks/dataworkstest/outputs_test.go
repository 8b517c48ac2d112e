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
