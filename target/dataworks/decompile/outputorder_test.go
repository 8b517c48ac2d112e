package decompile

import (
	"encoding/json"
	"os"
	"testing"
)

// reorderOutputs puts each node's default output (named by its id) before wfc's, and makes
// the first dependency on each upstream name that default output: the service's order and
// its choice of output are not documented, and neither changes which node is upstream.
func reorderOutputs(t *testing.T, spec []byte) []byte {
	t.Helper()
	var doc map[string]any
	if err := json.Unmarshal(spec, &doc); err != nil {
		t.Fatal(err)
	}
	wf := doc["spec"].(map[string]any)["workflows"].([]any)[0].(map[string]any)
	byOutput := map[string]string{} // a node's own outputs (not its branches') → its id
	for _, n := range wf["nodes"].([]any) {
		node := n.(map[string]any)
		if node["branch"] != nil {
			continue // its outputs are its branches, which a default output does not stand for
		}
		outs := node["outputs"].(map[string]any)["nodeOutputs"].([]any)
		for i, j := 0, len(outs)-1; i < j; i, j = i+1, j-1 {
			outs[i], outs[j] = outs[j], outs[i]
		}
		for _, o := range outs {
			byOutput[o.(map[string]any)["data"].(string)] = node["id"].(string)
		}
	}
	renamed := map[string]bool{}
	for _, d := range wf["dependencies"].([]any) {
		for _, on := range d.(map[string]any)["depends"].([]any) {
			up := on.(map[string]any)
			if id := byOutput[up["output"].(string)]; id != "" && !renamed[id] {
				renamed[id] = true
				up["output"] = id
			}
		}
	}
	out, err := json.Marshal(doc)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// TestOutputOrderDoesNotMatter: a deployed workflow whose nodes list DataWorks' default
// output first, and whose dependencies name an upstream by either of its outputs, reads
// back to the same steps and structure.
func TestOutputOrderDoesNotMatter(t *testing.T) {
	for _, file := range []string{"../testdata/compile/parallel/workflow.yaml", "../testdata/compile/switch_meet/workflow.yaml"} {
		t.Run(file, func(t *testing.T) {
			src, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			stored := deployed(t, compileFile(t, file, src))
			want, _ := decompileSpec(t, "deployed.json", stored)
			got, _ := decompileSpec(t, "deployed.json", reorderOutputs(t, stored))
			if string(got) != string(want) {
				t.Errorf("with the outputs reordered:\n%s\nwant:\n%s", got, want)
			}
		})
	}
}
