package lint

import (
	"strings"

	"github.com/wfc-dev/wfc/diag"
	"github.com/wfc-dev/wfc/workflow"
	"github.com/wfc-dev/wfc/workflow/expr"
)

var wfDuplicateWhen = &Rule{
	ID:          "duplicate-when",
	Severity:    diag.Error,
	Recommended: true,
	Scope:       ScopeWorkflow,
	Summary:     "the cases of a switch have different conditions",
	Doc: "The first case whose condition holds is taken, so a later case with the same " +
		"condition is never taken. Conditions are compared as the expression parser reads " +
		"them: white space, redundant parentheses, word operators (eq for ==, and for &&) and " +
		"the quotes around a string do not make them different. Usually one of " +
		"the two was meant to test something else; fix it, or remove the copy.",
	Check: func(p *Pass) {
		for _, s := range p.Input.Workflow.AllSteps() {
			sw, ok := s.Body.(*workflow.Switch)
			if !ok {
				continue
			}
			first := make(map[string]int) // normalised condition → index of the first case with it
			for i, c := range sw.Cases {
				if !c.When.IsSet() {
					continue
				}
				when := p.parsed(c.When)
				if when == nil || when.hasSyntaxError() {
					continue // the schema or expression-syntax reports it
				}
				key := conditionKey(when.tmpl)
				j, seen := first[key]
				if !seen {
					first[key] = i
					continue
				}
				p.Report(c.When.Range, "case %d has the same condition as case %d (line %d), so it is never taken; change the condition or remove the case",
					i+1, j+1, sw.Cases[j].When.Range.Start.Line)
			}
		}
	},
}

// conditionKey is the condition as the parser reads it, printed back with expr.Format, so
// that white space, redundant parentheses, the word spelling of an operator (eq, and, not)
// and the quotes around a string do not make two conditions different.
func conditionKey(t *expr.Template) string {
	var b strings.Builder
	for _, part := range t.Parts {
		if part.IsExpr() {
			b.WriteString("${" + expr.Format(part.Expr) + "}")
		} else {
			b.WriteString(part.Text)
		}
	}
	return strings.TrimSpace(b.String())
}
