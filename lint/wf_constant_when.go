package lint

import (
	"strings"

	"github.com/wfc-dev/wfc/diag"
	"github.com/wfc-dev/wfc/workflow"
	"github.com/wfc-dev/wfc/workflow/expr"
)

var wfConstantWhen = &Rule{
	ID:          "constant-when",
	Severity:    diag.Warning,
	Recommended: true,
	Scope:       ScopeWorkflow,
	Summary:     "a switch condition depends on the run",
	Doc: "A condition that is the same on every run (${true}, ${1 == 1}, ${'a' == 'a'}, the same " +
		"reference on both sides of ==) makes its case always or never taken, which is " +
		"almost always a leftover from testing or a typo. A condition written as text with " +
		"several ${...} pieces (\"${a} == ${b}\") is worse: the engine joins the pieces into a " +
		"string instead of comparing them; write the whole test inside one ${...}. (A condition " +
		"with no ${...} at all is rejected by the schema.)",
	Check: func(p *Pass) {
		for _, s := range p.Input.Workflow.AllSteps() {
			sw, ok := s.Body.(*workflow.Switch)
			if !ok {
				continue
			}
			for _, c := range sw.Cases {
				if c.When.IsSet() {
					checkConstantWhen(p, p.parsed(c.When))
				}
			}
		}
	},
}

func checkConstantWhen(p *Pass, when *parsedSite) {
	if when == nil || len(when.exprs) == 0 {
		return // no ${...}: the schema reports it
	}
	if when.hasSyntaxError() {
		return // expression-syntax reports it
	}
	e := when.exprs[0]
	if len(when.exprs) > 1 || strings.TrimSpace(when.site.Value) != e.Text {
		p.Report(when.site.Range, "condition mixes text and ${...}: it is evaluated as a string, not as a test; put the whole condition inside one ${...}, e.g. ${a == b}")
		return
	}
	v, ok := expr.Eval(e.Node)
	switch {
	case !ok:
	case v.Kind == expr.Bool && v.Bool:
		p.Report(e.Range, "condition %s is always true, so this case is always taken and the cases after it and the default never are; test a step output or an input instead", short(e.Text))
	case v.Kind == expr.Bool:
		p.Report(e.Range, "condition %s is always false, so this case is never taken; test a step output or an input instead, or remove the case", short(e.Text))
	default:
		p.Report(e.Range, "condition %s is a constant value, not a test; compare a step output or an input with it", short(e.Text))
	}
}

// short quotes an expression for a message, cut to a readable length.
func short(s string) string {
	const max = 60
	if r := []rune(s); len(r) > max {
		s = string(r[:max]) + "…"
	}
	return "'" + strings.ReplaceAll(s, "\n", " ") + "'"
}
