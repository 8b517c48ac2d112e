package lint

import "github.com/wfc-dev/wfc/diag"

var wfRedundantNext = &Rule{
	ID:          "redundant-next",
	Severity:    diag.Info,
	Recommended: false,
	Scope:       ScopeWorkflow,
	Summary:     "next is only written where it changes where the flow goes",
	Doc: "next: naming the step that follows anyway (or end on the last top-level step) " +
		"changes nothing and hides the jumps that matter among ones that do not. Remove it. " +
		"Not in the recommended set: some teams like every step to say where it goes.",
	Check: func(p *Pass) {
		prog := p.Program()
		for _, s := range prog.Steps {
			if !s.Next.IsSet() {
				continue
			}
			follows := prog.Of(s).Follow.Name()
			if follows != "" && s.Next.Value == follows {
				p.Report(s.Next.Range, "next: %s is where the flow goes anyway; remove it", follows)
			}
		}
	},
}
