package lint

import (
	"fmt"

	"github.com/wfc-dev/wfc/diag"
	"github.com/wfc-dev/wfc/workflow"
)

var wfUnusedInput = &Rule{
	ID:          "unused-input",
	Severity:    diag.Warning,
	Recommended: true,
	Scope:       ScopeWorkflow,
	Summary:     "every declared input is used",
	Doc: "An input no ${inputs.NAME} reads is either left over or misspelt where it is used " +
		"(unknown-reference then reports the use). Callers still have to supply a required " +
		"one. Remove it, or reference it. On DataWorks, a script or node parameter that reads " +
		"the input as ${NAME} uses it too.",
	Check: func(p *Pass) {
		w := p.Input.Workflow
		used := make(map[string]bool)
		p.forEachRef(evenBroken, func(_ workflow.Site, ref workflow.Ref) {
			if name := ref.Input(); name != "" {
				used[name] = true
			}
		})
		for name := range p.Input.InputsReadElsewhere {
			used[name] = true
		}
		for _, in := range w.Inputs {
			if in.Name.IsSet() && !used[in.Name.Value] {
				how := "${inputs." + in.Name.Value + "}"
				if f := p.Input.InputSpelling; f != "" {
					how += " in an expression or as " + fmt.Sprintf(f, in.Name.Value)
				}
				p.Report(in.Name.Range, "input %q is never used; remove it, or reference it as %s", in.Name.Value, how)
			}
		}
	},
}
