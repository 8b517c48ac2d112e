package deploy

import (
	"context"
	"errors"
	"fmt"
	"regexp"
	"time"

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

// serverID is the shape of an id DataWorks assigns (19 digits today; any run of digits is
// treated alike, so that no number wfc sends can name an existing object by chance).
var serverID = regexp.MustCompile(`^[0-9]+$`)

// importSpec is the compiled document with the deployed ids in place: the workflow's, each node
// matched by name (and the ids of their script, trigger and other parts), and every reference
// to a replaced id (a dependency's nodeId and output, an output's data). New nodes keep the
// compiler's ids, which must not look like a DataWorks id: the service updates an object whose
// id exists and creates the others, so a made-up number could overwrite an unrelated object.
func (p *WorkflowPlan) importSpec() ([]byte, error) {
	local, err := parseDocument(p.local, "the compiled spec") // a fresh copy to fill in
	if err != nil {
		return nil, err
	}
	if err := checkMadeUpIDs(local); err != nil {
		return nil, err
	}
	remap := map[string]string{}
	if p.deployed != nil {
		// The spec's own id first: where a compiled spec gives it and the workflow the same id,
		// references to that id mean the workflow.
		if ls, ok := local.root["spec"].(obj); ok {
			if ds, ok := p.deployed.root["spec"].(obj); ok && idOf(ds) != "" {
				adoptID(ls, idOf(ds), remap)
			}
		}
		adopt(local.wf, p.deployed.wf, remap)
		for _, n := range local.nodes {
			if d := p.deployed.nodeNamed(n["name"].(string)); d != nil {
				adopt(n, d, remap)
			}
		}
	}
	rewriteReferences(local.root, remap)
	return encode(local.root), nil
}

// adopt gives local the deployed object's id, and each object member of local (script,
// trigger, ...) the id of the deployed member of the same name.
func adopt(local, deployed obj, remap map[string]string) {
	adoptID(local, idOf(deployed), remap)
	for k, v := range local {
		lm, lok := v.(obj)
		dm, dok := deployed[k].(obj)
		if lok && dok && idOf(dm) != "" {
			adoptID(lm, idOf(dm), remap)
		}
	}
}

func adoptID(o obj, id string, remap map[string]string) {
	if id == "" {
		return
	}
	if old := idOf(o); old != "" && old != id {
		remap[old] = id
	}
	o["id"] = id
}

// checkMadeUpIDs refuses a compiled workflow or node id that looks like a DataWorks id: the
// compiler's ids are names, and a number could name an existing object.
func checkMadeUpIDs(d *document) error {
	check := func(o obj, what string) error {
		if id := idOf(o); serverID.MatchString(id) {
			return fmt.Errorf("the compiled spec gives %s the id %q, which looks like a DataWorks id and could name an existing object; wfc matches deployed objects by name, so compiled ids must not be numbers", what, id)
		}
		return nil
	}
	if err := check(d.wf, fmt.Sprintf("workflow %q", d.name())); err != nil {
		return err
	}
	for _, n := range d.nodes {
		if err := check(n, fmt.Sprintf("node %q", n["name"])); err != nil {
			return err
		}
	}
	return nil
}

// rewriteReferences replaces, everywhere in v, a reference member (referenceKeys) whose value
// is a replaced id.
func rewriteReferences(v any, remap map[string]string) {
	switch v := v.(type) {
	case obj:
		for k, val := range v {
			if s, ok := val.(string); ok && referenceKeys[k] {
				if to, ok := remap[s]; ok {
					v[k] = to
				}
				continue
			}
			rewriteReferences(val, remap)
		}
	case []any:
		for _, val := range v {
			rewriteReferences(val, remap)
		}
	}
}

// mayHaveApplied reports whether a failed import may still have been applied: anything but an
// answer from the service that refused it (an API error below 500).
func mayHaveApplied(err error) bool {
	if err == nil || errors.Is(err, dataworks.ErrAmbiguous) {
		return err != nil
	}
	var apiErr *dataworks.APIError
	return !errors.As(err, &apiErr) || apiErr.HTTPStatus >= 500
}

// confirm resolves an import whose answer was lost: the workflow is deployed with this content
// when one has the name and its spec compares equal to the compiled one. It looks at once, then
// after pauses of 1 s doubling up to 8 s, until p.ConfirmWait has passed; it never resends.
func (p *WorkflowPlan) confirm(ctx context.Context, cause error) (*Result, error) {
	local, err := parseDocument(p.local, "the compiled spec")
	if err != nil {
		return nil, err
	}
	want := viewOf(local)
	var waited time.Duration
	pause := time.Second
	for looks := 1; ; looks++ {
		id, lookErr := p.lookForImported(ctx, want)
		if id != "" {
			return &Result{Action: p.Action, WorkflowID: id, Resolved: true}, nil
		}
		if waited >= p.ConfirmWait || ctx.Err() != nil {
			return nil, unknownf("importing workflow %q: %w; %s, so whether the import was applied is unknown; it is safe to deploy again: the plan compares what is deployed first and imports nothing if this content has landed by then",
				p.Workflow, cause, lookSummary(looks, waited, lookErr))
		}
		d := min(pause, p.ConfirmWait-waited)
		if err := p.client.Sleep(ctx, d); err != nil {
			return nil, unknownf("importing workflow %q: %w; looking it up again was interrupted (%v)", p.Workflow, cause, err)
		}
		waited += d
		pause = min(2*pause, 8*time.Second)
	}
}

// lookForImported returns the id of the workflow named p.Workflow when its deployed spec has
// the content want; "" when there is none (yet).
func (p *WorkflowPlan) lookForImported(ctx context.Context, want view) (dataworks.ID, error) {
	id, deployed, err := p.lookUp(ctx, "")
	if err != nil || deployed == nil {
		return "", err
	}
	wf, nodes := compare(want, viewOf(deployed))
	if len(wf) == 0 && len(nodes) == 0 {
		return id, nil
	}
	return "", nil
}

func lookSummary(looks int, waited time.Duration, last error) string {
	s := fmt.Sprintf("no workflow with this name and content was found in %d look-ups over %s", looks, waited)
	if looks == 1 {
		s = "no workflow with this name and content was found when looked up at once"
	}
	if last != nil {
		s += " (the last look-up: " + last.Error() + ")"
	}
	return s
}

// unknownOutcome is an error marked with ErrUnknownOutcome.
type unknownOutcome struct{ err error }

func (u unknownOutcome) Error() string   { return u.err.Error() }
func (u unknownOutcome) Unwrap() []error { return []error{ErrUnknownOutcome, u.err} }

func unknownf(format string, args ...any) error { return unknownOutcome{fmt.Errorf(format, args...)} }
