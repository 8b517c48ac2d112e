package secmaster_test

import (
	"os"
	"testing"

	"github.com/wfc-dev/wfc/lint"
	"github.com/wfc-dev/wfc/target/secmaster"
	"github.com/wfc-dev/wfc/workflow"
)

// TestCompiledBPMNIsLintClean lints the BPMN of every example and focused case with every
// BPMN rule (bpmnlint's 28, ported) enabled, errors and warnings alike, and wants nothing:
// the compiler's output is the house style the linter enforces on hand-drawn diagrams.
func TestCompiledBPMNIsLintClean(t *testing.T) {
	for _, c := range corpus(t) {
		res := mustCompile(t, c.name, c.src)
		// Workflow is left nil so that only the BPMN-scope rules run.
		diags := lint.Run(&lint.Input{File: c.name, Defs: res.Defs, Settings: lint.Settings{Extends: lint.All}})
		for _, d := range diags {
			t.Errorf("%s: %s", c.name, d.Error())
		}
	}
}

// TestExamplesAreLintClean lints each bundled example as `wfc lint` does (the YAML workflow
// and its compiled BPMN, recommended rules): the examples are what users copy from.
func TestExamplesAreLintClean(t *testing.T) {
	for _, file := range exampleFiles(t) {
		src, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		w, diags := workflow.Load(file, src)
		if len(diags) > 0 {
			t.Fatalf("%s: %v", file, diags)
		}
		res, diags := secmaster.Compile(w, secmaster.Options{})
		if len(diags) > 0 {
			t.Fatalf("%s: %v", file, diags)
		}
		in := &lint.Input{File: file, Source: src, Workflow: w, Defs: res.Defs, Settings: lint.Settings{Extends: lint.Recommended}}
		for _, d := range lint.Run(in) {
			t.Errorf("%s", d.Error())
		}
	}
}
