package deploy

import (
	"os"
	"path/filepath"
	"testing"
)

// FuzzCompare feeds arbitrary documents to the comparison and the id fill-in: a document that
// parses never panics them, compares equal to itself, and fills in its own ids without error.
func FuzzCompare(f *testing.F) {
	files, _ := filepath.Glob(filepath.Join("testdata", "server", "*.json"))
	for _, file := range files {
		if b, err := os.ReadFile(file); err == nil {
			f.Add(b)
		}
	}
	f.Add([]byte(`{"kind":"ManualWorkflow","spec":{"workflows":[{"name":"w","nodes":[{"name":"a","id":"a"},{"name":"b","id":"a"}],"dependencies":[{"nodeId":"a","depends":[{"output":"a"},7,null]},"x"]}]}}`))
	f.Add([]byte(`{"kind":"ManualWorkflow","spec":{"workflows":[{"name":"w","nodes":[{"name":"a","id":"a","inputs":{"nodeOutputs":[1,"a",{"data":"a"}]}}]}]}}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		d, err := parseDocument(data, "fuzz")
		if err != nil {
			return
		}
		v := viewOf(d)
		if wf, nodes := compare(v, v); len(wf)+len(nodes) != 0 {
			t.Fatalf("a document differs from itself: %+v %+v", wf, nodes)
		}
		p := &WorkflowPlan{Action: Update, local: data, deployed: d}
		p.WorkflowChanges, p.NodeChanges = compare(viewOf(d), v)
		_ = p.Lines()
		if _, err := p.importSpec(); err != nil {
			t.Fatalf("filling in a document's own ids: %v", err)
		}
	})
}
