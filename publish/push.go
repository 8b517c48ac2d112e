// Package publish is the logic behind `wfc push`: find the remote workflow a compiled file
// belongs to, compare it with the newest remote version, and create, submit and activate a
// version only when something changed. The CLI only parses flags and prints outcomes.
package publish

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/wfc-dev/wfc/secmaster"
)

// Item is one compiled workflow to push.
type Item struct {
	File string
	// Compile builds the create-version request with process Process_N. Push calls it once,
	// with N chosen to keep the process id of the version already deployed (processNumber).
	Compile func(processNumber int64) (secmaster.CreateVersionRequest, error)
	// WorkflowID names the remote workflow; when empty, WorkflowName is looked up (exactly).
	WorkflowID   string
	WorkflowName string
	// NewWorkflow is what Options.Create creates when no workflow has WorkflowName.
	NewWorkflow secmaster.CreateWorkflowRequest
}

// Options choose what Push may do.
type Options struct {
	DryRun   bool // plan only: call nothing that writes
	Validate bool // ask the server to check the taskflow (mode BASIC) before creating
	Submit   bool // submit the new version for approval
	Activate bool // activate the version (submitting it first when it is a draft)
	Create   bool // create the workflow when no workflow has the name
	// ConfirmWait bounds how long Push keeps looking for a version whose create had an unknown
	// outcome, in total (the CLI's --confirm-wait, DefaultConfirmWait); 0 looks once.
	ConfirmWait time.Duration
	// Sleep waits between those looks; nil sleeps on the real clock. Tests inject it.
	Sleep func(ctx context.Context, d time.Duration) error
}

// Status is the outcome of pushing one item.
type Status string

const (
	Created   Status = "created"   // a new version was created
	Unchanged Status = "unchanged" // the newest version already holds this content
	Planned   Status = "planned"   // dry run: a version would be created
	Failed    Status = "failed"
)

// Outcome reports what Push did for one item.
type Outcome struct {
	File       string `json:"file"`
	Status     Status `json:"status"`
	WorkflowID string `json:"workflow_id,omitempty"`
	// WorkflowCreated is set when the workflow itself was created (or would be, in a dry run).
	WorkflowCreated bool   `json:"workflow_created,omitempty"`
	VersionID       string `json:"version_id,omitempty"`
	Version         string `json:"version,omitempty"` // the server's label ("v3"); may be empty
	// VersionStatus is the version's status after push (pending_submit, pending_approval, ...).
	VersionStatus string `json:"version_status,omitempty"`
	// ProcessID is the BPMN process id of the version pushed or compared (Process_N).
	ProcessID string `json:"process_id,omitempty"`
	// Similar lists, when no workflow had the file's name, existing workflows with another
	// name but this file's description and type: the file's workflow may have been renamed.
	Similar []WorkflowRef `json:"similar_workflows,omitempty"`
	// Resolved is set when the create failed ambiguously and listing versions found it.
	Resolved bool  `json:"resolved_after_ambiguous_create,omitempty"`
	Diff     *Diff `json:"changes,omitempty"`
	// Remote is the version the local one was compared with (with its taskflow), nil when
	// the workflow had none: a plan's reader decompiles it to show the change in the
	// language's terms.
	Remote *secmaster.WorkflowVersion `json:"-"`
	// Unknown is set on a failure where a create or status change was sent but whether the
	// server applied it could not be read back (Err is marked with ErrUnknownOutcome).
	Unknown bool `json:"outcome_unknown,omitempty"`
	// Notes are messages for people: the status steps taken or refused, and why.
	Notes []string `json:"notes,omitempty"`
	Err   error    `json:"-"`
}

// API is the part of *secmaster.Client Push uses.
type API interface {
	GetWorkflow(ctx context.Context, id string) (*secmaster.Workflow, error)
	AllWorkflows(ctx context.Context, name string) ([]secmaster.Workflow, error)
	CreateWorkflow(ctx context.Context, req secmaster.CreateWorkflowRequest) (*secmaster.Workflow, error)
	ListVersions(ctx context.Context, workflowID string, opts secmaster.ListVersionsOptions) ([]secmaster.WorkflowVersion, error)
	GetVersion(ctx context.Context, versionID string) (*secmaster.WorkflowVersion, error)
	CreateVersion(ctx context.Context, workflowID string, req secmaster.CreateVersionRequest) (*secmaster.WorkflowVersion, error)
	SetVersionStatus(ctx context.Context, versionID, status string) (*secmaster.WorkflowVersion, error)
	Validate(ctx context.Context, req secmaster.ValidateRequest) (*secmaster.ValidationResult, error)
}

