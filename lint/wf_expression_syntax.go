package lint

import (
	"github.com/wfc-dev/wfc/diag"
	"github.com/wfc-dev/wfc/workflow/expr"
)

var wfExpressionSyntax = &Rule{
	ID:          "expression-syntax",
	Severity:    diag.Error,
	Recommended: true,
	Scope:       ScopeWorkflow,
	Summary:     "every expression parses",
	Doc: "Every string SecMaster evaluates (with values, switch conditions, approval form " +
		"values, output values) is parsed as the JUEL subset in docs/expressions.md, and " +
		"each mistake is reported at the token that is wrong: a missing operand " +
		"(${inputs.ip ==}, at the }), an unterminated ${ (at the ${), an unterminated string, " +
		"an operator JUEL does not know (===, <>, =, &, +=) with the one to write instead, " +
		"two expressions nested, ${...} mixed with #{...}. JUEL refuses such a value when " +
		"the step runs. One mistake gets one diagnostic: the reference and condition rules " +
		"skip an expression that does not parse.",
	Check: func(p *Pass) {
		reportParseDiags(p, func(d expr.Diagnostic) bool { return d.Severity == diag.Error && d.Kind != expr.KindForgottenBrace })
	},
}

// reportParseDiags reports the parser's diagnostics that keep selects, in every string wfc
// evaluates, each at its place in the file.
func reportParseDiags(p *Pass, keep func(expr.Diagnostic) bool) {
	for _, ps := range p.parsedSites() {
		for _, d := range ps.diags {
			if keep(d) {
				ps.report(p, d)
			}
		}
	}
}

// report reports d, found in the site's value, at its place in the file.
func (ps *parsedSite) report(p *Pass, d expr.Diagnostic) {
	p.Report(ps.site.Span(int(d.Start), int(d.End)), "%s", d.Message)
}
