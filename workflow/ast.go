// Package workflow reads a wfc YAML workflow (the language in DSL.md) into a typed syntax
// tree in which every value keeps its position, so the compiler and the linter can report
// problems at the line and column the user wrote.
//
// Load is the entry point: YAML → schema validation → AST, with every problem it finds in one
// run. An optional value that is absent has a zero Range; IsSet tells the two apart.
//
// Resolve then turns a loaded workflow into a Program: the step-id table, where control goes
// after every step, and the flow graph (resolve*.go). It is the only code that works out
// control flow; the compiler and the linter read the Program.
package workflow

import (
	"github.com/wfc-dev/wfc/diag"
)

// String is a scalar string and where it was written.
type String struct {
	Value string
	Range diag.Range
	// text says how the scalar is written when it sits on one line and could be matched
	// against the file, so that expr.go can position references in it; nil otherwise. A
	// pointer, not the text: most scalars are their value as written or between two quotes,
	// which needs no copy, and every step keeps several Strings.
	text *scalarText
}

// scalarText is how a String is written in the file (see String.raw).
type scalarText struct {
	escaped string // the text, quotes included, of a quoted scalar with escapes or doubled quotes
}

// The texts that are their value: written plain, or between two quotes of either kind.
var (
	plainText        = &scalarText{}
	singleQuotedText = &scalarText{}
	doubleQuotedText = &scalarText{}
)

// raw is the scalar's exact source text (quotes included) when it sits on one line and could
// be matched against the file, else "".
func (s String) raw() string {
	switch s.text {
	case nil:
		return ""
	case plainText:
		return s.Value
	case singleQuotedText:
		return "'" + s.Value + "'"
	case doubleQuotedText:
		return `"` + s.Value + `"`
	}
	return s.text.escaped
}

// IsSet reports whether the value was written in the file.
func (s String) IsSet() bool { return s.Range.Start.IsValid() }

// Pos is where the value starts.
func (s String) Pos() diag.Pos { return s.Range.Start }

// Int is an integer scalar and where it was written.
type Int struct {
	Value int64
	Range diag.Range
}

// IsSet reports whether the value was written in the file.
func (i Int) IsSet() bool { return i.Range.Start.IsValid() }

// Bool is a boolean scalar and where it was written.
type Bool struct {
	Value bool
	Range diag.Range
}

// IsSet reports whether the value was written in the file.
func (b Bool) IsSet() bool { return b.Range.Start.IsValid() }

// Duration is a duration written as whole seconds (60) or a string of d/h/m/s units (1h30m, 2d12h).
type Duration struct {
	Seconds int64  // the duration in whole seconds
	Raw     string // the text as written, e.g. "4h" or "60"
	Range   diag.Range
}

// IsSet reports whether the value was written in the file.
func (d *Duration) IsSet() bool { return d != nil && d.Range.Start.IsValid() }

// Workflow is one workflow file.
type Workflow struct {
	File        string
	Version     Int    // wfc: the language version, 1
	Name        String // the version name shown in the console
	Description String
	Type        String   // general | investigation | containment | mitigation, or an API spelling
	Labels      []String // subset of IP, ACCOUNT, DOMAIN
	Dataclass   String
	Retry       *Retry // nil when absent
	LogLevel    String // debug | info | warn | error
	Inputs      []*Param
	Outputs     []*Param
	Steps       []*Step // the top-level list; see AllSteps for every step

	// Target is the platform the workflow is for: secmaster (the default) or dataworks.
	Target   String
	Schedule *Schedule // dataworks: when the workflow runs; nil: it runs when started
	Path     String    // dataworks: the Data Studio folder of the workflow and its nodes
	Range    diag.Range
}

// TypeName is the workflow's type as the language names it: general (also when absent),
// investigation, containment or mitigation. The schema accepts the API spellings NORMAL,
// SURVEY, HEMOSTASIS and EASE as other names of these; an unknown type is "" (the schema has
// reported it). A target spells it as its platform does.
func (w *Workflow) TypeName() string {
	if !w.Type.IsSet() {
		return "general"
	}
	switch w.Type.Value {
	case "general", "NORMAL":
		return "general"
	case "investigation", "SURVEY":
		return "investigation"
	case "containment", "HEMOSTASIS":
		return "containment"
	case "mitigation", "EASE":
		return "mitigation"
	}
	return ""
}

// LogLevelName is the workflow's log level: debug, info (also when absent), warn or error;
// an unknown level is "" (the schema has reported it).
func (w *Workflow) LogLevelName() string {
	if !w.LogLevel.IsSet() {
		return "info"
	}
	switch w.LogLevel.Value {
	case "debug", "info", "warn", "error":
		return w.LogLevel.Value
	}
	return ""
}

