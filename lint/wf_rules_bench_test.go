package lint

import (
	"fmt"
	"strings"
	"testing"

	"github.com/wfc-dev/wfc/workflow"
)

// benchWorkflow is a workflow of n steps: actions reading earlier outputs and inputs, a
// switch every tenth step looping back, and a parallel every fiftieth.
func benchWorkflow(tb testing.TB, n int) (*workflow.Workflow, []byte) {
	var b strings.Builder
	b.WriteString("wfc: 1\nname: bench\ndescription: \"\"\ninputs:\n  - name: ip\noutputs:\n  - name: last\n    value: ${steps.s0.output.x}\nsteps:\n")
	for i := range n {
		switch {
		case i%10 == 9:
			fmt.Fprintf(&b, "  - id: s%d\n    switch:\n      - when: \"${steps.s%d.output.again == true}\"\n        next: s%d\n    default: s%d\n", i, i-1, i-9, min(i+1, n-1))
		case i%50 == 25:
			fmt.Fprintf(&b, "  - id: s%d\n    parallel:\n      - steps: [{id: l%d, action: p/a}]\n      - steps: [{id: r%d, action: p/a}]\n", i, i, i)
		default:
			fmt.Fprintf(&b, "  - id: s%d\n    action: p/a\n    with: { ip: \"${inputs.ip}\", prev: \"${steps.s%d.output.x}\", token: \"${inputs.ip}\" }\n", i, max(i-1, 0))
		}
	}
	src := []byte(b.String())
	w, diags := workflow.Load("bench.yaml", src)
	if w == nil || diags.HasErrors() {
		tb.Fatalf("bench workflow does not load: %v", diags)
	}
	return w, src
}

func BenchmarkWorkflowRules(b *testing.B) {
	for _, n := range []int{500, 2000} {
		w, src := benchWorkflow(b, n)
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			in := &Input{File: "bench.yaml", Source: src, Workflow: w, Settings: Settings{Extends: All}}
			for b.Loop() {
				runRules(in, workflowRules)
			}
		})
	}
}
