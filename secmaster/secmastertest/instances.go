package secmastertest

import (
	"encoding/json"

	"github.com/wfc-dev/wfc/secmaster"
)

// instanceRec is a stored instance plus what debug commands fed it.
type instanceRec struct {
	in     secmaster.Instance
	debugs []DebugInput
}

// DebugInput is one ActionInstanceDebugCommand the emulator received.
type DebugInput struct {
	TaskID          string
	InputDataobject string
}

func (e *Emulator) instance(id string) (*instanceRec, *apiError) {
	for _, r := range e.instances {
		if r.in.ID == id {
			return r, nil
		}
	}
	return nil, errf(400, codeInstanceNotFound, "workflow instance not found")
}

// listInstances answers {count, instances} without the usual envelope, as the service does.
func (e *Emulator) listInstances(rq *request) (reply, *apiError) {
	offset, limit, err := paging(rq.query)
	if err != nil {
		return reply{}, err
	}
	wf, status, trig := rq.query.Get("workflow_id"), rq.query.Get("status"), rq.query.Get("trigger_type")
	var all []secmaster.Instance
	for _, r := range e.instances {
		in := r.in
		if (wf == "" || (in.Workflow != nil && in.Workflow.ID == wf)) && (status == "" || in.Status == status) && (trig == "" || in.TriggerType == trig) {
			in.Topology = nil // the list omits topologies
			all = append(all, in)
		}
	}
	return reply{body: map[string]any{"count": len(all), "instances": page(all, offset, limit)}}, nil
}

func (e *Emulator) showInstance(rq *request) (reply, *apiError) {
	r, err := e.instance(rq.params[0])
	if err != nil {
		return reply{}, err
	}
	return reply{body: r.in}, nil
}

type instanceCommandBody struct {
	CommandType     string  `json:"command_type"`
	TaskID          *string `json:"task_id"`
	InputDataobject *string `json:"input_dataobject"`
}

// updateInstance applies terminate (RUNNING/RETRYING → TERMINATED), retry (FAILED/TERMINATED →
// RETRYING) or debug (records the input; needs task_id and a JSON input_dataobject).
func (e *Emulator) updateInstance(rq *request) (reply, *apiError) {
	r, err := e.instance(rq.params[0])
	if err != nil {
		return reply{}, err
	}
	var b instanceCommandBody
	if err := decodeBody(rq, &b); err != nil {
		return reply{}, err
	}
	in := &r.in
	switch b.CommandType {
	case secmaster.CommandTerminate:
		if !oneOf(in.Status, secmaster.InstanceRunning, secmaster.InstanceRetrying) {
			return reply{}, errf(400, codeInstanceState, "a %s instance cannot be terminated", in.Status)
		}
		in.Status = secmaster.InstanceTerminated
		in.EndTime = e.timestamp()
	case secmaster.CommandRetry:
		if !oneOf(in.Status, secmaster.InstanceFailed, secmaster.InstanceTerminated) {
			return reply{}, errf(400, codeInstanceState, "a %s instance cannot be retried", in.Status)
		}
		in.Status = secmaster.InstanceRetrying
		in.RetryCount++
		in.EndTime = ""
	case secmaster.CommandDebug:
		if b.TaskID == nil || *b.TaskID == "" || b.InputDataobject == nil {
			return reply{}, badRequest("task_id and input_dataobject are required for %s", secmaster.CommandDebug)
		}
		if !json.Valid([]byte(*b.InputDataobject)) {
			return reply{}, badRequest("input_dataobject must be a JSON string")
		}
		r.debugs = append(r.debugs, DebugInput{TaskID: *b.TaskID, InputDataobject: *b.InputDataobject})
	default:
		return reply{}, badRequest("command_type must be %s, %s or %s", secmaster.CommandTerminate, secmaster.CommandRetry, secmaster.CommandDebug)
	}
	return reply{envelope: true}, nil
}
