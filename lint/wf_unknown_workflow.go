package lint

import (
	"github.com/wfc-dev/wfc/diag"
	"github.com/wfc-dev/wfc/workflow"
)

var wfUnknownWorkflow = &Rule{
	ID:          "unknown-workflow",
	Severity:    diag.Info,
	Recommended: true,
	Scope:       ScopeWorkflow,
	Summary:     "a call to a workflow not linted in the run does not look like a typo of one that is",
	Doc: "A workflow: step may call a workflow that exists only in the console, so a name no " +
		"file of the run defines is not a problem in itself and is not reported. It is " +
		"reported, as a hint, only when it differs from a name that is defined by case or " +
		"by a typo (\"Block ip\" for \"Block IP\"): SecMaster matches names exactly, so the " +
		"call would reach another workflow, or none. A call naming a workflow file of the " +
		"run (block.yaml) is reported too, with the name to write: calls go by name only. " +
		"A workflow named by its console id, or by an expression, is never reported.",
	Check: func(p *Pass) {
		forEachCall(p, func(c *workflow.Call, _ *Signature, known bool) {
			if known {
				return
			}
			repo := p.Input.Repository
			if sig := repo.byFileName(c.Workflow.Value); sig != nil {
				p.Report(c.Workflow.Range, "workflow: takes a workflow's name, not its file; write %q, the name in %s", sig.Name, sig.File)
				return
			}
			if near := repo.nearName(c.Workflow.Value); near != "" {
				p.Report(c.Workflow.Range, "no workflow in this run is named %q; did you mean %q?", c.Workflow.Value, near)
			}
		})
	},
}
