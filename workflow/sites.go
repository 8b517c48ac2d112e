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
		if s.Body != nil {
			out = s.Body.sites(s, out)
		}
	}
	for i, p := range w.Outputs {
		if p.Value.IsSet() {
			out = append(out, Site{Field: fmt.Sprintf("outputs[%d].value", i), String: p.Value})
		}
	}
	return out
}

func (a *Action) sites(s *Step, out []Site) []Site { return entrySites(out, s, "with.", a.With) }
func (c *Call) sites(s *Step, out []Site) []Site   { return entrySites(out, s, "with.", c.With) }
func (a *Approval) sites(s *Step, out []Site) []Site {
	return entrySites(out, s, "approval.form.", a.Form)
}
func (*Parallel) sites(_ *Step, out []Site) []Site { return out }
func (*Wait) sites(_ *Step, out []Site) []Site     { return out }

func (sw *Switch) sites(s *Step, out []Site) []Site {
	for i, c := range sw.Cases {
		if c.When.IsSet() {
			out = append(out, Site{Step: s, Field: fmt.Sprintf("switch[%d].when", i), String: c.When})
		}
	}
	return out
}

// entrySites appends the strings of a with or form mapping, each under prefix+key.
func entrySites(out []Site, s *Step, prefix string, entries []*Entry) []Site {
	for _, e := range entries {
		for _, str := range e.Value.Strings() {
			out = append(out, Site{Step: s, Field: prefix + e.Key.Value, String: str})
		}
	}
	return out
}
