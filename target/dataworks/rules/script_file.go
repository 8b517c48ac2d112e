package rules

import (
	"github.com/wfc-dev/wfc/diag"
	"github.com/wfc-dev/wfc/internal/readlimit"
	"github.com/wfc-dev/wfc/lint"
	"github.com/wfc-dev/wfc/target/dataworks"
	"github.com/wfc-dev/wfc/workflow"
)

var scriptFile = &lint.Rule{
	ID:          "dataworks-script-file",
	Severity:    diag.Error,
	Recommended: true,
	Scope:       lint.ScopeWorkflow,
	Target:      Target,
	Summary:     "a run step's file can be read as its script",
	Doc: "`run: {file: PATH}` reads the node's script from PATH, relative to the workflow file, " +
		"when the workflow is compiled: the file must exist, be a regular file of UTF-8 text and " +
		"at most " + readlimit.Size(dataworks.MaxScriptBytes) + ", and the path must be relative, so that the workflow compiles the same in " +
		"every checkout. The problem is reported at the file value, with the path it was read from.",
	Check: func(p *lint.Pass) {
		runSteps(p, func(_ *workflow.Step, r *workflow.Run) {
			if !r.File.IsSet() {
				return
			}
			if _, err := dataworks.ReadScript(p.Input.File, r.File.Value); err != nil {
				p.Report(r.File.Range, "%s", err.Error())
			}
		})
	},
}
