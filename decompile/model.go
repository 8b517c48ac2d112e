// Package decompile is the target-neutral half of `wfc decompile`: the language's model of a
// workflow read back from a platform (a Workflow), which each target's reader builds
// (target/secmaster/decompile, target/dataworks/decompile), and Format, which writes it as
// wfc YAML the way the examples are written. Another target adds a reader, not a writer.
package decompile

import "encoding/json"

// Rule is the rule id of what decompile reports.
const Rule = "decompile"

// Workflow is one decompiled workflow, in the language's terms.
type Workflow struct {
	Source      string // where it was read from, for the head comment ("" for none)
	Target      string // "" for secmaster (left out), dataworks
	Name        string
	Description string
	Type        string // general (left out), investigation, containment or mitigation
	Labels      []string
	Dataclass   string
	Retry       *Retry
	LogLevel    string // info (left out), debug, warn or error
	Inputs      []*Param
	Outputs     []*Param
	// OutputsNote is a comment above outputs: what the platform does not keep of them.
	OutputsNote string
	// Path and Schedule are DataWorks': the Data Studio folder and when the workflow runs.
	Path     string
	Schedule *Schedule
	Steps    []*Step
	// Lost lists what could not be carried and belongs to no step, written as comments at
	// the top (--force).
	Lost []string
}

// Retry is a retry policy; Interval is seconds, -1 when it is the platform default.
type Retry struct {
	Times    int64
	Interval int64
}

// Schedule is a DataWorks schedule; Start and End are "" when they are DataWorks' defaults,
// Delay is seconds.
type Schedule struct {
	Cron, Timezone, Start, End string
	Delay                      int64
}

// Param is one input or output.
type Param struct {
	Name        string
	Type        string
	Required    bool
	Description string
	Default     json.RawMessage // inputs: the value as JSON (a string default is a JSON string); nil when none
}

// Step kinds, as their YAML keys.
const (
	KindAction   = "action"
	KindApproval = "approval"
	KindSwitch   = "switch"
	KindParallel = "parallel"
	KindWorkflow = "workflow"
	KindWait     = "wait"
	KindRun      = "run"
)

// Step is one step. Only the fields of its Kind are set.
type Step struct {
	ID          string
	Name        string // "" when it is the id
	Description string
	Kind        string
	Next        string // "" to fall through to the step below

	Action     string          // action: plugin/action
	With       json.RawMessage // a JSON object; nil when none
	Connection string
	Timeout    int64 // seconds; 0 none
	Retry      *Retry
	OnError    string // "" (fail), continue or a step id

	Approval *Approval

	Cases   []*Case
	Default string

	Branches [][]*Step

	Workflow string
	Wait     int64 // seconds

	// Run is a run step's node: With, Timeout, Retry and OnError are set as for an action.
	Run *Run

	// Platform is what the step's element carries that the language does not model, kept
	// verbatim under platform.<target>; nil when nothing.
	Platform *Platform
	// Lost lists what could not be carried, written as comments above the step (--force).
	Lost []string
	// Element is the id of the element the step was read from.
	Element string
}

// Run is a DataWorks node: its type, its script as Code or, once written to a file, File,
// and where it runs.
type Run struct {
	Command, Code, File       string
	Datasource, ResourceGroup string
}

// Approval is an approval step's body.
type Approval struct {
	Approvers []string
	Timeout   int64 // seconds; 0 none
	OnTimeout string
	OnReject  string
	Form      json.RawMessage // a JSON object; nil when none
}

// Case is one case of a switch.
type Case struct {
	Name string // "" when the label is the condition
	When string
	Next string
}

// Platform is one target's part of a step's platform block: what the step's element carries
// that the language does not model, verbatim.
type Platform struct {
	Target     string // the block's key: "secmaster" or "dataworks"
	Attributes []Attr
	Taskconfig []Member
	// Members are a DataWorks node's members, written straight under the block's key.
	Members []Member
}

// Attr is one attribute, its name qualified as written.
type Attr struct {
	Name, Value string
}

// Member is one member of a JSON object, its value as written.
type Member struct {
	Key   string
	Value json.RawMessage
}
