package workflow

import (
	"fmt"

	"github.com/wfc-dev/wfc/diag"
)

// ValueSink receives the values a step's body holds, each with its path as a user writes
// it ("connection", "approval.timeout", "run.code"). Code that treats the values of every
// kind alike (secret scanning, the step diff, what lands in a platform's text) implements
// it instead of switching on the body's type, so a new kind declares its values once, in
// its values method, and those readers need no change.
type ValueSink interface {
	// String is a scalar string value.
	String(path string, s String)
	// Set is a list whose order does not matter (an approval's approvers), written at at.
	Set(path string, items []String, at diag.Range)
	// Duration is a duration, nil when absent.
	Duration(path string, d *Duration)
	// Retry is a retry policy, nil when absent.
	Retry(r *Retry)
	// Entries is a with or form mapping, in file order.
	Entries(path string, es []*Entry)
	// Policy is a value with a default that the kind spells out when absent (on_timeout,
	// an on_error policy); at is zero when the default applies.
	Policy(path, value string, at diag.Range)
	// Count is a number of parts, such as a parallel's branches, said where the kind is.
	Count(path string, n int, at diag.Range)
	// Case is one case of a switch: where control goes, which flow-minded readers pair up
	// themselves, while text-minded readers read its name and condition.
	Case(i int, c *Case)
}

// Values sends the values of the step's body to sink, in the order the schema lists the
// kind's keys. A step without a kind has none. Where control goes (next, default, the step
// an on_error or on_reject names) is not a value: Program.Of gives it.
func (s *Step) Values(sink ValueSink) {
	if s.Body != nil {
		s.Body.values(s, sink)
	}
}

// Summary is the kind and what it runs, for a one-line description of the step:
// "action slack/post_message", "wait 5m", "approval".
func (s *Step) Summary() string {
	if s.Body == nil {
		return s.KindKey()
	}
	if what := s.Body.summary(); what != "" {
		return s.Body.Key() + " " + what
	}
	return s.Body.Key()
}

func (a *Action) values(_ *Step, v ValueSink) {
	v.String("action", a.Action)
	v.String("connection", a.Connection)
	v.Entries("with", a.With)
	v.Duration("timeout", a.Timeout)
	v.Retry(a.Retry)
	a.OnError.policy(v)
}

func (a *Approval) values(_ *Step, v ValueSink) {
	v.Set("approval.approvers", a.Approvers, a.Range)
	v.Duration("approval.timeout", a.Timeout)
	v.Policy("approval.on_timeout", a.OnTimeoutOrDefault(), a.OnTimeout.Range)
	v.Entries("approval.form", a.Form)
}

func (sw *Switch) values(_ *Step, v ValueSink) {
	for i, c := range sw.Cases {
		v.Case(i, c)
	}
}

func (p *Parallel) values(s *Step, v ValueSink) {
	v.Count("branches", len(p.Branches), s.KindRange)
}

func (c *Call) values(_ *Step, v ValueSink) {
	v.String("workflow", c.Workflow)
	v.Entries("with", c.With)
	c.OnError.policy(v)
}

func (w *Wait) values(_ *Step, v ValueSink) { v.Duration("wait", w.Duration) }

func (r *Run) values(_ *Step, v ValueSink) {
	v.String("run.command", r.Command)
	v.String("run.file", r.File)
	v.String("run.code", r.Code)
	v.String("datasource", r.Datasource)
	v.String("resource_group", r.ResourceGroup)
	v.Entries("with", r.With)
	v.Duration("timeout", r.Timeout)
	v.Retry(r.Retry)
	r.OnError.policy(v)
}

// policy sends an on_error that is a policy (fail, the default, or continue); one that
// names a step is where control goes.
func (o OnError) policy(v ValueSink) {
	if !o.NamesStep() {
		v.Policy("on_error", o.OrDefault(), o.Range)
	}
}

func (a *Action) summary() string { return a.Action.Value }
func (c *Call) summary() string   { return c.Workflow.Value }
func (r *Run) summary() string    { return r.Command.Value }
func (w *Wait) summary() string {
	if w.Duration.IsSet() {
		return w.Duration.Raw
	}
	return ""
}
func (*Approval) summary() string { return "" }
func (*Switch) summary() string   { return "" }
func (*Parallel) summary() string { return "" }

// CasePath is the path of a field of the i-th case of a switch, as messages write it:
// "switch[2].when".
func CasePath(i int, field string) string { return fmt.Sprintf("switch[%d].%s", i, field) }
