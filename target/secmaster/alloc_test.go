package secmaster_test

import (
	"testing"

	"github.com/wfc-dev/wfc/internal/allocs"
	"github.com/wfc-dev/wfc/internal/race"
	"github.com/wfc-dev/wfc/target/secmaster"
	"github.com/wfc-dev/wfc/workflow"
)

// compileAllocsPerStep is the budget of heap allocations Compile may make per step of the
// generated benchmark workflow (issue 8, item 20: compile within 3× of a yaml.v3 decode,
// where allocation is a large part of the cost). Measured 26.8 with element origins boxed
// in an interface and a string per id, 21.3 without, 19.3 once Resolve filled successors in
// place and plugin entries wrote themselves, 17.9 with incoming-flow lists cut from one
// array, 17.5 with approval entries writing themselves too, 6.5 with role keys hashed in
// place, graph nodes and BPMN elements cut from arrays and taskconfig entries unboxed;
// lower it when a change saves more, never raise it without saying why in the commit.
const compileAllocsPerStep = 7.0

// Budgets of the BPMN model's construction (graph, joins, elements; emit_hooks_test.go) per
// step of the generated workflow: measured 1.40 allocations and 2,267 bytes (11.6 and 2,721
// before the cuts above), 0.96 and 2,149 with step records found by position and child
// lists grown from the model's slab, 0.40 and 2,138 with join lists cut from two arrays;
// and of the taskconfig and the request's input and output: 0.45 allocations (1.18 with
// boxed entries).
const (
	emitAllocsPerStep       = 0.5
	emitBytesPerStep        = 2250
	taskconfigAllocsPerStep = 0.55
)

// budgetSteps is the size of the generated workflow the budgets are measured on.
const budgetSteps = 700

func loadForBudget(t *testing.T) (*workflow.Workflow, *workflow.Program) {
	t.Helper()
	if race.Enabled {
		t.Skip("the race detector changes allocation counts; make test runs this without it")
	}
	w, diags := workflow.Load("gen.yaml", generateWorkflow(budgetSteps))
	if len(diags) > 0 {
		t.Fatal(diags)
	}
	return w, secmaster.CheckForBench(w)
}

// TestCompileAllocationBudget: compiling a loaded workflow stays within its allocation
// budget per step, so a change that adds an allocation per element or per id shows here
// as a count, not as a slower benchmark nobody reads.
func TestCompileAllocationBudget(t *testing.T) {
	w, _ := loadForBudget(t)
	count := testing.AllocsPerRun(3, func() {
		if res, diags := secmaster.Compile(w, secmaster.Options{}); res == nil {
			t.Fatal(diags)
		}
	})
	if perStep := count / budgetSteps; perStep > compileAllocsPerStep {
		t.Errorf("Compile of %d steps made %.0f allocations, %.2f a step; budget %.1f", budgetSteps, count, perStep, compileAllocsPerStep)
	}
}

// TestEmitAllocationBudget: building the BPMN model stays within its budgets of allocations
// and bytes per step: the bytes are garbage the collector pays for again.
func TestEmitAllocationBudget(t *testing.T) {
	_, prog := loadForBudget(t)
	emit := func() {
		if _, _, err := secmaster.EmitForBench(prog); err != nil {
			t.Fatal(err)
		}
	}
	count := testing.AllocsPerRun(3, emit)
	if perStep := count / budgetSteps; perStep > emitAllocsPerStep {
		t.Errorf("emitting %d steps made %.0f allocations, %.2f a step; budget %.1f", budgetSteps, count, perStep, emitAllocsPerStep)
	}
	if perStep := allocs.BytesPerRun(3, emit) / budgetSteps; perStep > emitBytesPerStep {
		t.Errorf("emitting %d steps allocated %.0f bytes a step; budget %d", budgetSteps, perStep, emitBytesPerStep)
	}
}

// TestTaskconfigAllocationBudget: the taskconfig and the request's parameters stay within
// their allocation budget per step.
func TestTaskconfigAllocationBudget(t *testing.T) {
	w, prog := loadForBudget(t)
	_, nodes, err := secmaster.EmitForBench(prog)
	if err != nil {
		t.Fatal(err)
	}
	count := testing.AllocsPerRun(3, func() {
		if err := secmaster.TaskconfigForBench(w, nodes); err != nil {
			t.Fatal(err)
		}
	})
	if perStep := count / budgetSteps; perStep > taskconfigAllocsPerStep {
		t.Errorf("the taskconfig of %d steps made %.0f allocations, %.2f a step; budget %.2f", budgetSteps, count, perStep, taskconfigAllocsPerStep)
	}
}
