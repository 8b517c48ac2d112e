package secmaster

import (
	"github.com/wfc-dev/wfc/diag"
	"github.com/wfc-dev/wfc/workflow"
)

// duplicateParams reports an input or output whose name an earlier one of the same list
// already has. SecMaster's parameter lists are keyed by name, so compiling both would give
// the platform two parameters it cannot tell apart (and ${inputs.NAME} could mean either);
// the compiler refuses, and lint, which runs the compiler's checks, reports the same.
func duplicateParams(w *workflow.Workflow) diag.List {
	var out diag.List
	for _, list := range []struct {
		kind   string
		params []*workflow.Param
	}{{"input", w.Inputs}, {"output", w.Outputs}} {
		first := make(map[string]*workflow.Param, len(list.params))
		for _, p := range list.params {
			if !p.Name.IsSet() {
				continue // the schema has reported the missing name
			}
			prev, dup := first[p.Name.Value]
			if !dup {
				first[p.Name.Value] = p
				continue
			}
			out = append(out, diag.Errorf(p.Name.Range, diag.RuleCompile,
				"%s %q is already declared at line %d; give every %s its own name or remove this one",
				list.kind, p.Name.Value, prev.Name.Range.Start.Line, list.kind))
		}
	}
	return out
}
