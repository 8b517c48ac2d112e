package secmaster

import (
	"strconv"

	"github.com/wfc-dev/wfc/bpmn"
	"github.com/wfc-dev/wfc/internal/jsonobj"
	"github.com/wfc-dev/wfc/workflow"
)

// defaultRetryInterval is the retry interval (seconds, as the API's string) when none is
// given: the value in the create-version example.
const defaultRetryInterval = "30"

// Taskconfig is the create-version taskconfig, before it is encoded as a JSON string.
type Taskconfig struct {
	Trigger Trigger `json:"trigger"`
	// NodeInfo holds the settings of service tasks and call activities, keyed by element id in
	// document order; UsertaskInfo those of user tasks. Entry shapes: secmaster_mapping.go.
	NodeInfo     jsonobj.Object `json:"node_info"`
	UsertaskInfo jsonobj.Object `json:"usertask_info"`
}

// Trigger is taskconfig.trigger.
type Trigger struct {
	Advanced Advanced `json:"advanced"`
}

// Advanced is taskconfig.trigger.advanced: the workflow-wide retry policy and log level.
type Advanced struct {
	RetryTimes    int64  `json:"retry_times"`
	RetryInterval string `json:"retry_interval"` // whole seconds, as a string ("30")
	LogLevel      string `json:"log_level"`      // Debug, Info, Warn or Error
}

// taskNode is a configurable task (a service task, call activity or user task) as the
// taskconfig needs it, once the graph it was compiled from is gone (see emit).
type taskNode struct {
	el         *bpmn.Element
	step       *workflow.Step
	errorEvent *bpmn.Element // the task's error boundary event; nil when it has none
}

// configurableTasks are the tasks among nodes, in their order, each with its element set.
func configurableTasks(nodes []*node) []taskNode {
	count := 0
	for _, n := range nodes {
		if isConfigurable(n.typ) {
			count++
		}
	}
	tasks := make([]taskNode, 0, count)
	for _, n := range nodes {
		if !isConfigurable(n.typ) {
			continue
		}
		t := taskNode{el: n.el, step: n.step}
		if n.errorEvent != nil {
			t.errorEvent = n.errorEvent.el
		}
		tasks = append(tasks, t)
	}
	return tasks
}

// isConfigurable reports whether an element of type typ has a taskconfig entry.
func isConfigurable(typ string) bool {
	return typ == "ServiceTask" || typ == "CallActivity" || typ == "UserTask"
}

// buildTaskconfig collects the workflow settings and one entry per configurable task, in
// document order.
func buildTaskconfig(w *workflow.Workflow, tasks []taskNode) *Taskconfig {
	tc := &Taskconfig{
		Trigger: Trigger{Advanced: Advanced{RetryInterval: defaultRetryInterval, LogLevel: LogLevel(w)}},
	}
	if r := w.Retry; r != nil {
		tc.Trigger.Advanced.RetryTimes = r.Times.Value
		if r.Interval.IsSet() {
			tc.Trigger.Advanced.RetryInterval = strconv.FormatInt(r.Interval.Seconds, 10)
		}
	}
	if tc.Trigger.Advanced.LogLevel == "" {
		tc.Trigger.Advanced.LogLevel = "Info"
	}
	plugins, calls, approvals := entryArrays(tasks)
	tc.NodeInfo = make(jsonobj.Object, 0, len(plugins)+len(calls))
	tc.UsertaskInfo = make(jsonobj.Object, 0, len(approvals))
	for _, t := range tasks {
		var entry any
		switch t.el.Type {
		case "ServiceTask":
			plugins[0] = pluginNodeInfo(t.step, errorEventID(t))
			entry, plugins = &plugins[0], plugins[1:]
		case "CallActivity":
			calls[0] = workflowNodeInfo(t.step, errorEventID(t))
			entry, calls = &calls[0], calls[1:]
		case "UserTask":
			approvals[0] = approvalNodeInfo(t.step)
			entry, approvals = &approvals[0], approvals[1:]
		default:
			continue
		}
		entry = withPlatformConfig(entry, t.step)
		if t.el.Type == "UserTask" {
			tc.UsertaskInfo = append(tc.UsertaskInfo, jsonobj.Member{Key: t.el.ID, Value: entry})
		} else {
			tc.NodeInfo = append(tc.NodeInfo, jsonobj.Member{Key: t.el.ID, Value: entry})
		}
	}
	return tc
}

// entryArrays returns arrays with room for the entries of tasks, one per kind: an entry is
// a pointer into them, where boxing each entry in an interface cost an allocation per
// configurable node (issue 8, item 20).
func entryArrays(tasks []taskNode) ([]pluginNode, []workflowNode, []approvalInfo) {
	var plugins, calls, approvals int
	for _, t := range tasks {
		switch t.el.Type {
		case "ServiceTask":
			plugins++
		case "CallActivity":
			calls++
		case "UserTask":
			approvals++
		}
	}
	return make([]pluginNode, plugins), make([]workflowNode, calls), make([]approvalInfo, approvals)
}

// errorEventID is the id of task t's error boundary event, "" when it has none.
func errorEventID(t taskNode) string {
	if t.errorEvent == nil {
		return ""
	}
	return t.errorEvent.ID
}

// Sizes for presizing the taskconfig's buffer, in bytes: an entry of the generated benchmark
// workflow is ~170 bytes compact, the trigger under 200. Growing from empty instead copied
// the buffer a dozen times for a large workflow (issue 8, item 20); entries with large with
// mappings still grow it, by doubling.
const (
	taskconfigEntryBytes   = 192
	taskconfigTriggerBytes = 256
)

// marshal is marshal(tc), with node_info and usertask_info written straight into the output:
// through encoding/json, their MarshalJSON output (megabytes for a large workflow) would be
// copied and compacted once more. The members are Taskconfig's fields in order, under their
// json names; a test holds the two encodings equal.
func (tc *Taskconfig) marshal() ([]byte, error) {
	top := jsonobj.Object{
		{Key: "trigger", Value: tc.Trigger},
		{Key: "node_info", Value: tc.NodeInfo},
		{Key: "usertask_info", Value: tc.UsertaskInfo},
	}
	w := newJSONWriter(taskconfigEntryBytes*(len(tc.NodeInfo)+len(tc.UsertaskInfo)) + taskconfigTriggerBytes)
	if err := top.EncodeTo(w.enc, &w.buf); err != nil {
		return nil, err
	}
	return w.buf.Bytes(), nil
}
