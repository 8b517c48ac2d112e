package lint

import (
	"regexp"

	"github.com/wfc-dev/wfc/diag"
	"github.com/wfc-dev/wfc/workflow"
)

var wfUnknownWorkflow = &Rule{
	ID:          "unknown-workflow",
	Severity:    diag.Warning,
	Recommended: true,
	Scope:       ScopeWorkflow,
	Summary:     "a call names a workflow of the lint run",
	Doc: "When the lint run holds workflows besides the caller, a workflow: step naming none " +
		"of them is reported at the workflow: value, with the number of workflows the run " +
		"read: a typo would call another workflow, or none, since SecMaster matches names " +
		"exactly. A name that differs from a defined one by case or a typo (\"Block ip\" for " +
		"\"Block IP\") gets the defined name as did-you-mean; a call naming a workflow file of " +
		"the run (block.yaml) gets the name to write: calls go by name only. A workflow may " +
		"also exist only in the console, so this is a warning: silence it on the call with " +
		"# wfc-disable-next-line unknown-workflow above it, or for the repository with " +
		"unknown-workflow: off under lint.rules in wfc.yaml. Nothing is reported when the " +
		"caller is the only workflow read (a file linted alone, standard input), nor for a " +
		"workflow named by its console id (a UUID) or by an expression.",
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
			others := repo.Len()
			if SignatureOf(p.Input.Workflow) != nil {
				others-- // the caller is indexed too
			}
			if others < 1 || consoleID.MatchString(c.Workflow.Value) {
				return
			}
			if near := repo.nearName(c.Workflow.Value); near != "" {
				p.Report(c.Workflow.Range, "no workflow named %q among the %d workflows of this lint run; did you mean %q?", c.Workflow.Value, repo.Len(), near)
				return
			}
			p.Report(c.Workflow.Range, "no workflow named %q among the %d workflows of this lint run; if it exists only in the console, "+
				"silence this with # wfc-disable-next-line unknown-workflow above the call, or with unknown-workflow: off under lint.rules in wfc.yaml",
				c.Workflow.Value, repo.Len())
		})
	},
}

// consoleID matches a workflow id as SecMaster assigns them (a UUID, with or without its
// dashes): a call by id names no workflow of a repository, which knows names only.
var consoleID = regexp.MustCompile(`^(?i:[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12})$`)