// AllSteps returns every step depth-first in declaration order: a parallel step comes
// before the steps of its branches, branch by branch.
func (w *Workflow) AllSteps() []*Step {
	out := make([]*Step, 0, countSteps(w.Steps)) // at its size: a large workflow's list grew a dozen times
	var visit func([]*Step)
	visit = func(steps []*Step) {
		for _, s := range steps {
			out = append(out, s)
			if p, ok := s.Body.(*Parallel); ok {
				for _, b := range p.Branches {
					visit(b.Steps)
				}
			}
		}
	}
	visit(w.Steps)
	return out
}

// countSteps is how many steps AllSteps lists for steps.
func countSteps(steps []*Step) int {
	n := len(steps)
	for _, s := range steps {
		if p, ok := s.Body.(*Parallel); ok {
			for _, b := range p.Branches {
				n += countSteps(b.Steps)
			}
		}
	}
	return n
}

// Default target names: a workflow without a target key is for SecMaster.
const (
	TargetSecMaster = "secmaster"
	TargetDataWorks = "dataworks"
)

// TargetOrDefault is the workflow's target, secmaster when absent.
func (w *Workflow) TargetOrDefault() string {
	if !w.Target.IsSet() {
		return TargetSecMaster
	}
	return w.Target.Value
}

// Schedule says when a scheduled (DataWorks) workflow runs.
type Schedule struct {
	Cron     String    // a Quartz cron expression with seconds: "00 30 02 * * ?"
	Timezone String    // an IANA zone, e.g. Asia/Shanghai; absent: the project's
	Start    String    // "yyyy-MM-dd HH:mm:ss": the first moment the schedule applies
	End      String    // "yyyy-MM-dd HH:mm:ss": the last
	Delay    *Duration // how long after the cron time the run starts; nil when absent
	Range    diag.Range
}

// Retry is a retry policy.
type Retry struct {
	Times    Int       // 0–10
	Interval *Duration // nil when absent
	Range    diag.Range
}

// Param is one entry of inputs or outputs.
type Param struct {
	Name        String
	Type        String // string | number | boolean | object | array; absent means string
	Description String
	Required    Bool
	Default     *Value // inputs: the default value; nil when absent
	Value       String // outputs: the value, usually an expression
	Range       diag.Range
}

// TypeOrDefault is the parameter's type, "string" when absent.
func (p *Param) TypeOrDefault() string {
	if !p.Type.IsSet() {
		return "string"
	}
	return p.Type.Value
}

// Step is one step: the keys every kind of step may have, and the body of its kind.
type Step struct {
	ID          String
	Name        String // the label; LabelOrID gives the default
	Description String
	// Next is a step id or "end"; unset: the next step in the list. Every kind but switch
	// may have it (the schema says so; Resolve still checks one written on a switch).
	Next String

	// Body is what the step's kind key says: *Action, *Approval, *Switch, *Parallel, *Call
	// or *Wait (see Kinds). It is nil when the step has no kind key or more than one (the
	// schema has reported it); every reader handles that.
	Body      Body
	KindRange diag.Range // where the kind key is written; zero when Body is nil
	Platform  *Platform  // the platform block (platform.go); nil when absent

	Parent *Branch // the parallel branch the step is in; nil for a top-level step
	Index  int     // position in its list (the top-level steps or Parent.Steps)
	Range  diag.Range

	// order is the step's 1-based position in AllSteps, set by Load (0 in a step built
	// by hand), so that a Program finds a step's slot without a map (Program.position).
	order int
}

// LabelOrID is the step's name, or its id when it has none.
func (s *Step) LabelOrID() string {
	if s.Name.IsSet() {
		return s.Name.Value
	}
	return s.ID.Value
}

// Approval is the body of an approval step: approval: {approvers, timeout, ...}.
type Approval struct {
	Approvers []String
	Timeout   *Duration
	OnTimeout String // interrupt (default) | pass | reject
	// OnReject is the step (or end) to go to when the approval is rejected; unset: the
	// approval has one way out, its next.
	OnReject String
	Form     []*Entry   // in file order
	Range    diag.Range // the approval mapping; zero when the value is not one
}

// OnTimeoutOrDefault is on_timeout, "interrupt" when absent.
func (a *Approval) OnTimeoutOrDefault() string {
	if !a.OnTimeout.IsSet() {
		return "interrupt"
	}
	return a.OnTimeout.Value
}

// Case is one case of a switch.
type Case struct {
	Name  String // the flow label; LabelOrWhen gives the default
	When  String // the condition expression, verbatim
	Next  String // a step id or "end"
	Range diag.Range
}

// LabelOrWhen is the case's name, or its expression when it has none.
func (c *Case) LabelOrWhen() string {
	if c.Name.IsSet() {
		return c.Name.Value
	}
	return c.When.Value
}

// Branch is one branch of a parallel step.
type Branch struct {
	Steps []*Step
	Owner *Step // the parallel step the branch belongs to
	Index int   // position among the owner's branches
	Range diag.Range
}

// Entry is one key of a with or form mapping.
type Entry struct {
	Key   String
	Value *Value
}
