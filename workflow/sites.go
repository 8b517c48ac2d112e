package workflow

import "fmt"

// Site is a string in the workflow where expressions are evaluated.
type Site struct {
	Step  *Step  // the step the string belongs to; nil for workflow outputs
	Field string // where it is, for messages: "with.ip", "switch[0].when", "outputs[1].value", ...
	String
}

// Sites returns every string that may hold ${...} expressions, in file order within each
// step: output values, with values, switch conditions and approval form values. The linter
// runs Expressions on each.
func (w *Workflow) Sites() []Site {
	var out []Site
	for _, s := range w.AllSteps() {
		for _, e := range s.With {
			for _, str := range e.Value.Strings() {
				out = append(out, Site{Step: s, Field: "with." + e.Key.Value, String: str})
			}
		}
		for i, c := range s.Cases {
			if c.When.IsSet() {
				out = append(out, Site{Step: s, Field: fmt.Sprintf("switch[%d].when", i), String: c.When})
			}
		}
		if s.Approval != nil {
			for _, e := range s.Approval.Form {
				for _, str := range e.Value.Strings() {
					out = append(out, Site{Step: s, Field: "approval.form." + e.Key.Value, String: str})
				}
			}
		}
	}
	for i, p := range w.Outputs {
		if p.Value.IsSet() {
			out = append(out, Site{Field: fmt.Sprintf("outputs[%d].value", i), String: p.Value})
		}
	}
	return out
}
