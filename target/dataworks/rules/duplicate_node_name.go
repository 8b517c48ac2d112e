package rules

import (
	"github.com/wfc-dev/wfc/diag"
	"github.com/wfc-dev/wfc/lint"
	"github.com/wfc-dev/wfc/workflow"
)

var duplicateNodeName = &lint.Rule{
	ID:          "dataworks-duplicate-node-name",
	Severity:    diag.Error,
	Recommended: true,
	Scope:       lint.ScopeWorkflow,
	Target:      Target,
	Summary:     "no two steps compile to DataWorks nodes of the same name",
	Doc: "Each run and switch step becomes a DataWorks node named by the step's `name`, or its " +
		"`id` when it has none. DataWorks wants node names unique in a workflow, and `wfc push` " +
		"finds the deployed node to update by its name, so two steps with one name would " +
		"update each other's node. Step ids are unique already; two names, or a name and another " +
		"step's id, can still clash. The second step is reported, naming the first; give one of " +
		"them another name.",
	Check: func(p *lint.Pass) {
		first := map[string]*workflow.Step{}
		for _, s := range p.Input.Workflow.AllSteps() {
			if !isNode(s) {
				continue
			}
			name := s.LabelOrID()
			if f, dup := first[name]; dup {
				p.Report(nameRange(s), "node name %q is already step %q's (line %d); DataWorks names a node by its step's name, else its id, and the names must be unique in a workflow: rename one of them",
					name, f.ID.Value, nameRange(f).Start.Line)
				continue
			}
			first[name] = s
		}
	},
}

// isNode reports whether a step compiles to a DataWorks node of its own: a run step is one,
// a switch a CONTROLLER_BRANCH node; a parallel is only dependencies.
func isNode(s *workflow.Step) bool {
	_, run := s.Body.(*workflow.Run)
	_, sw := s.Body.(*workflow.Switch)
	return run || sw
}

// nameRange is where the step's node name is written: its name, else its id.
func nameRange(s *workflow.Step) diag.Range {
	if s.Name.IsSet() {
		return s.Name.Range
	}
	return s.ID.Range
}
