package rules

import (
	"strings"

	"github.com/wfc-dev/wfc/diag"
	"github.com/wfc-dev/wfc/lint"
	"github.com/wfc-dev/wfc/target/dataworks"
	"github.com/wfc-dev/wfc/workflow"
)

var emptyScript = &lint.Rule{
	ID:          "dataworks-empty-script",
	Severity:    diag.Warning,
	Recommended: true,
	Scope:       lint.ScopeWorkflow,
	Target:      Target,
	Summary:     "a run step has a script to run",
	Doc: "A node whose `code` (or whose `file`) holds nothing but white space deploys and runs, " +
		"and does nothing: usually a script left to be written, or a file saved empty. Write the " +
		"script, or remove the step. A file that cannot be read is " +
		"[dataworks-script-file](#dataworks-script-file)'s.",
	Check: func(p *lint.Pass) {
		runSteps(p, func(_ *workflow.Step, r *workflow.Run) {
			switch {
			case r.Code.IsSet():
				if strings.TrimSpace(r.Code.Value) == "" {
					p.Report(r.Code.Range, "the code of this %s node is empty, so the node does nothing; write its script, or remove the step", r.Command.Value)
				}
			case r.File.IsSet():
				src, err := dataworks.ReadScript(p.Input.File, r.File.Value)
				if err == nil && strings.TrimSpace(string(src)) == "" {
					p.Report(r.File.Range, "file %q is empty, so this %s node does nothing; write its script, or remove the step", r.File.Value, r.Command.Value)
				}
			}
		})
	},
}
