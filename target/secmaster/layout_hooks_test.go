package secmaster

import (
	"github.com/wfc-dev/wfc/bpmn"
	"github.com/wfc-dev/wfc/workflow"
)

// Hooks for alloc_bytes_layout_test.go, which looks at what the heap holds when the
// layout starts.

// ReplaceLayOut makes build lay models out with f until restore is called.
func ReplaceLayOut(f func(*bpmn.Definitions) error) (restore func()) {
	old := layOut
	layOut = f
	return func() { layOut = old }
}

// TaskconfigAndStrings builds what build makes before the layout from the nodes
// EmitForBench returned: the taskconfig and its JSON string, and the input and output
// strings.
func TaskconfigAndStrings(w *workflow.Workflow, nodes any) (tc any, strs []string, err error) {
	t := buildTaskconfig(w, nodes.([]taskNode))
	js, err := t.marshal()
	if err != nil {
		return nil, nil, err
	}
	in, err := paramsJSON(w.Inputs)
	if err != nil {
		return nil, nil, err
	}
	out, err := paramsJSON(w.Outputs)
	return t, []string{string(js), in, out}, err
}
