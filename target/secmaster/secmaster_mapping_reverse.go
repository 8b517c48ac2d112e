package secmaster

// The reverse reading of secmaster_mapping.go, for `wfc decompile`: what a service task, a
// user task or a call activity and its taskconfig entry say, in the terms of the language.
// It reads the forward tables (the attribute constants and the json names of pluginNode,
// workflowNode and approvalInfo), so the inferred mapping still lives in one file: correct
// it there and both directions follow. Whatever an element carries that the mapping does
// not name is returned verbatim in Extra, for the step's platform block.

import (
	"bytes"
	"encoding/json"
	"fmt"
	"reflect"
	"strconv"
	"strings"

	"github.com/wfc-dev/wfc/bpmn"
)

// RawMember is one member of a JSON object, its value as written.
type RawMember struct {
	Key   string
	Value json.RawMessage
}

// Extra is what one element carries that the mapping does not model, kept verbatim.
type Extra struct {
	Attrs  []bpmn.Attr // attributes, in document order
	Config []RawMember // members of its taskconfig entry, in order
}

// ActionNode is a service task read back as an action step.
type ActionNode struct {
	Action     string // plugin/action
	Connection string
	With       json.RawMessage // the input object as written; nil when absent
	Timeout    int64           // seconds; 0 is the platform default
	RetryTimes int64
	// RetryInterval is whole seconds; DefaultRetryInterval when the entry has the default.
	RetryInterval int64
	OnError       string // fail, continue or goto
	Extra         Extra
}

// ApprovalNode is a user task read back as an approval step.
type ApprovalNode struct {
	Approvers []string
	Timeout   int64  // seconds; 0: none
	OnTimeout string // interrupt, pass or reject
	Form      json.RawMessage
	Extra     Extra
}

// CallNode is a call activity read back as a workflow step.
type CallNode struct {
	Workflow string
	With     json.RawMessage
	OnError  string // "" or goto
	Extra    Extra
}

// DefaultRetryInterval is the retry interval, in seconds, an entry has when none is given.
var DefaultRetryInterval, _ = strconv.ParseInt(defaultRetryInterval, 10, 64)

// Names of the elements the compiler adds around steps, which decompile reads back as
// structure rather than steps (graph.go, on_reject.go).
const (
	StartName          = startName
	EndName            = endName
	ErrorEventName     = errorEventName
	DefaultFlowName    = defaultFlowName
	OutcomeGatewayName = outcomeGatewayName
	RejectedFlowName   = rejectedFlowName
	ApprovedFlowName   = approvedFlowName
)

// RejectedCondition is the condition of the flow an approval's on_reject takes.
func RejectedCondition(stepID string) string { return rejectedCondition(stepID) }

// entry is a taskconfig entry read member by member; used marks the members the mapping
// read, so the others go to Extra.
type entry struct {
	members []RawMember
	used    map[string]bool
}

func readEntry(raw json.RawMessage) (*entry, error) {
	e := &entry{used: map[string]bool{}}
	if len(bytes.TrimSpace(raw)) == 0 {
		return e, nil
	}
	members, err := OrderedMembers(raw)
	e.members = members
	return e, err
}

// field is the raw value of the member the forward struct's field is written as, nil when
// absent. The json name comes from the struct tag: the one spelling of the mapping.
func (e *entry) field(v any, goName string) json.RawMessage {
	f, ok := reflect.TypeOf(v).FieldByName(goName)
	if !ok {
		panic("secmaster: no field " + goName) // a typo here, caught by every test
	}
	key, _, _ := strings.Cut(f.Tag.Get("json"), ",")
	e.used[key] = true
	for _, m := range e.members {
		if m.Key == key {
			return m.Value
		}
	}
	return nil
}

func (e *entry) str(v any, goName string) string {
	var s string
	if raw := e.field(v, goName); raw != nil && json.Unmarshal(raw, &s) != nil {
		var n json.Number // a number where a string is expected, as written
		if json.Unmarshal(raw, &n) == nil {
			s = n.String()
		}
	}
	return s
}

func (e *entry) int(v any, goName string) int64 {
	raw := e.field(v, goName)
	var n json.Number
	if raw == nil || json.Unmarshal(raw, &n) != nil {
		var s string // a string where a number is expected
		if json.Unmarshal(raw, &s) == nil {
			n = json.Number(s)
		}
	}
	i, _ := n.Int64()
	return i
}

