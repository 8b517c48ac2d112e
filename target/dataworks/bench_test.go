package dataworks

import (
	"fmt"
	"strings"
	"testing"

	"github.com/wfc-dev/wfc/target"
	"github.com/wfc-dev/wfc/workflow"
)

// benchSizes are the workflow sizes benchmarked, in steps (nested steps included), as for
// SecMaster (target/secmaster/bench_test.go).
var benchSizes = []int{50, 1000, 10000}

// generateWorkflow writes a valid DataWorks workflow of n steps: repeated blocks of a run,
// a switch (one case skipping ahead, the default going on), a run and a two-branch parallel
// (three runs), then plain runs up to n. Every block's parallel is entered from two places,
// so every block has a join node too.
func generateWorkflow(n int) []byte {
	var b strings.Builder
	b.WriteString("wfc: 1\ntarget: dataworks\nname: generated\ndescription: benchmark input\npath: bench\n" +
		"schedule: { cron: \"00 30 02 * * ?\" }\ninputs:\n  - name: x\nsteps:\n")
	const blockSteps = 7
	i := 0
	for ; (i+1)*blockSteps <= n; i++ {
		fmt.Fprintf(&b, `  - id: a%[1]d
    run: { command: ODPS_SQL, code: "select %[1]d;" }
    datasource: odps_first
    with: { bizdate: "$[yyyymmdd-1]", n: "%[1]d" }
  - id: s%[1]d
    switch:
      - name: hot
        when: "${inputs.x == 'hot'}"
        next: p%[1]d
    default: v%[1]d
  - id: v%[1]d
    run: { command: DIDE_SHELL, code: "echo %[1]d" }
  - id: p%[1]d
    parallel:
      - steps:
          - id: b%[1]d
            run: { command: PYTHON, code: "print(%[1]d)" }
      - steps:
          - id: c%[1]d
            run: { command: DIDE_SHELL, code: "echo c" }
          - id: d%[1]d
            run: { command: DIDE_SHELL, code: "echo d" }
`, i)
	}
	for j := i * blockSteps; j < n; j++ {
		fmt.Fprintf(&b, "  - id: tail%d\n    run: { command: DIDE_SHELL, code: echo }\n", j)
	}
	return []byte(b.String())
}

// TestGeneratedWorkflowCompiles: the benchmark input is a valid workflow of n steps, with a
// node per run and switch step and a join node per block, and it passes the schemas.
func TestGeneratedWorkflowCompiles(t *testing.T) {
	for _, n := range []int{7, 50} {
		u := target.BuildFor("", "gen.yaml", generateWorkflow(n), target.Options{})
		if u.Artifact == nil || len(u.Diags) > 0 {
			t.Fatalf("%d steps: %v", n, u.Diags)
		}
		if got := len(u.Workflow.AllSteps()); got != n {
			t.Fatalf("generated %d steps, want %d", got, n)
		}
		blocks := n / 7
		wantNodes := n - blocks + blocks // per block: the parallel has no node, its join has one
		if got := len(u.Artifact.(*Artifact).Doc.Spec.Workflows[0].Nodes); got != wantNodes {
			t.Errorf("%d steps: %d nodes, want %d", n, got, wantNodes)
		}
		spec, err := u.Artifact.Emit(FormSpec)
		if err != nil {
			t.Fatal(err)
		}
		validateFlowSpec(t, spec)
	}
}

// TestCompileAllocationsGrowLinearly: compiling twice the steps costs at most a little over
// twice the allocations (a quadratic dependency search would cost four times).
func TestCompileAllocationsGrowLinearly(t *testing.T) {
	allocs := func(n int) float64 {
		prog := resolvedProgram(t, n)
		return testing.AllocsPerRun(3, func() {
			if a, diags := (Target{}).Compile(prog, target.Options{}); a == nil {
				t.Fatal(diags)
			}
		})
	}
	small, large := allocs(700), allocs(1400)
	if large > 2.2*small {
		t.Errorf("compile allocations: %.0f at 700 steps, %.0f at 1400 (%.2f×); want about 2×", small, large, large/small)
	}
}

func resolvedProgram(tb testing.TB, n int) *workflow.Program {
	w, diags := workflow.Load("gen.yaml", generateWorkflow(n))
	if len(diags) > 0 {
		tb.Fatal(diags)
	}
	prog, diags := workflow.Resolve(w)
	if len(diags) > 0 {
		tb.Fatal(diags)
	}
	return prog
}

// BenchmarkCompileFile is the whole of `wfc compile` for one DataWorks file: YAML, schema,
// AST, resolve, check, FlowSpec document and its spec form.
func BenchmarkCompileFile(b *testing.B) {
	for _, n := range benchSizes {
		src := generateWorkflow(n)
		b.Run(fmt.Sprintf("steps=%d", n), func(b *testing.B) {
			b.SetBytes(int64(len(src)))
			b.ReportAllocs()
			for b.Loop() {
				u := target.BuildFor("", "gen.yaml", src, target.Options{})
				if u.Artifact == nil {
					b.Fatal(u.Diags)
				}
				if _, err := u.Artifact.Emit(FormSpec); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkCompile is the DataWorks compiler alone (Check and Compile), on a resolved program.
func BenchmarkCompile(b *testing.B) {
	for _, n := range benchSizes {
		prog := resolvedProgram(b, n)
		b.Run(fmt.Sprintf("steps=%d", n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if diags := (Target{}).Check(prog); len(diags) > 0 {
					b.Fatal(diags)
				}
				if a, diags := (Target{}).Compile(prog, target.Options{}); a == nil {
					b.Fatal(diags)
				}
			}
		})
	}
}

// BenchmarkEmitSpec is the spec form alone, of a compiled document.
func BenchmarkEmitSpec(b *testing.B) {
	for _, n := range benchSizes[1:2] {
		a, diags := (Target{}).Compile(resolvedProgram(b, n), target.Options{})
		if a == nil {
			b.Fatal(diags)
		}
		b.Run(fmt.Sprintf("steps=%d", n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := a.Emit(FormSpec); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
