package deploy

import (
	"context"
	"errors"
	"fmt"

	"github.com/wfc-dev/wfc/dataworks"
)

// Result is what Apply did.
type Result struct {
	Action     Action       `json:"action"`
	WorkflowID dataworks.ID `json:"workflow_id,omitempty"`
	JobID      dataworks.ID `json:"job_id,omitempty"` // the import job, when its answer came back
	// Resolved is set when the import's answer was lost and looking the workflow up found it
	// deployed with this content.
	Resolved bool `json:"resolved_after_lost_answer,omitempty"`
	// StoredDifferently lists, as plan lines, what the service stored otherwise than it was
	// sent (a field it drops or rewrites): the next plan would see it as a change again.
	StoredDifferently []string `json:"stored_differently,omitempty"`
	// Notes are messages for people, e.g. why the stored workflow could not be read back.
	Notes []string `json:"notes,omitempty"`
}

// ErrUnknownOutcome marks an import that was sent and whose effect could not be read back: it
// may or may not have been applied. Running the deploy again is safe: Plan compares first.
var ErrUnknownOutcome = errors.New("the outcome of the import is unknown")

// Apply carries out a plan. An unchanged plan writes nothing. Otherwise it sends
// ImportWorkflowDefinition once, with the deployed workflow's id and its nodes' ids (matched by
// name) in place of the compiled ones, and waits for the import job to end. When the import's
// answer is lost (dataworks.ErrAmbiguous, or an error without an answer from the service), it
// never resends: it looks the workflow up by name and compares its spec, at once and then with
// backoff up to p.ConfirmWait, and reports ErrUnknownOutcome when the content does not appear.
// A plan is applied at most once.
func Apply(ctx context.Context, p *WorkflowPlan) (*Result, error) {
	if p.client == nil {
		return nil, errors.New("deploy.Apply: the plan was not made by deploy.Plan")
	}
	if p.Action == Unchanged {
		return &Result{Action: Unchanged, WorkflowID: p.WorkflowID}, nil
	}
	if p.sent {
		return nil, fmt.Errorf("the plan for workflow %q was applied already: plan again, so the import is based on what is deployed now", p.Workflow)
	}
	spec, err := p.importSpec()
	if err != nil {
		return nil, err
	}
	p.sent = true
	job, err := p.client.ImportWorkflowDefinition(ctx, string(spec))
	if mayHaveApplied(err) {
		return p.confirm(ctx, err)
	}
	if err != nil {
		return nil, err
	}
	res := &Result{Action: p.Action, WorkflowID: p.WorkflowID, JobID: job.ID}
	if _, err := p.client.WaitJob(ctx, job.ID); err != nil {
		var je *dataworks.JobError
		if errors.As(err, &je) {
			return nil, fmt.Errorf("importing workflow %q: %w", p.Workflow, err)
		}
		return nil, unknownf("importing workflow %q: the import was accepted as job %s but how it ended could not be read (%w); it is safe to deploy again: the plan compares what is deployed first", p.Workflow, job.ID, err)
	}
	p.readBack(ctx, res, job)
	return res, nil
}

// readBack reads the imported workflow back: its id, for a create, and whether the service
// stored what was sent. A failed read is a note, not an error: the import itself succeeded.
func (p *WorkflowPlan) readBack(ctx context.Context, res *Result, job *dataworks.AsyncJob) {
	if res.WorkflowID == "" && serverID.MatchString(job.Response) {
		res.WorkflowID = dataworks.ID(job.Response)
	}
	id, stored, err := p.lookUp(ctx, res.WorkflowID)
	if err != nil || stored == nil {
		if err == nil {
			err = errors.New("no workflow has the name")
		}
		res.Notes = append(res.Notes, fmt.Sprintf("the import succeeded (job %s), but reading the workflow back failed: %v", job.ID, err))
		return
	}
	res.WorkflowID = id
	local, err := parseDocument(p.local, "the compiled spec")
	if err != nil {
		return // parsed before sending; cannot fail now
	}
	again := &WorkflowPlan{Action: Update, Workflow: p.Workflow, Kind: p.Kind, WorkflowID: id}
	again.WorkflowChanges, again.NodeChanges = compare(viewOf(local), viewOf(stored))
	if len(again.WorkflowChanges)+len(again.NodeChanges) > 0 {
		res.StoredDifferently = again.Lines()[1:]
	}
}

// lookUp reads the deployed spec of the workflow id, or of the workflow named p.Workflow when
// id is empty; nil when there is none.
func (p *WorkflowPlan) lookUp(ctx context.Context, id dataworks.ID) (dataworks.ID, *document, error) {
	if id == "" {
		found, err := findByName(ctx, p.client, p.Workflow)
		if err != nil || found == nil {
			return "", nil, err
		}
		id = found.ID
	}
	d, err := fetchSpec(ctx, p.client, id)
	return id, d, err
}