func (e *entry) rest() []RawMember {
	var out []RawMember
	for _, m := range e.members {
		if !e.used[m.Key] {
			out = append(out, m)
		}
	}
	return out
}

// otherAttrs are el's attributes but id, name, the step id carrier and known.
func otherAttrs(el *bpmn.Element, known ...string) []bpmn.Attr {
	var out []bpmn.Attr
	for _, a := range el.Attrs {
		switch {
		case a.Name == "id", a.Name == "name", a.Name == StepIDAttr, a.Name == "default":
		case contains(known, a.Name):
		default:
			out = append(out, a)
		}
	}
	return out
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func attr(el *bpmn.Element, name string) string {
	v, _ := attrOK(el, name)
	return v
}

// ReadAction reads a service task and its node_info entry (nil when it has none). The
// attributes win over the entry where both name the plugin and action.
func ReadAction(el *bpmn.Element, info json.RawMessage) (ActionNode, error) {
	e, err := readEntry(info)
	if err != nil {
		return ActionNode{}, fmt.Errorf("node_info entry: %v", err)
	}
	var p pluginNode
	plugin, action := e.str(p, "Plugin"), e.str(p, "Action")
	if v := attr(el, attrPlugin); v != "" {
		plugin = v
	}
	if v := attr(el, attrAction); v != "" {
		action = v
	}
	n := ActionNode{Connection: e.str(p, "Connection"), With: e.field(p, "Input"),
		Timeout: e.int(p, "Timeout"), RetryTimes: e.int(p, "RetryTimes"),
		RetryInterval: DefaultRetryInterval, OnError: e.str(p, "OnError")}
	if plugin != "" || action != "" {
		n.Action = plugin + "/" + action
	}
	if v := attr(el, attrConnection); v != "" {
		n.Connection = v
	}
	if s := e.str(p, "RetryInterval"); s != "" {
		if n.RetryInterval, err = strconv.ParseInt(s, 10, 64); err != nil {
			return n, fmt.Errorf("node_info retry_interval %q is not whole seconds", s)
		}
	}
	e.field(p, "NodeType")
	e.field(p, "Name")
	e.field(p, "OnErrorNode")
	n.Extra = Extra{Attrs: otherAttrs(el, attrPlugin, attrAction, attrConnection), Config: e.rest()}
	return n, nil
}

// ReadApproval reads a user task and its usertask_info entry. The attributes win over the
// entry, as the console writes them (the real samples have attributes only).
func ReadApproval(el *bpmn.Element, info json.RawMessage) (ApprovalNode, error) {
	e, err := readEntry(info)
	if err != nil {
		return ApprovalNode{}, fmt.Errorf("usertask_info entry: %v", err)
	}
	var a approvalInfo
	n := ApprovalNode{Timeout: e.int(a, "Timeout"), OnTimeout: e.str(a, "OnTimeout"), Form: e.field(a, "Form")}
	if raw := e.field(a, "Approvers"); raw != nil {
		if err := json.Unmarshal(raw, &n.Approvers); err != nil {
			return n, fmt.Errorf("usertask_info approvers is not a list of names")
		}
	}
	e.field(a, "Name")
	if v, ok := attrOK(el, attrHandlers); ok {
		n.Approvers = nil
		if err := json.Unmarshal([]byte(v), &n.Approvers); err != nil {
			return n, fmt.Errorf("%s %q is not a JSON list of names", attrHandlers, v)
		}
	}
	if v, ok := attrOK(el, attrDueDate); ok {
		if n.Timeout, ok = ParseISODuration(v); !ok && v != "" {
			return n, fmt.Errorf("%s %q is not an ISO 8601 duration such as PT4H", attrDueDate, v)
		}
	}
	if v := attr(el, attrDueHandle); v != "" {
		n.OnTimeout = v
	}
	n.Extra = Extra{Attrs: otherAttrs(el, attrHandlers, attrDueDate, attrDueHandle), Config: e.rest()}
	return n, nil
}

func attrOK(el *bpmn.Element, name string) (string, bool) {
	for _, a := range el.Attrs {
		if a.Name == name {
			return a.Value, true
		}
	}
	return "", false
}

// ReadCall reads a call activity and its node_info entry.
func ReadCall(el *bpmn.Element, info json.RawMessage) (CallNode, error) {
	e, err := readEntry(info)
	if err != nil {
		return CallNode{}, fmt.Errorf("node_info entry: %v", err)
	}
	var w workflowNode
	n := CallNode{Workflow: e.str(w, "Workflow"), With: e.field(w, "Input"), OnError: e.str(w, "OnError")}
	if v := attr(el, attrCalled); v != "" {
		n.Workflow = v
	}
	e.field(w, "NodeType")
	e.field(w, "Name")
	e.field(w, "OnErrorNode")
	n.Extra = Extra{Attrs: otherAttrs(el, attrCalled), Config: e.rest()}
	return n, nil
}

// ParseISODuration reads what isoDuration writes, and the day form P1D, P2DT3H, into whole
// seconds. "" and anything else is not ok.
func ParseISODuration(s string) (int64, bool) {
	rest, ok := strings.CutPrefix(s, "P")
	if !ok || rest == "" {
		return 0, false
	}
	var total int64
	inTime := false
	units := map[bool]map[byte]int64{false: {'D': 86400, 'W': 7 * 86400}, true: {'H': 3600, 'M': 60, 'S': 1}}
	for rest != "" {
		if rest[0] == 'T' && !inTime {
			inTime, rest = true, rest[1:]
			continue
		}
		i := 0
		for i < len(rest) && rest[i] >= '0' && rest[i] <= '9' {
			i++
		}
		if i == 0 || i == len(rest) || i > 12 {
			return 0, false
		}
		mult, known := units[inTime][rest[i]]
		if !known {
			return 0, false
		}
		v, _ := strconv.ParseInt(rest[:i], 10, 64)
		total += v * mult
		rest = rest[i+1:]
	}
	return total, true
}

// OrderedMembers splits a JSON object into its members, in order, values as written.
func OrderedMembers(raw json.RawMessage) ([]RawMember, error) {
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	tok, err := dec.Token()
	if err != nil {
		return nil, err
	}
	if d, ok := tok.(json.Delim); !ok || d != '{' {
		return nil, fmt.Errorf("not a JSON object")
	}
	var out []RawMember
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return nil, err
		}
		key, _ := tok.(string)
		var v json.RawMessage
		if err := dec.Decode(&v); err != nil {
			return nil, err
		}
		out = append(out, RawMember{Key: key, Value: v})
	}
	return out, nil
}

