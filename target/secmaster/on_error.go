package secmaster

import (
	"github.com/wfc-dev/wfc/diag"
	"github.com/wfc-dev/wfc/workflow"
)

// withErrorBoundary adds, when step s's on_error names a step, an interrupting error boundary
// event on its task (a service task or a call activity), whose flow goes to that step, and
// records it as r.err; it returns the task.
func (b *graphBuilder) withErrorBoundary(s *workflow.Step, r *stepNodes, task *node) *node {
	if onErr := &b.prog.Of(s).OnError; onErr.Resolved() {
		r.err = b.add(keyOf(s.ID.Value).with("/error"), "BoundaryEvent", errorEventName, s, &onErr.Range)
		r.err.host, task.errorEvent = task, r.err
	}
	return task
}

// callOnErrorPolicies refuses on_error: continue on a workflow (call) step. An error boundary
// is plain BPMN on a call activity, but going on as if the call had succeeded is a setting of
// SecMaster's plugin nodes with no known equivalent for a called workflow.
func callOnErrorPolicies(w *workflow.Workflow) diag.List {
	var out diag.List
	for _, s := range w.AllSteps() {
		if c, ok := s.Body.(*workflow.Call); ok && c.OnError.IsSet() && c.OnError.Value == "continue" {
			out = append(out, diag.Errorf(c.OnError.Range, diag.RuleCompile,
				"on_error: continue is only supported on action steps; on a workflow step, name the step to go to when the called workflow fails"))
		}
	}
	return out
}