// Push brings one workflow up to date. It never returns without an Outcome; Outcome.Err is set
// when Status is Failed.
func Push(ctx context.Context, api API, it Item, opts Options) Outcome {
	out := Outcome{File: it.File}
	failf := func(err error) Outcome {
		out.Status, out.Err, out.Unknown = Failed, err, errors.Is(err, ErrUnknownOutcome)
		return out
	}
	wf, created, err := resolveWorkflow(ctx, api, it, opts, &out)
	if err != nil {
		return failf(err)
	}
	out.WorkflowCreated = created
	if wf == nil { // dry run of a workflow that does not exist yet
		out.Status = Planned
		out.Diff = &Diff{Fields: []string{"every field (the workflow has no versions yet)"}}
		return out
	}
	out.WorkflowID = wf.ID

	before, err := api.ListVersions(ctx, wf.ID, secmaster.ListVersionsOptions{})
	if err != nil {
		return failf(err)
	}
	remote, err := newestWithContent(ctx, api, before)
	if err != nil {
		return failf(err)
	}
	out.Remote = remote
	req, err := it.request(ctx, api, wf.ID, before, remote, &out)
	if err != nil {
		return failf(err)
	}
	local := FromRequest(req)
	if remote != nil {
		if d := Compare(local, FromRemote(remote)); d.Empty() {
			out.Status = Unchanged
			out.setVersion(remote)
			if !opts.DryRun {
				if err := advance(ctx, api, &out, opts); err != nil {
					return failf(err)
				}
			}
			return out
		} else {
			out.Diff = d
		}
	} else {
		out.Diff = &Diff{Fields: []string{"every field (the workflow has no versions yet)"}}
	}

	if opts.Validate {
		if err := validate(ctx, api, wf.ID, req); err != nil {
			return failf(err)
		}
	}
	if opts.DryRun {
		out.Status = Planned
		return out
	}
	v, err := api.CreateVersion(ctx, wf.ID, req)
	if mayHaveApplied(err) {
		v, err = findCreated(ctx, api, wf.ID, before, local, err, opts)
		out.Resolved = err == nil
	}
	if err != nil {
		return failf(err)
	}
	out.Status = Created
	out.setVersion(v)
	if err := advance(ctx, api, &out, opts); err != nil {
		return failf(err)
	}
	return out
}

func (o *Outcome) setVersion(v *secmaster.WorkflowVersion) {
	o.VersionID, o.Version, o.VersionStatus = v.ID, v.Version, v.Status
}

// resolveWorkflow finds the workflow by id or exact name, creating it when asked. In a dry run
// a workflow that would be created is returned as nil with created set. When no workflow has
// the name, it records in out.Similar those the file may have gone to before a rename.
func resolveWorkflow(ctx context.Context, api API, it Item, opts Options, out *Outcome) (*secmaster.Workflow, bool, error) {
	wf, err := lookupWorkflow(ctx, api, it)
	if err != nil || wf != nil || it.WorkflowID != "" {
		return wf, false, err
	}
	req := it.NewWorkflow
	req.Name = it.WorkflowName
	// A hint only: when the listing fails, push goes on as it would without it.
	out.Similar, _ = renameCandidates(ctx, api, req)
	if !opts.Create {
		return nil, false, fmt.Errorf("no workflow is named %q; pass --create to create it, or map the file to a workflow id in wfc.yaml", it.WorkflowName)
	}
	if it.NewWorkflow.DataclassID == "" {
		return nil, false, fmt.Errorf("cannot create workflow %q without a data class: set dataclass: in the workflow file or pass --dataclass-id", it.WorkflowName)
	}
	if opts.DryRun {
		return nil, true, nil
	}
	wf, err = api.CreateWorkflow(ctx, req)
	if mayHaveApplied(err) {
		// Read back: the workflow is ours when one now has exactly the name.
		found, checked := poll(ctx, opts, func() (*secmaster.Workflow, error) { return findByName(ctx, api, it.WorkflowName) })
		if found == nil {
			return nil, false, unknownf("%w; no workflow named %q appeared %s, so whether it was created is unknown; it is safe to run push again: it looks the workflow up by name before creating one", err, it.WorkflowName, checked)
		}
		return found, true, nil
	}
	return wf, err == nil, err
}

// lookupWorkflow finds the item's workflow by id (an error when there is none) or by exact
// name (nil when there is none), creating nothing.
func lookupWorkflow(ctx context.Context, api API, it Item) (*secmaster.Workflow, error) {
	if it.WorkflowID != "" {
		wf, err := api.GetWorkflow(ctx, it.WorkflowID)
		if secmaster.IsNotFound(err) {
			return nil, fmt.Errorf("workflow %s does not exist in this workspace; check the id in wfc.yaml or --workflow-id: %w", it.WorkflowID, err)
		}
		return wf, err
	}
	if it.WorkflowName == "" {
		return nil, errors.New("no workflow id or name to push to; map the file in wfc.yaml (workflows:) or pass --workflow-id")
	}
	return findByName(ctx, api, it.WorkflowName)
}