// TaskconfigView is a taskconfig read back: the workflow settings and each element's entry,
// by element id, as written.
type TaskconfigView struct {
	Advanced     Advanced
	NodeInfo     map[string]json.RawMessage
	UsertaskInfo map[string]json.RawMessage
}

// ReadTaskconfig reads a create-version taskconfig string. "" reads as the defaults.
func ReadTaskconfig(s string) (*TaskconfigView, error) {
	v := &TaskconfigView{Advanced: Advanced{RetryInterval: defaultRetryInterval, LogLevel: "Info"}}
	if strings.TrimSpace(s) == "" {
		return v, nil
	}
	var tc struct {
		Trigger      Trigger                    `json:"trigger"`
		NodeInfo     map[string]json.RawMessage `json:"node_info"`
		UsertaskInfo map[string]json.RawMessage `json:"usertask_info"`
	}
	tc.Trigger.Advanced = v.Advanced
	if err := json.Unmarshal([]byte(s), &tc); err != nil {
		return nil, fmt.Errorf("taskconfig is not the JSON object SecMaster stores: %v", err)
	}
	v.Advanced, v.NodeInfo, v.UsertaskInfo = tc.Trigger.Advanced, tc.NodeInfo, tc.UsertaskInfo
	return v, nil
}

// CompiledID is the id wfc gives the main element of step stepID whose BPMN type is typ
// ("ServiceTask"), before any collision rehash (ids.go): decompile tells a diagram wfc wrote,
// whose document order is the steps' declaration order, from one drawn elsewhere by it.
func CompiledID(typ, stepID string) string {
	return string(appendID(nil, idPrefix(typ), keyOf(stepID)))
}
