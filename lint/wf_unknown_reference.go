package lint

import (
	"github.com/wfc-dev/wfc/diag"
	"github.com/wfc-dev/wfc/workflow"
)

var wfUnknownReference = &Rule{
	ID:          "unknown-reference",
	Severity:    diag.Error,
	Recommended: true,
	Scope:       ScopeWorkflow,
	Summary:     "expressions reference declared inputs and existing steps",
	Doc: "Inside ${...}, inputs.NAME must name a declared input and steps.ID must name a step of " +
		"the workflow; a typo would otherwise evaluate to nothing at run time and the step " +
		"would act on an empty value. steps.ID.output of a switch, parallel or wait step is " +
		"reported too: those steps produce no output. The closest name is suggested. " +
		"References are checked in with values, switch conditions, approval forms and " +
		"output values; workflow.* references are not checked.",
	Check: func(p *Pass) {
		w := p.Input.Workflow
		prog := p.Program()
		inputs := make(map[string]bool, len(w.Inputs))
		var inputNames []string
		for _, in := range w.Inputs {
			if in.Name.IsSet() && !inputs[in.Name.Value] {
				inputs[in.Name.Value] = true
				inputNames = append(inputNames, in.Name.Value)
			}
		}
		inputHints, stepHints := newSuggester(inputNames), newSuggester(prog.IDs)
		p.forEachRef(parsedOnly, func(site workflow.Site, ref workflow.Ref) {
			if name := ref.Input(); name != "" && !inputs[name] {
				p.Report(ref.Range, "unknown input %q in %s; declare it under inputs%s", name, site.Field, inputHints.hint(name))
			}
			id := ref.StepID()
			if id == "" {
				return
			}
			s := prog.Lookup(id)
			if s == nil {
				p.Report(ref.Range, "unknown step %q in %s%s", id, site.Field, stepHints.hint(id))
				return
			}
			if _, isOutput := ref.Fields(); isOutput && !producesOutput(s) {
				p.Report(ref.Range, "step %q is a %s step and has no output; reference the output of %s step", id, s.KindKey(), outputKinds)
			}
		})
	},
}

// producesOutput reports whether a step may have an output to reference: its kind's Output,
// or true for a step without a kind (the schema has reported it).
func producesOutput(s *workflow.Step) bool {
	k := s.Kind()
	return k == nil || k.Output
}

// outputKinds are the kinds whose steps have an output, for the message: "an action,
// approval or workflow".
var outputKinds = "an " + workflow.KindKeysWhere(func(k workflow.KindInfo) bool { return k.Output })
