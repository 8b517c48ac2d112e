package lint

import (
	"github.com/wfc-dev/wfc/diag"
	"github.com/wfc-dev/wfc/workflow/expr"
)

var wfExpressionType = &Rule{
	ID:          "expression-type",
	Severity:    diag.Error,
	Recommended: true,
	Scope:       ScopeWorkflow,
	Summary:     "expressions do not apply operators to values that cannot take them",
	Doc: "JUEL converts values freely, so only conversions that cannot succeed are reported, " +
		"where a literal or an input's declared type (inputs[].type; absent is string) makes " +
		"the type known: a number compared with a string literal that is not a number " +
		"(${inputs.count == 'high'}) or with a boolean; !, &&, || or the condition of ?: on " +
		"a number, object or array; arithmetic on a string literal that is not a number, a " +
		"boolean, an object or an array. JUEL throws on each of these whatever value the " +
		"input holds, and the step fails, so this is an error. A string input in arithmetic " +
		"is not reported: it converts when it holds digits. With a plugin catalog that " +
		"declares an action's outputs (and an object output's fields), " +
		"${steps.ID.output.FIELD} on that action's step has the declared type too " +
		"(${steps.enrich.output.score == 'high'} for a number output is reported).",
	Check: func(p *Pass) {
		inputs := make(map[string]expr.Type, len(p.Input.Workflow.Inputs))
		for _, in := range p.Input.Workflow.Inputs {
			if _, dup := inputs[in.Name.Value]; in.Name.IsSet() && !dup {
				inputs[in.Name.Value] = expr.ParseType(in.TypeOrDefault())
			}
		}
		types := expr.Types{Inputs: inputs, Output: outputTypes(p)}
		sites := p.parsedSites()
		for i := range sites {
			ps := &sites[i]
			for _, e := range ps.exprs {
				if e.Err != nil {
					continue // expression-syntax reports it
				}
				for _, d := range expr.CheckTypes(ps.site.Value, e.Node, types) {
					ps.report(p, d)
				}
			}
		}
	},
}