// Deployed finds the item's workflow as push would, creating and changing nothing, and
// returns it with its newest version, taskflow included: what 'wfc diff --remote' compares
// with. The workflow is nil when the item names it by name and no workflow has that name;
// the version is nil when the workflow has none.
func Deployed(ctx context.Context, api API, it Item) (*secmaster.Workflow, *secmaster.WorkflowVersion, error) {
	wf, err := lookupWorkflow(ctx, api, it)
	if err != nil || wf == nil {
		return nil, nil, err
	}
	v, err := Latest(ctx, api, wf.ID)
	return wf, v, err
}

// Latest is the workflow's newest version (Newest) with its taskflow and taskconfig, nil
// when it has none.
func Latest(ctx context.Context, api API, workflowID string) (*secmaster.WorkflowVersion, error) {
	vs, err := api.ListVersions(ctx, workflowID, secmaster.ListVersionsOptions{})
	if err != nil {
		return nil, err
	}
	return newestWithContent(ctx, api, vs)
}

// newestWithContent is Newest(vs) with its content fetched when the list left it out.
func newestWithContent(ctx context.Context, api API, vs []secmaster.WorkflowVersion) (*secmaster.WorkflowVersion, error) {
	v := Newest(vs)
	if v == nil {
		return nil, nil
	}
	return WithContent(ctx, api, v)
}

// findByName returns the workflow whose name is exactly name, nil when none. The server's name
// filter is fuzzy, so every candidate is compared exactly.
func findByName(ctx context.Context, api API, name string) (*secmaster.Workflow, error) {
	all, err := api.AllWorkflows(ctx, name)
	if err != nil {
		return nil, err
	}
	var match []secmaster.Workflow
	for _, w := range all {
		if w.Name == name {
			match = append(match, w)
		}
	}
	switch len(match) {
	case 0:
		return nil, nil
	case 1:
		return &match[0], nil
	}
	ids := make([]string, len(match))
	for i, w := range match {
		ids[i] = w.ID
	}
	return nil, fmt.Errorf("%d workflows are named %q (%s); map the file to one id in wfc.yaml or pass --workflow-id", len(match), name, strings.Join(ids, ", "))
}

// Newest picks the most recently created version: latest create_time, then the highest "vN"
// label, then the later position in the list. Nil when there is none.
func Newest(vs []secmaster.WorkflowVersion) *secmaster.WorkflowVersion {
	var best *secmaster.WorkflowVersion
	for i := range vs {
		v := &vs[i]
		if best == nil || !newer(best, v) {
			best = v
		}
	}
	return best
}

// newer reports whether a is strictly newer than b.
func newer(a, b *secmaster.WorkflowVersion) bool {
	if a.CreateTime != b.CreateTime && a.CreateTime != "" && b.CreateTime != "" {
		return a.CreateTime > b.CreateTime
	}
	an, aok := versionNumber(a.Version)
	bn, bok := versionNumber(b.Version)
	if aok && bok && an != bn {
		return an > bn
	}
	return false
}

// versionNumber reads the N of a "vN" or "v-N" label.
func versionNumber(label string) (int, bool) {
	s := strings.TrimLeft(strings.TrimPrefix(strings.ToLower(label), "v"), "-")
	n, err := strconv.Atoi(s)
	return n, err == nil
}

// WithContent returns v with its taskflow and taskconfig, fetching it when the list left them out.
func WithContent(ctx context.Context, api API, v *secmaster.WorkflowVersion) (*secmaster.WorkflowVersion, error) {
	if v.Taskflow != "" && v.Taskconfig != "" {
		return v, nil
	}
	return api.GetVersion(ctx, v.ID)
}

func validate(ctx context.Context, api API, workflowID string, req secmaster.CreateVersionRequest) error {
	res, err := api.Validate(ctx, secmaster.ValidateRequest{Mode: secmaster.ValidateBasic, Taskconfig: req.Taskconfig, Taskflow: req.Taskflow, WorkflowID: workflowID})
	if err != nil {
		return err
	}
	if !res.Passed() {
		detail := res.DetailText()
		if detail == "" {
			detail = "no detail given"
		}
		return fmt.Errorf("the server's validation (mode BASIC) rejected the workflow: %s", detail)
	}
	return nil
}
