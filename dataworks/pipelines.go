package dataworks

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
)

// Pipeline run types and statuses (CreatePipelineRun Type; Pipeline and stage Status).
const (
	PipelineOnline  = "Online"
	PipelineOffline = "Offline"

	StatusInit        = "Init"
	StatusRunning     = "Running"
	StatusSuccess     = "Success"
	StatusFail        = "Fail"
	StatusTermination = "Termination"
	StatusCancel      = "Cancel"
)

// CreatePipelineRunRequest publishes (Online) or takes offline (Offline) an object: DataWorks
// uses only the first id of ObjectIDs, with its children (a workflow's nodes).
type CreatePipelineRunRequest struct {
	Type        string
	ObjectIDs   []ID
	Description string
}

// PipelineRun is GetPipelineRun's Pipeline.
type PipelineRun struct {
	ID        ID              `json:"Id"`
	ProjectID ID              `json:"ProjectId"`
	Status    string          `json:"Status"`
	Message   string          `json:"Message"`
	Creator   string          `json:"Creator"`
	Stages    []PipelineStage `json:"Stages"`
}

// PipelineStage is one stage of a pipeline run. Stages that wait for a person stay Init until
// ExecPipelineRunStage starts them.
type PipelineStage struct {
	Code        string `json:"Code"` // e.g. DEV_CHECK
	Name        string `json:"Name"`
	Type        string `json:"Type"` // Build, Check, Deploy, Offline, Delete
	Status      string `json:"Status"`
	Message     string `json:"Message"`
	Description string `json:"Description"`
	Step        int    `json:"Step"`
}

// CreatePipelineRun starts a publish (or offline) run and returns its id. It is sent once: an
// unknown outcome is ErrAmbiguous.
func (c *Client) CreatePipelineRun(ctx context.Context, req CreatePipelineRunRequest) (ID, error) {
	const action = "CreatePipelineRun"
	if req.Type != PipelineOnline && req.Type != PipelineOffline {
		return "", fmt.Errorf("%s: type %q must be %s or %s", action, req.Type, PipelineOnline, PipelineOffline)
	}
	if len(req.ObjectIDs) == 0 || req.ObjectIDs[0] == "" {
		return "", errors.New(action + ": no object id")
	}
	form := url.Values{"ProjectId": {c.cfg.ProjectID}, "Type": {req.Type}, "ObjectIds": {marshalIDs(req.ObjectIDs)}}
	setIf(form, "Description", req.Description)
	r, err := c.do(ctx, call{action: action, method: "POST", form: form, acting: true})
	if err != nil {
		return "", err
	}
	var out struct {
		ID ID `json:"Id"`
	}
	if err := c.decode(action, r, &out); err != nil || out.ID == "" {
		if err == nil {
			err = errors.New("the answer has no Id")
		}
		return "", ambiguous(action, err)
	}
	return out.ID, nil
}

// GetPipelineRun reads a pipeline run with its stages.
func (c *Client) GetPipelineRun(ctx context.Context, id ID) (*PipelineRun, error) {
	const action = "GetPipelineRun"
	if id == "" {
		return nil, errors.New(action + ": no pipeline run id")
	}
	q := c.projectQuery()
	q.Set("Id", string(id))
	return readField[PipelineRun](ctx, c, action, q, "Pipeline")
}

// ExecPipelineRunStage starts the stage code of a pipeline run that waits for it. ProjectId goes
// in the query string, Id and Code in the form body (SDK request model). It is sent once.
func (c *Client) ExecPipelineRunStage(ctx context.Context, id ID, code string) error {
	const action = "ExecPipelineRunStage"
	if id == "" || code == "" {
		return errors.New(action + ": a pipeline run id and a stage code are required")
	}
	form := url.Values{"Id": {string(id)}, "Code": {code}}
	r, err := c.do(ctx, call{action: action, method: "POST", query: c.projectQuery(), form: form, acting: true})
	if err != nil {
		return err
	}
	var out struct {
		RequestID string `json:"RequestId"`
		Success   *Flag  `json:"Success"`
	}
	if err := c.decode(action, r, &out); err != nil {
		return ambiguous(action, err)
	}
	if out.Success != nil && !*out.Success {
		return &APIError{Action: action, HTTPStatus: r.Status, Message: "the server answered Success=false", RequestID: cleanMessage(out.RequestID, c.secrets)}
	}
	return nil
}

// marshalIDs encodes ids as the JSON array of strings CreatePipelineRun takes in one form field.
func marshalIDs(ids []ID) string {
	b, _ := json.Marshal(ids) // a []string-like slice always encodes
	return string(b)
}
