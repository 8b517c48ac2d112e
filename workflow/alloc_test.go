package workflow

import (
	"fmt"
	"strings"
	"testing"
)

// actionChain is a workflow of n action steps, one after another.
func actionChain(n int) []byte {
	var b strings.Builder
	b.WriteString("wfc: 1\nname: Chain\ndescription: \"\"\nsteps:\n")
	for i := 0; i < n; i++ {
		fmt.Fprintf(&b, "  - id: a%d\n    action: plugin/act\n", i)
	}
	return []byte(b.String())
}

// TestResolveAllocationsPerStep: resolving costs a bounded number of allocations per step,
// whatever the workflow's size (issue 8, item 20). Each step's Successors is filled in its
// slot in the program; built as a local and copied there, it escaped to the heap, one
// allocation per step.
func TestResolveAllocationsPerStep(t *testing.T) {
	const steps = 500
	w, diags := Load("chain.yaml", actionChain(steps))
	if len(diags) > 0 {
		t.Fatal(diags)
	}
	allocs := testing.AllocsPerRun(3, func() {
		if _, diags := Resolve(w); len(diags) > 0 {
			t.Fatal(diags)
		}
	})
	if perStep := allocs / steps; perStep > 0.5 {
		t.Errorf("Resolve of %d steps made %.0f allocations, %.2f a step; want at most 0.5", steps, allocs, perStep)
	}
}
