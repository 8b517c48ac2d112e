package secmaster

import (
	"context"
	"encoding/json"
	"errors"
	"net/url"
	"strconv"
)

// Instance statuses, trigger types and update commands.
const (
	InstanceRunning     = "RUNNING"
	InstanceFailed      = "FAILED"
	InstanceFinished    = "FINISHED"
	InstanceRetrying    = "RETRYING"
	InstanceTerminating = "TERMINATING"
	InstanceTerminated  = "TERMINATED"

	CommandTerminate = "ActionInstanceTerminateCommand"
	CommandRetry     = "ActionInstanceRetryCommand"
	CommandDebug     = "ActionInstanceDebugCommand"
)

// Instance is AopworkflowInstanceDetail. The nested objects' fields beyond id and name are our
// best reading of the SDK model; Topology is kept raw.
type Instance struct {
	ID           string           `json:"id"`
	Name         string           `json:"name"`
	Workflow     *InstanceRef     `json:"workflow,omitempty"`
	Dataclass    *InstanceRef     `json:"dataclass,omitempty"`
	Playbook     *InstanceRef     `json:"playbook,omitempty"`
	TriggerType  string           `json:"trigger_type"` // DEBUG, TIMER, EVENT, MANUAL
	Status       string           `json:"status"`
	StartTime    string           `json:"start_time,omitempty"`
	EndTime      string           `json:"end_time,omitempty"`
	RetryCount   int              `json:"retry_count"`
	DefenseID    string           `json:"defense_id,omitempty"`
	DataobjectID string           `json:"dataobject_id,omitempty"`
	Topology     *json.RawMessage `json:"topology,omitempty"`
}

// InstanceRef names the workflow, data class or playbook an instance belongs to.
type InstanceRef struct {
	ID          string `json:"id"`
	Name        string `json:"name,omitempty"`
	VersionID   string `json:"version_id,omitempty"`
	VersionName string `json:"version_name,omitempty"`
}

// ListInstancesOptions filters ListInstances.
type ListInstancesOptions struct {
	WorkflowID  string
	Status      string
	TriggerType string
	Offset      int
	Limit       int // 1–100; 0: server default
}

// InstancePage is one page of instances; this answer has no envelope.
type InstancePage struct {
	Count     int        `json:"count"`
	Instances []Instance `json:"instances"`
}

// InstanceCommand is AopInstanceUpdateDataPojo.
type InstanceCommand struct {
	CommandType     string `json:"command_type"`
	TaskID          string `json:"task_id,omitempty"`
	InputDataobject string `json:"input_dataobject,omitempty"` // a JSON string
}

// ListInstances returns one page of workflow instances.
func (c *Client) ListInstances(ctx context.Context, opts ListInstancesOptions) (*InstancePage, error) {
	const op = "list instances"
	q := url.Values{}
	for k, v := range map[string]string{"workflow_id": opts.WorkflowID, "status": opts.Status, "trigger_type": opts.TriggerType} {
		if v != "" {
			q.Set(k, v)
		}
	}
	if opts.Offset > 0 {
		q.Set("offset", strconv.Itoa(opts.Offset))
	}
	if opts.Limit > 0 {
		q.Set("limit", strconv.Itoa(opts.Limit))
	}
	r, err := c.do(ctx, call{op: op, method: "GET", path: []string{"workflows", "instances"}, query: q, idempotent: true})
	if err != nil {
		return nil, err
	}
	var page InstancePage
	if err := decodeJSON(op, r, &page); err != nil {
		return nil, err
	}
	return &page, nil
}

// GetInstance returns one instance with its topology.
func (c *Client) GetInstance(ctx context.Context, instanceID string) (*Instance, error) {
	const op = "show instance"
	q := url.Values{"show_topology": {"true"}}
	r, err := c.do(ctx, call{op: op, method: "GET", path: []string{"workflows", "instances", instanceID}, query: q, idempotent: true})
	if err != nil {
		return nil, err
	}
	var in Instance
	if err := decodeJSON(op, r, &in); err != nil {
		return nil, err
	}
	return &in, nil
}

// UpdateInstance sends a command to an instance. A debug command needs TaskID and InputDataobject.
// It is sent at most once: on errors.Is(err, ErrAmbiguous) the server may have applied it.
func (c *Client) UpdateInstance(ctx context.Context, instanceID string, cmd InstanceCommand) error {
	op := "update instance"
	switch cmd.CommandType {
	case CommandRetry:
		op = "retry instance"
	case CommandTerminate:
		op = "terminate instance"
	case CommandDebug:
		op = "debug instance"
		if cmd.TaskID == "" || cmd.InputDataobject == "" {
			return errors.New("debug instance: a debug command needs a task id and an input data object")
		}
	default:
		return errors.New("update instance: command type must be " + CommandTerminate + ", " + CommandRetry + " or " + CommandDebug)
	}
	// Not idempotent: a retry or debug command applied twice runs the playbook twice, so a
	// failure after sending is ErrAmbiguous and the command is never resent.
	_, err := c.do(ctx, call{op: op, method: "PUT", path: []string{"workflows", "instances", instanceID}, body: cmd})
	return err
}

// RetryInstance reruns a failed or terminated instance.
func (c *Client) RetryInstance(ctx context.Context, instanceID string) error {
	return c.UpdateInstance(ctx, instanceID, InstanceCommand{CommandType: CommandRetry})
}

// TerminateInstance stops a running instance.
func (c *Client) TerminateInstance(ctx context.Context, instanceID string) error {
	return c.UpdateInstance(ctx, instanceID, InstanceCommand{CommandType: CommandTerminate})
}

// DebugInstance feeds inputDataobject (a JSON array string) to the task taskID of a debug run.
func (c *Client) DebugInstance(ctx context.Context, instanceID, taskID, inputDataobject string) error {
	return c.UpdateInstance(ctx, instanceID, InstanceCommand{CommandType: CommandDebug, TaskID: taskID, InputDataobject: inputDataobject})
}
