package lint

import (
	"fmt"
	"strings"

	"github.com/wfc-dev/wfc/diag"
	"github.com/wfc-dev/wfc/workflow"
)

var wfMissingWorkflowInput = &Rule{
	ID:          "missing-workflow-input",
	Severity:    diag.Error,
	Recommended: true,
	Scope:       ScopeWorkflow,
	Summary:     "a call gives every input the called workflow requires",
	Doc: "When a workflow: step names a workflow linted in the same run (by its name, " +
		"exactly), every input that workflow declares required: true without a default must " +
		"be given under with; otherwise the called workflow starts without it and fails. " +
		"The finding is on the workflow: value. Calls to a workflow that is not among the " +
		"files linted are not checked: it may exist only in the console.",
	Check: func(p *Pass) {
		forEachResolvedCall(p, func(c *workflow.Call, callee *Signature) {
			given := withKeys(c.With)
			var missing []string
			for _, in := range callee.Inputs {
				if in.Required && !given[in.Name] {
					missing = append(missing, fmt.Sprintf("%q", in.Name))
				}
			}
			switch len(missing) {
			case 0:
			case 1:
				p.Report(c.Workflow.Range, "workflow %q (%s) needs input %s; add it under with", callee.Name, callee.File, missing[0])
			default:
				p.Report(c.Workflow.Range, "workflow %q (%s) needs inputs %s; add them under with", callee.Name, callee.File, strings.Join(missing, ", "))
			}
		})
	},
}
