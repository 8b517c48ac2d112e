package lint

import "github.com/wfc-dev/wfc/diag"

var wfUnassignedOutput = &Rule{
	ID:          "unassigned-output",
	Severity:    diag.Warning,
	Recommended: true,
	Scope:       ScopeWorkflow,
	Summary:     "every declared output has a value",
	Doc: "An output without value: is declared to callers but never set, so whoever reads it " +
		"gets nothing. Give it a value, usually an expression such as " +
		"${steps.ID.output.FIELD}, or remove it.",
	Check: func(p *Pass) {
		for _, out := range p.Input.Workflow.Outputs {
			if out.Value.IsSet() || !out.Name.IsSet() {
				continue
			}
			p.Report(out.Name.Range, "output %q has no value; set value: to an expression such as ${steps.ID.output.FIELD}, or remove it", out.Name.Value)
		}
	},
}
