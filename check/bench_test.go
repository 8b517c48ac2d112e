package check

import (
	"fmt"
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
