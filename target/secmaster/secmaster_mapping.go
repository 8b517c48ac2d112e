package secmaster

// How SecMaster carries a plugin action, an approval (and the outcome on_reject routes on)
// and a sub-workflow call.
//
// THIS MAPPING IS INFERRED. The public documents (the create-version API and the two real
// taskflows in testdata/reference) show only the userTask attributes flowable:dueDate,
// soar:due_handle and soar:handlers, and a taskconfig of the form
// {"trigger":{"advanced":{...}},"node_info":{},"usertask_info":{}}. Everything a plugin node
// carries (the soar: attributes on the serviceTask and its node_info entry), what
// usertask_info holds and how a callActivity names its workflow are guesses chosen to be
// plain and complete: every setting the YAML gives is written somewhere, keyed by element id.
//
// To correct it from a real export: draw one workflow in the SecMaster console with a plugin
// node (with a connection, a timeout, retries and "continue on error"), an approval node and
// a sub-workflow node; export it (wfc export), decode the taskflow (wfc convert --to xml) and
// read its taskconfig; then change only this file so that compiling the same workflow in YAML
// gives the same attributes and entries, and regenerate the goldens
// (go test ./target/secmaster -update) and review their diff. Nothing outside this file knows the
// attribute names or the entry shapes.

import (
	"strconv"
	"strings"

	"github.com/wfc-dev/wfc/bpmn"
	"github.com/wfc-dev/wfc/internal/jsonobj"
	"github.com/wfc-dev/wfc/workflow"
)

// Attribute names on the BPMN elements.
const (
	attrPlugin     = "soar:plugin"     // serviceTask: the plugin (the part of action before '/')
	attrAction     = "soar:action"     // serviceTask: the plugin's action (after '/')
	attrConnection = "soar:connection" // serviceTask: the asset connection, when given
	attrDueDate    = AttrDueDate
	attrDueHandle  = "soar:due_handle" // userTask: interrupt | pass | reject (seen: interrupt)
	attrHandlers   = AttrHandlers
	attrCalled     = "calledElement" // callActivity: the called workflow's id or name
)

// The userTask attributes an approval's approvers and timeout are written to; a platform
// block that carries them stands in for approval.approvers and approval.timeout.
const (
	AttrDueDate  = "flowable:dueDate" // ISO 8601 duration; "" without a timeout
	AttrHandlers = "soar:handlers"    // JSON array of approvers (seen: "[]")
)

// Node kinds in node_info.
const (
	nodeTypePlugin   = "plugin"
	nodeTypeWorkflow = "workflow"
)

// splitAction splits "plugin/action" at its first '/'.
func splitAction(action string) (plugin, name string) {
	plugin, name, _ = strings.Cut(action, "/")
	return plugin, name
}

// appendServiceTaskAttrs appends the serviceTask attributes after id and name.
func appendServiceTaskAttrs(attrs []bpmn.Attr, s *workflow.Step) []bpmn.Attr {
	act := s.Body.(*workflow.Action) // graph.go makes a ServiceTask of an action step only
	plugin, action := splitAction(act.Action.Value)
	attrs = append(attrs, bpmn.Attr{Name: attrPlugin, Value: plugin}, bpmn.Attr{Name: attrAction, Value: action})
	if act.Connection.IsSet() {
		attrs = append(attrs, bpmn.Attr{Name: attrConnection, Value: act.Connection.Value})
	}
	return attrs
}

// appendUserTaskAttrs appends the userTask attributes, which follow the real samples: dueDate
// is the timeout as an ISO 8601 duration ("" without one), due_handle the on_timeout policy,
// handlers the approvers as a JSON array (written through w, whose buffer it reuses).
func appendUserTaskAttrs(attrs []bpmn.Attr, s *workflow.Step, w *jsonWriter) ([]bpmn.Attr, error) {
	a, ok := s.Body.(*workflow.Approval)
	due, handle := "", "interrupt"
	w.buf.Reset()
	if !ok {
		w.buf.WriteString("null") // as marshal writes no approvers
	} else {
		if a.Timeout.IsSet() {
			due = isoDuration(a.Timeout.Seconds)
		}
		handle = a.OnTimeoutOrDefault()
		w.buf.WriteByte('[')
		for i, ap := range a.Approvers {
			if i > 0 {
				w.buf.WriteByte(',')
			}
			if err := w.str(ap.Value); err != nil {
				return nil, err
			}
		}
		w.buf.WriteByte(']')
	}
	return append(attrs,
		bpmn.Attr{Name: attrDueDate, Value: due},
		bpmn.Attr{Name: attrDueHandle, Value: handle},
		bpmn.Attr{Name: attrHandlers, Value: w.buf.String()},
	), nil
}

// How an approval's outcome is read. INFERRED: no real sample has an approval with two ways
// out, and no public document names the variable a completed user task sets. wfc assumes the
// approval step's output has a field result holding PASS or UN_PASS, the values the
// version-review API (CreateAopWorkflowVersionApprovel) uses for an approval and a rejection.
// A timeout with on_timeout: reject is assumed to be recorded as a rejection. To correct it:
// in the console, route an approval node's rejection to another node, export it, and copy
// the condition of that flow here (if the console puts the condition on the user task's own
// flows rather than after a gateway, on_reject.go changes too).
const (
	approvalResultField = "result"
	approvalRejected    = "UN_PASS"
)

