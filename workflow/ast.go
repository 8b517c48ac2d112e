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
	"strings"

	"github.com/wfc-dev/wfc/diag"
)

// String is a scalar string and where it was written.
type String struct {
	Value string
	Range diag.Range
	// raw is the scalar's exact source text (quotes included) when it sits on one line and
	// could be matched against the file; expr.go uses it to position references. "" otherwise.
	raw string
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
	Range       diag.Range
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
	var out []*Step
	var visit func([]*Step)
	visit = func(steps []*Step) {
		for _, s := range steps {
			out = append(out, s)
			for _, b := range s.Branches {
				visit(b.Steps)
			}
		}
	}
	visit(w.Steps)
	return out
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

// StepKind says which kind key a step has.
type StepKind int

const (
	KindUnknown  StepKind = iota // no kind key, or more than one (the schema has reported it)
	KindAction                   // action: plugin/action
	KindApproval                 // approval: {...}
	KindSwitch                   // switch: [...] with default
	KindParallel                 // parallel: [{steps: [...]}, ...]
	KindWorkflow                 // workflow: ID-or-name
	KindWait                     // wait: duration
)

// KindInfo describes one step kind.
type KindInfo struct {
	Kind StepKind
	Key  string // the YAML key that gives a step the kind
	// Example is the smallest step of the kind: its keys other than id, one per line, in
	// the order the docs write them. Tests walk every kind through every phase with it.
	Example string
}

// Kinds is every step kind, in the order the docs list them: the one list a new kind is
// added to. Tests check that every kind resolves and compiles, so a switch over StepKind
// that misses one fails them.
var Kinds = []KindInfo{
	{KindAction, "action", "action: plugin/act"},
	{KindApproval, "approval", "approval: {approvers: [soc-lead], timeout: 1h}"},
	{KindSwitch, "switch", "switch:\n  - when: \"${inputs.x == 'a'}\"\n    next: end\ndefault: end"},
	{KindParallel, "parallel", "parallel:\n  - steps: [{id: in_first, action: plugin/act}]\n  - steps: [{id: in_second, wait: 5s}]"},
	{KindWorkflow, "workflow", "workflow: other-workflow"},
	{KindWait, "wait", "wait: 5s"},
}

// String is the kind key as written in YAML ("action", ...), or "unknown".
func (k StepKind) String() string {
	for _, info := range Kinds {
		if info.Kind == k {
			return info.Key
		}
	}
	return "unknown"
}

// KindKeys lists the kind keys for a message: "action, approval, ... or wait".
func KindKeys() string {
	keys := make([]string, len(Kinds))
	for i, info := range Kinds {
		keys[i] = info.Key
	}
	return strings.Join(keys[:len(keys)-1], ", ") + " or " + keys[len(keys)-1]
}

// Step is one step. Only the fields of its Kind are set.
type Step struct {
	ID          String
	Name        String // the label; LabelOrID gives the default
	Description String
	Kind        StepKind
	KindRange   diag.Range // where the kind key is written
	Next        String     // a step id or "end"; unset: the next step in the list

	// action (With also for workflow)
	Action     String   // plugin/action
	With       []*Entry // in file order
	Connection String
	Timeout    *Duration
	Retry      *Retry
	OnError    String // fail (default) | continue | a step id

	Approval *Approval // approval

	Cases   []*Case // switch
	Default String  // switch: the step taken when no case holds

	Branches []*Branch // parallel

	Workflow String    // workflow: the called workflow's id or name
	Wait     *Duration // wait

	Parent *Branch // the parallel branch the step is in; nil for a top-level step
	Index  int     // position in its list (the top-level steps or Parent.Steps)
	Range  diag.Range
}

// LabelOrID is the step's name, or its id when it has none.
func (s *Step) LabelOrID() string {
	if s.Name.IsSet() {
		return s.Name.Value
	}
	return s.ID.Value
}

// OnErrorOrDefault is the step's on_error, "fail" when absent.
func (s *Step) OnErrorOrDefault() string {
	if !s.OnError.IsSet() {
		return "fail"
	}
	return s.OnError.Value
}

// Approval is the body of an approval step.
type Approval struct {
	Approvers []String
	Timeout   *Duration
	OnTimeout String // interrupt (default) | pass | reject
	// OnReject is the step (or end) to go to when the approval is rejected; unset: the
	// approval has one way out, its next.
	OnReject String
	Form     []*Entry // in file order
	Range    diag.Range
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
	Index int   // position among Owner.Branches
	Range diag.Range
}

// Entry is one key of a with or form mapping.
type Entry struct {
	Key   String
	Value *Value
}
