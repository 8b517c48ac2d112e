package dataworks

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net/url"
	"strings"
	"time"
)

// Asynchronous job statuses (AsyncJob.Status, JobStatus.Status).
const (
	JobRunning = "Running"
	JobSuccess = "Success"
	JobFail    = "Fail"
	JobCancel  = "Cancel"
)

// Flag is a yes/no field that the API sends as a JSON bool in some answers (AsyncJob.Completed)
// and as the string "True"/"False" in others (JobStatus.Completed).
type Flag bool

// UnmarshalJSON accepts true, false, "True", "False" (any case) and null.
func (f *Flag) UnmarshalJSON(b []byte) error {
	s := strings.ToLower(strings.Trim(string(bytes.TrimSpace(b)), `"`))
	switch s {
	case "true":
		*f = true
	case "false", "null", "":
		*f = false
	default:
		return fmt.Errorf("a yes/no field holds %s", truncate(string(b), 20))
	}
	return nil
}

// AsyncJob is ImportWorkflowDefinition's answer. Response holds the workflow id once known.
type AsyncJob struct {
	ID        ID     `json:"Id"`
	Status    string `json:"Status"`
	Progress  int    `json:"Progress"`
	Completed Flag   `json:"Completed"`
	Error     string `json:"Error"`
	Response  string `json:"Response"`
	Type      string `json:"Type"`
}

// JobStatus is GetJobStatus's answer.
type JobStatus struct {
	JobID     ID     `json:"JobId"`
	Status    string `json:"Status"`
	Completed Flag   `json:"Completed"`
	Error     string `json:"Error"`
	JobType   string `json:"JobType"`
}

// done reports whether the job has ended, in whichever way.
func (j *JobStatus) done() bool {
	return bool(j.Completed) || j.Status == JobSuccess || j.Status == JobFail || j.Status == JobCancel
}

// JobError is an asynchronous job that ended in Fail or Cancel.
type JobError struct {
	JobID   ID
	Status  string
	Message string
}

func (e *JobError) Error() string {
	msg := fmt.Sprintf("job %s ended with status %s", e.JobID, e.Status)
	if e.Message != "" {
		msg += ": " + e.Message
	}
	return msg
}

// ImportWorkflowDefinition creates or updates a workflow and its nodes from a FlowSpec document
// (ids that exist are updated, others created) and returns the asynchronous job; wait for it
// with WaitJob. It is sent once: an unknown outcome is ErrAmbiguous, resolved by looking the
// workflow up, never by resending. The API has no dry run.
func (c *Client) ImportWorkflowDefinition(ctx context.Context, spec string) (*AsyncJob, error) {
	const action = "ImportWorkflowDefinition"
	if strings.TrimSpace(spec) == "" {
		return nil, errors.New(action + ": the spec is empty")
	}
	form := url.Values{"ProjectId": {c.cfg.ProjectID}, "Spec": {spec}}
	r, err := c.do(ctx, call{action: action, method: "POST", form: form, acting: true})
	if err != nil {
		return nil, err
	}
	var out struct {
		AsyncJob *AsyncJob `json:"AsyncJob"`
	}
	if err := c.decode(action, r, &out); err != nil {
		return nil, ambiguous(action, err)
	}
	if out.AsyncJob == nil || out.AsyncJob.ID == "" {
		return nil, ambiguous(action, errors.New("the answer has no AsyncJob id"))
	}
	return out.AsyncJob, nil
}

// GetJobStatus reads an asynchronous job's status once.
func (c *Client) GetJobStatus(ctx context.Context, jobID ID) (*JobStatus, error) {
	const action = "GetJobStatus"
	if jobID == "" {
		return nil, errors.New(action + ": no job id")
	}
	return readField[JobStatus](ctx, c, action, url.Values{"JobId": {string(jobID)}}, "JobStatus")
}

// WaitJob polls GetJobStatus every Poll.Interval until the job ends. Success returns its status;
// Fail and Cancel return a *JobError with the server's message; a job still running after
// Poll.MaxAttempts polls is an error that says how to check it later.
func (c *Client) WaitJob(ctx context.Context, jobID ID) (*JobStatus, error) {
	interval, maxPolls := c.pollPolicy()
	for poll := 1; ; poll++ {
		st, err := c.GetJobStatus(ctx, jobID)
		if err != nil {
			return nil, err
		}
		if st.done() {
			if st.Status == JobSuccess {
				return st, nil
			}
			status := st.Status
			if status == "" {
				status = "unknown"
			}
			return st, redact(&JobError{JobID: jobID, Status: status, Message: cleanMessage(st.Error, c.secrets)}, c.secrets)
		}
		if poll >= maxPolls {
			return st, fmt.Errorf("job %s is still %s after %d polls; it may yet finish: check it again with GetJobStatus", jobID, st.Status, poll)
		}
		if err := c.sleep(ctx, interval); err != nil {
			return nil, fmt.Errorf("waiting for job %s: %w", jobID, err)
		}
	}
}

// pollPolicy is Poll with its defaults: every 2 s, at most 300 polls (10 minutes).
func (c *Client) pollPolicy() (interval time.Duration, maxPolls int) {
	interval, maxPolls = c.cfg.Poll.Interval, c.cfg.Poll.MaxAttempts
	if interval <= 0 {
		interval = 2 * time.Second
	}
	if maxPolls <= 0 {
		maxPolls = 300
	}
	return interval, maxPolls
}
