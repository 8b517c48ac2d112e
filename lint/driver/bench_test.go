package driver

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/wfc-dev/wfc/lint"
)

// BenchmarkLint1000Workflows lints 1,000 distinct 30-step workflows held in memory through
// the worker pool `wfc lint` uses (run), as one `wfc lint` over a repository would. Target:
// under one second per op on two cores (-cpu 2). It reports files/s.
func BenchmarkLint1000Workflows(b *testing.B) {
	const files = 1000
	jobs := make([]job, files)
	for i := range jobs {
		src := []byte(genWorkflow(i, 30))
		jobs[i] = job{path: fmt.Sprintf("flows/w%04d.yaml", i), explicit: true, read: func() ([]byte, error) { return src, nil }}
	}
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		diags, _, errs := run(jobs, lint.Settings{})
		if len(diags) != 0 || len(errs) != 0 {
			b.Fatalf("generated workflows should be clean: %v %v", diags.Error(), errs)
		}
	}
	b.ReportMetric(float64(files)*float64(b.N)/b.Elapsed().Seconds(), "files/s")
}

// bpmnlintFixtures is bpmnlint's own test suite (see its README there), the input of issue
// 8 item 19: `wfc lint` over it must be at least 20 times faster than bpmnlint's CLI.
const bpmnlintFixtures = "../../testdata/conformance/bpmnlint/fixtures"

// BenchmarkLintBpmnlintFixtures reads and lints bpmnlint's 203 fixture files with every rule,
// one after another (`wfc lint DIR` spreads them over the cores), as File does for each file
// of a walk: detect, decode, read the model, run the rules. It reports files/s.
func BenchmarkLintBpmnlintFixtures(b *testing.B) {
	paths, err := filepath.Glob(filepath.Join(bpmnlintFixtures, "*.bpmn"))
	if err != nil || len(paths) < 200 {
		b.Fatalf("want the 203 fixtures, got %d files (%v)", len(paths), err)
	}
	settings := lint.Settings{Extends: lint.All}
	b.ReportAllocs()
	for b.Loop() {
		problems := 0
		for _, path := range paths {
			src, err := os.ReadFile(path)
			if err != nil {
				b.Fatal(err)
			}
			diags, err := File(path, src, settings)
			if err != nil {
				b.Fatal(err)
			}
			problems += len(diags)
		}
		if problems < 1000 {
			b.Fatalf("the fixtures should give about 2,000 problems, got %d", problems)
		}
	}
	b.ReportMetric(float64(len(paths))*float64(b.N)/b.Elapsed().Seconds(), "files/s")
}
