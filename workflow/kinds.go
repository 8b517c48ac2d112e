package workflow

import (
	"strings"

	"gopkg.in/yaml.v3"
)

// KindInfo describes one step kind: the row of Kinds that every list of kinds is derived
// from (the builder, messages, the schema and docs tests).
type KindInfo struct {
	Key string // the YAML key that gives a step the kind
	// Keys are the other keys a step of the kind may have besides id, name, description and
	// its kind key, in the order the schema lists them. The schema's KIND_step object allows
	// exactly these (a test compares), which is what makes two kind keys exclude each other.
	Keys []string
	// Output is true when a step of the kind has an output that steps.ID.output can read.
	Output bool
	// Example is the smallest step of the kind: its keys other than id, one per line, in
	// the order the docs write them. Tests walk every kind through every phase with it.
	Example string
	// New returns an empty body of the kind, which the builder fills from the step's keys.
	New func() Body
	// Targets are the targets (the top-level target key's values) that can run the kind.
	// A target's check reports a step of a kind it is not listed for, naming the target.
	Targets []string
}

// The targets each kind runs on (see KindInfo.Targets).
var (
	onSecMaster = []string{TargetSecMaster}
	onDataWorks = []string{TargetDataWorks}
	onBoth      = []string{TargetSecMaster, TargetDataWorks}
)

// RunsOn reports whether a target runs steps of the kind.
func (k *KindInfo) RunsOn(target string) bool {
	for _, t := range k.Targets {
		if t == target {
			return true
		}
	}
	return false
}

// Kinds is every step kind, in the order the docs list them: the one list a new kind is
// added to, with its body type (kinds_body.go) and its successors (resolve_body.go). Tests
// check that every kind resolves, compiles and lints, and that every type switch on a Body
// lists every kind or reports the ones it does not handle.
var Kinds = []KindInfo{
	{Key: "action", Keys: []string{"next", "with", "connection", "timeout", "retry", "on_error"}, Output: true,
		Example: "action: plugin/act", New: func() Body { return &Action{} }, Targets: onSecMaster},
	{Key: "approval", Keys: []string{"next"}, Output: true,
		Example: "approval: {approvers: [soc-lead], timeout: 1h}", New: func() Body { return &Approval{} }, Targets: onSecMaster},
	{Key: "switch", Keys: []string{"default"},
		Example: "switch:\n  - when: \"${inputs.x == 'a'}\"\n    next: end\ndefault: end", New: func() Body { return &Switch{} }, Targets: onBoth},
	{Key: "parallel", Keys: []string{"next"},
		Example: "parallel:\n  - steps: [{id: in_first, action: plugin/act}]\n  - steps: [{id: in_second, wait: 5s}]", New: func() Body { return &Parallel{} }, Targets: onBoth},
	{Key: "workflow", Keys: []string{"next", "with", "on_error"}, Output: true,
		Example: "workflow: other-workflow", New: func() Body { return &Call{} }, Targets: onSecMaster},
	{Key: "wait", Keys: []string{"next"},
		Example: "wait: 5s", New: func() Body { return &Wait{} }, Targets: onSecMaster},
	{Key: "run", Keys: []string{"next", "datasource", "resource_group", "with", "timeout", "retry", "on_error"},
		Example: "run: {command: DIDE_SHELL, code: echo hello}", New: func() Body { return &Run{} }, Targets: onDataWorks},
}

// Body is what a step's kind key says, one type per row of Kinds. The interface is sealed
// (its unexported methods): only this package adds kinds, so Kinds stays the whole list.
type Body interface {
	// Key is the kind key that gives a step this body ("action", ...), its row's Key.
	Key() string
	// stepBody marks the body types; the exhaustiveness test finds them by it.
	stepBody()
	// read sets the kind's field for one key of the step (its kind key or one of its Keys)
	// and reports whether the key is the kind's.
	read(b *builder, s *Step, key string, v *yaml.Node) bool
	// successors sets the ways out of step s that the kind has besides next (resolve_body.go).
	successors(r *resolver, s *Step, out *Successors)
	// edges adds the flow-graph edges of those ways out, leaving node n, and returns the
	// node the next edge leaves (resolve_body.go).
	edges(f *Flow, n int, s *Step, succ *Successors) int
	// sites appends the strings of s where expressions are evaluated (sites.go).
	sites(s *Step, out []Site) []Site
	// values sends the body's values to a sink (values.go).
	values(s *Step, v ValueSink)
	// summary is what the step runs, for Step.Summary ("slack/post_message"); "" when the
	// kind says it all (values.go).
	summary() string
}

// kindByKey is the row of Kinds with the kind key, or nil.
func kindByKey(key string) *KindInfo {
	for i := range Kinds {
		if Kinds[i].Key == key {
			return &Kinds[i]
		}
	}
	return nil
}

// Kind is the step's row of Kinds; nil when the step has no kind (Body is nil).
func (s *Step) Kind() *KindInfo {
	if s.Body == nil {
		return nil
	}
	return kindByKey(s.Body.Key())
}

// KindKey is the step's kind key as written in YAML ("action", ...), or "unknown".
func (s *Step) KindKey() string {
	if s.Body == nil {
		return "unknown"
	}
	return s.Body.Key()
}

// KindKeys lists the kind keys for a message: "action, approval, ... or wait".
func KindKeys() string {
	return KindKeysWhere(func(KindInfo) bool { return true })
}

// KindKeysWhere lists, for a message, the kind keys of the rows for which keep holds:
// "action, approval or workflow".
func KindKeysWhere(keep func(KindInfo) bool) string {
	var keys []string
	for _, info := range Kinds {
		if keep(info) {
			keys = append(keys, info.Key)
		}
	}
	if len(keys) < 2 {
		return strings.Join(keys, "")
	}
	return strings.Join(keys[:len(keys)-1], ", ") + " or " + keys[len(keys)-1]
}
