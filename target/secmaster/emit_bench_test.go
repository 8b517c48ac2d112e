package secmaster_test

import (
	"fmt"
	"testing"

	"github.com/wfc-dev/wfc/target/secmaster"
	"github.com/wfc-dev/wfc/workflow"
)

// loadForBench loads and checks the generated workflow of n steps.
func loadForBench(b *testing.B, n int) (*workflow.Workflow, *workflow.Program) {
	w, diags := workflow.Load("gen.yaml", generateWorkflow(n))
	if len(diags) > 0 {
		b.Fatal(diags)
	}
	return w, secmaster.CheckForBench(w)
}

// BenchmarkEmit is the BPMN model's construction from a checked program: the graph, its
// joins and the elements, before layout.
func BenchmarkEmit(b *testing.B) {
	benchmarkModel(b, func(prog *workflow.Program) error {
		_, _, err := secmaster.EmitForBench(prog)
		return err
	})
}

// BenchmarkEmitLayout is BenchmarkEmit and the layout: the laid-out model compile builds
// before it writes the taskflow (issue 8, item 20).
func BenchmarkEmitLayout(b *testing.B) {
	benchmarkModel(b, func(prog *workflow.Program) error {
		_, err := secmaster.ModelForBench(prog)
		return err
	})
}

// benchmarkModel times build on the checked program of each benchmark size.
func benchmarkModel(b *testing.B, build func(*workflow.Program) error) {
	for _, n := range benchSizes {
		b.Run(fmt.Sprintf("steps=%d", n), func(b *testing.B) {
			_, prog := loadForBench(b, n)
			b.ResetTimer()
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				if err := build(prog); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkTaskconfig is the taskconfig and the request's input and output strings of an
// emitted model.
func BenchmarkTaskconfig(b *testing.B) {
	for _, n := range benchSizes {
		b.Run(fmt.Sprintf("steps=%d", n), func(b *testing.B) {
			w, prog := loadForBench(b, n)
			_, nodes, err := secmaster.EmitForBench(prog)
			if err != nil {
				b.Fatal(err)
			}
			b.ResetTimer()
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				if err := secmaster.TaskconfigForBench(w, nodes); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
