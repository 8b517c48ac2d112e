package lint

import (
	"github.com/wfc-dev/wfc/diag"
	"github.com/wfc-dev/wfc/workflow/expr"
)

var wfForgottenBrace = &Rule{
	ID:          "forgotten-brace",
	Severity:    diag.Warning,
	Recommended: true,
	Scope:       ScopeWorkflow,
	Summary:     "references are written ${...}, not $name",
	Doc: "$inputs.ip, $steps.ID.output.x or $workflow.name in a string SecMaster evaluates " +
		"looks like a reference written as a shell variable: it stays literal text, and the " +
		"step receives the characters $inputs.ip. Write ${inputs.ip}. Other $names ($HOME " +
		"in a script, $5) are left alone.",
	Check: func(p *Pass) {
		reportParseDiags(p, func(d expr.Diagnostic) bool { return d.Kind == expr.KindForgottenBrace })
	},
}
