package workflow

import "gopkg.in/yaml.v3"

// The body types, one per row of Kinds, and how the builder fills them. An optional value
// that is absent is nil or unset; only what the file writes has a position.

// Action runs a plugin action: action: plugin/action.
type Action struct {
	Action     String   // plugin/action
	With       []*Entry // the action's inputs, in file order
	Connection String
	Timeout    *Duration // nil when absent
	Retry      *Retry    // nil when absent
	OnError    OnError
}

// Switch is an exclusive choice: switch: [cases] with default.
type Switch struct {
	Cases   []*Case
	Default String // the step taken when no case holds; unset: the step below
}

// Parallel runs branches that all run and then join: parallel: [{steps: [...]}, ...].
type Parallel struct {
	Branches []*Branch
}

// Call runs another workflow: workflow: ID-or-name.
type Call struct {
	Workflow String   // the called workflow's id or name
	With     []*Entry // the called workflow's inputs, in file order
	OnError  OnError
}

// Wait pauses: wait: duration.
type Wait struct {
	Duration *Duration // nil when the value is not a duration (the schema has reported it)
}

// OnError is an on_error value: fail (the default), continue, or a step id or end to go to.
type OnError struct{ String }

// OrDefault is the value, "fail" when absent.
func (o OnError) OrDefault() string {
	if !o.IsSet() {
		return "fail"
	}
	return o.Value
}

// NamesStep reports whether the value names a step (or end) rather than a policy.
func (o OnError) NamesStep() bool {
	return o.IsSet() && o.Value != "fail" && o.Value != "continue"
}

// OnError is the step's on_error; unset for the kinds that have none.
func (s *Step) OnError() OnError {
	if f, ok := s.Body.(interface{ onError() OnError }); ok {
		return f.onError()
	}
	return OnError{}
}

// With is the step's with mapping, in file order; nil for the kinds that have none.
func (s *Step) With() []*Entry {
	if f, ok := s.Body.(interface{ with() []*Entry }); ok {
		return f.with()
	}
	return nil
}

func (*Action) Key() string   { return "action" }
func (*Approval) Key() string { return "approval" }
func (*Switch) Key() string   { return "switch" }
func (*Parallel) Key() string { return "parallel" }
func (*Call) Key() string     { return "workflow" }
func (*Wait) Key() string     { return "wait" }

func (*Action) stepBody()   {}
func (*Approval) stepBody() {}
func (*Switch) stepBody()   {}
func (*Parallel) stepBody() {}
func (*Call) stepBody()     {}
func (*Wait) stepBody()     {}

func (a *Action) onError() OnError { return a.OnError }
func (c *Call) onError() OnError   { return c.OnError }
func (a *Action) with() []*Entry   { return a.With }
func (c *Call) with() []*Entry     { return c.With }

func (a *Action) read(b *builder, _ *Step, key string, v *yaml.Node) bool {
	switch key {
	case "action":
		a.Action = b.str(v)
	case "with":
		a.With = b.entries(v)
	case "connection":
		a.Connection = b.str(v)
	case "timeout":
		a.Timeout = b.duration(v)
	case "retry":
		a.Retry = b.retry(v)
	case "on_error":
		a.OnError = OnError{b.str(v)}
	default:
		return false
	}
	return true
}

func (a *Approval) read(b *builder, _ *Step, key string, v *yaml.Node) bool {
	if key != "approval" {
		return false
	}
	b.approval(a, v)
	return true
}

func (sw *Switch) read(b *builder, _ *Step, key string, v *yaml.Node) bool {
	switch key {
	case "switch":
		sw.Cases = b.cases(v)
	case "default":
		sw.Default = b.str(v)
	default:
		return false
	}
	return true
}

func (p *Parallel) read(b *builder, s *Step, key string, v *yaml.Node) bool {
	if key != "parallel" {
		return false
	}
	p.Branches = b.branches(v, s)
	return true
}

func (c *Call) read(b *builder, _ *Step, key string, v *yaml.Node) bool {
	switch key {
	case "workflow":
		c.Workflow = b.str(v)
	case "with":
		c.With = b.entries(v)
	case "on_error":
		c.OnError = OnError{b.str(v)}
	default:
		return false
	}
	return true
}

func (w *Wait) read(b *builder, _ *Step, key string, v *yaml.Node) bool {
	if key != "wait" {
		return false
	}
	w.Duration = b.duration(v)
	return true
}
