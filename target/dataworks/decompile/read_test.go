package decompile

import (
	"strings"
	"testing"

	"github.com/wfc-dev/wfc/diag"
)

// TestWhatCannotBeCarriedIsAnError: each document holds one thing the language cannot say;
// reading it reports an error that names it, and the rest is still read.
func TestWhatCannotBeCarriedIsAnError(t *testing.T) {
	node := func(id, cmd string) string {
		return `{"id":"` + id + `","name":"` + id + `","script":{"runtime":{"command":"` + cmd + `"},"content":"x"},"outputs":{"nodeOutputs":[{"data":"` + id + `"}]}}`
	}
	doc := func(vars, nodes, deps string) string {
		return `{"version":"1.1.0","kind":"ManualWorkflow","spec":{"workflows":[{"name":"w","inputs":{"variables":[` + vars +
			`]},"nodes":[` + nodes + `],"dependencies":[` + deps + `]}]}}`
	}
	for want, input := range map[string]string{
		`workflow parameter "biz-date" is not an input name`: doc(`{"name":"biz-date","value":"1"}`, node("a", "DIDE_SHELL"), ""),
		`is on a cycle of dependencies`: doc("", node("a", "DIDE_SHELL")+","+node("b", "DIDE_SHELL"),
			`{"nodeId":"a","depends":[{"type":"Normal","output":"b"}]},{"nodeId":"b","depends":[{"type":"Normal","output":"a"}]}`),
		`is a for-each (CONTROLLER_TRAVERSE)`: doc("", node("a", "CONTROLLER_TRAVERSE"), ""),
	} {
		src, err := ReadSource("in.json", []byte(input))
		if err != nil {
			t.Fatal(err)
		}
		w, diags := Read(src)
		if w == nil || !diags.HasErrors() || !strings.Contains(diags.Error(), want) {
			t.Errorf("want an error %q, got %v", want, diags)
		}
		for _, d := range diags {
			if d.Severity == diag.Error && d.Rule != "decompile" {
				t.Errorf("rule %q", d.Rule)
			}
		}
	}
}

// TestEmptyWorkflowReadsBack: a workflow without nodes (what compiling steps: [] gives) reads
// back as steps: [] with a warning, and compiles to the same document.
func TestEmptyWorkflowReadsBack(t *testing.T) {
	spec := compileFile(t, "empty.yaml", []byte("wfc: 1\ntarget: dataworks\nname: e\ndescription: \"\"\nsteps: []\n"))
	yaml, diags := decompileSpec(t, "spec.json", spec)
	if !strings.Contains(string(yaml), "steps: []") || len(diags) != 1 || diags.HasErrors() {
		t.Fatalf("got %v\n%s", diags, yaml)
	}
	if again := compileFile(t, "decompiled.yaml", yaml); string(again) != string(spec) {
		t.Errorf("compiles to\n%s\nwant\n%s", again, spec)
	}
}