// rejectedCondition is the condition of the flow an approval's on_reject takes, written in
// the expression language users write, so ${steps.ID.output.result} means the same in a
// switch: ${steps.approve.output.result == 'UN_PASS'}.
func rejectedCondition(stepID string) string {
	return "${steps." + stepID + ".output." + approvalResultField + " == '" + approvalRejected + "'}"
}

// appendCallActivityAttrs appends the attribute naming the called workflow.
func appendCallActivityAttrs(attrs []bpmn.Attr, s *workflow.Step) []bpmn.Attr {
	return append(attrs, bpmn.Attr{Name: attrCalled, Value: s.Body.(*workflow.Call).Workflow.Value}) // graph.go: a call step only
}

// timerDuration is a wait step's duration, ISO 8601 (graph.go makes a timer of a wait step only).
func timerDuration(s *workflow.Step) string {
	return isoDuration(s.Body.(*workflow.Wait).Duration.Seconds)
}

// pluginNode is the node_info entry of a serviceTask.
type pluginNode struct {
	NodeType   string         `json:"node_type"` // "plugin"
	Name       string         `json:"name"`
	Plugin     string         `json:"plugin"`
	Action     string         `json:"action"`
	Connection string         `json:"connection"`
	Input      jsonobj.Object `json:"input"`   // the with mapping, in file order
	Timeout    int64          `json:"timeout"` // seconds; 0 means the platform default
	RetryTimes int64          `json:"retry_times"`
	// RetryInterval is whole seconds as a string, as in trigger.advanced.
	RetryInterval string `json:"retry_interval"`
	// OnError is fail (stop the workflow), continue (go on as if it succeeded) or goto (take
	// the error boundary event's flow to OnErrorNode).
	OnError     string `json:"on_error"`
	OnErrorNode string `json:"on_error_node,omitempty"` // the boundary event's element id
}

func pluginNodeInfo(s *workflow.Step, errorEvent string) pluginNode {
	act := s.Body.(*workflow.Action) // graph.go makes a ServiceTask of an action step only
	plugin, action := splitAction(act.Action.Value)
	n := pluginNode{
		NodeType: nodeTypePlugin, Name: s.LabelOrID(), Plugin: plugin, Action: action,
		Connection: act.Connection.Value, Input: withObject(act.With),
		RetryInterval: defaultRetryInterval, OnError: act.OnError.OrDefault(),
	}
	if act.Timeout.IsSet() {
		n.Timeout = act.Timeout.Seconds
	}
	if r := act.Retry; r != nil {
		n.RetryTimes = r.Times.Value
		if r.Interval.IsSet() {
			n.RetryInterval = strconv.FormatInt(r.Interval.Seconds, 10)
		}
	}
	if errorEvent != "" {
		n.OnError, n.OnErrorNode = "goto", errorEvent
	}
	return n
}

// workflowNode is the node_info entry of a callActivity.
type workflowNode struct {
	NodeType string         `json:"node_type"` // "workflow"
	Name     string         `json:"name"`
	Workflow string         `json:"workflow"` // id or name, as written
	Input    jsonobj.Object `json:"input"`
	// OnError is goto when on_error names a step, as on a plugin node (inferred: no sample
	// has a call activity with an error boundary); absent otherwise, so calls without
	// on_error compile as before.
	OnError     string `json:"on_error,omitempty"`
	OnErrorNode string `json:"on_error_node,omitempty"` // the boundary event's element id
}

func workflowNodeInfo(s *workflow.Step, errorEvent string) workflowNode {
	call := s.Body.(*workflow.Call) // graph.go makes a CallActivity of a call step only
	n := workflowNode{NodeType: nodeTypeWorkflow, Name: s.LabelOrID(), Workflow: call.Workflow.Value, Input: withObject(call.With)}
	if errorEvent != "" {
		n.OnError, n.OnErrorNode = "goto", errorEvent
	}
	return n
}

// approvalInfo is the usertask_info entry of a userTask.
type approvalInfo struct {
	Name      string         `json:"name"`
	Approvers []string       `json:"approvers"`
	Timeout   int64          `json:"timeout"` // seconds; 0: no timeout
	OnTimeout string         `json:"on_timeout"`
	Form      jsonobj.Object `json:"form"`
}

func approvalNodeInfo(s *workflow.Step) approvalInfo {
	info := approvalInfo{Name: s.LabelOrID(), Approvers: []string{}, OnTimeout: "interrupt", Form: jsonobj.Object{}}
	if a, ok := s.Body.(*workflow.Approval); ok {
		info.Approvers = stringValues(a.Approvers)
		if a.Timeout.IsSet() {
			info.Timeout = a.Timeout.Seconds
		}
		info.OnTimeout = a.OnTimeoutOrDefault()
		info.Form = entriesObject(a.Form)
	}
	return info
}

func stringValues(ss []workflow.String) []string {
	out := make([]string, 0, len(ss))
	for _, s := range ss {
		out = append(out, s.Value)
	}
	return out
}

func withObject(with []*workflow.Entry) jsonobj.Object { return entriesObject(with) }

// entriesObject turns a with or form mapping into an ordered JSON object ({} when empty).
func entriesObject(es []*workflow.Entry) jsonobj.Object {
	obj := make(jsonobj.Object, 0, len(es))
	for _, e := range es {
		obj = append(obj, jsonobj.Member{Key: e.Key.Value, Value: e.Value.JSON()})
	}
	return obj
}
