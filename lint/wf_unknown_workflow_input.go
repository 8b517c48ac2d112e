package lint

import (
	"github.com/wfc-dev/wfc/diag"
	"github.com/wfc-dev/wfc/internal/suggest"
	"github.com/wfc-dev/wfc/workflow"
)

var wfUnknownWorkflowInput = &Rule{
	ID:          "unknown-workflow-input",
	Severity:    diag.Error,
	Recommended: true,
	Scope:       ScopeWorkflow,
	Summary:     "a call gives only inputs the called workflow declares",
	Doc: "When a workflow: step names a workflow linted in the same run, a with key that " +
		"workflow does not declare under inputs reaches nothing: the value you meant to pass " +
		"is lost, usually to a typo of a real input, which is suggested. Unlike a plugin " +
		"action's inputs, which come from a catalog that may be incomplete, the called " +
		"workflow's file is the whole truth, so this is an error.",
	Check: func(p *Pass) {
		forEachResolvedCall(p, func(c *workflow.Call, callee *Signature) {
			var names []string // built on the first unknown key only
			for _, e := range c.With {
				if callee.input(e.Key.Value) != nil {
					continue
				}
				if names == nil {
					names = callee.inputNames()
				}
				p.Report(e.Key.Range, "workflow %q (%s) has no input %q%s", callee.Name, callee.File, e.Key.Value, suggest.Hint(e.Key.Value, names))
			}
		})
	},
}
