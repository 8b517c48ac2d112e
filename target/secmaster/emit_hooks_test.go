package secmaster

import (
	"github.com/wfc-dev/wfc/bpmn"
	"github.com/wfc-dev/wfc/bpmn/layout"
	"github.com/wfc-dev/wfc/workflow"
)

// The hooks below let the external benchmarks (emit_bench_test.go) time the compiler's
// stages on their own: the BPMN model's construction (graph, joins, emit) and the
// taskconfig and request strings.

// CheckForBench resolves and checks w as Compile does.
func CheckForBench(w *workflow.Workflow) *workflow.Program {
	prog, _ := check(w, true)
	return prog
}

// EmitForBench builds prog's BPMN model, not laid out, and returns its configurable tasks.
func EmitForBench(prog *workflow.Program) (*bpmn.Definitions, any, error) {
	g, err := buildGraph(prog)
	if err != nil {
		return nil, nil, err
	}
	insertJoins(g)
	defs, nodes, err := emit(g, 1)
	return defs, nodes, err
}

// TaskconfigForBench encodes the taskconfig and the input and output strings of w, for
// the nodes EmitForBench returned.
func TaskconfigForBench(w *workflow.Workflow, nodes any) error {
	tc := buildTaskconfig(w, nodes.([]taskNode))
	if _, err := tc.marshal(); err != nil {
		return err
	}
	if _, err := paramsJSON(w.Inputs); err != nil {
		return err
	}
	_, err := paramsJSON(w.Outputs)
	return err
}

// ModelSizeForTest is what emit counts for prog's model before building it: its elements,
// how many have an id, and the length of those ids together.
func ModelSizeForTest(prog *workflow.Program) (elements, ids, idBytes int, err error) {
	g, err := buildGraph(prog)
	if err != nil {
		return 0, 0, 0, err
	}
	insertJoins(g)
	c := modelSize(documentOrder(g), g.edges)
	return c.elements, c.ids, c.idBytes, nil
}

// ModelForBench is EmitForBench followed by the layout, the model build compiles before
// it writes the taskflow.
func ModelForBench(prog *workflow.Program) (*bpmn.Definitions, error) {
	defs, _, err := EmitForBench(prog)
	if err != nil {
		return nil, err
	}
	return defs, layout.Apply(defs)
}
