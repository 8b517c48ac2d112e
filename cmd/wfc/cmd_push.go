package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/wfc-dev/wfc/config"
	"github.com/wfc-dev/wfc/publish"
	"github.com/wfc-dev/wfc/secmaster"
)

const pushUsage = `usage: wfc push [--target T] [--dry-run] [--validate] [--submit] [--activate] [--create]
                [--publish] [--format text|json] [--workflow-id ID] FILE|DIR...

Compiles and lints each workflow (a DIR means every .yaml/.yml file under it), compares it
with the newest version of its SecMaster workflow, and creates a new version only when
something changed (the decoded BPMN tree, taskconfig, input, output, name, description or
type). The workflow is the id wfc.yaml maps the file to (workflows:), --workflow-id for a
single file, or the workflow whose name equals the file's name (--create makes it). When no
workflow has the name but one with another name has the file's description and type, as
after a rename, push warns and prints the wfc.yaml lines that map the file to it. wfc.yaml is the one found from the
current directory upwards. Files that reach one workflow are refused before anything is
sent. A new version keeps the BPMN process id of the version deployed for its workflow.

A create, submit or activate is sent once. When its outcome is unknown (a timeout, a dropped
connection, a 5xx), push reads the state back instead of sending it again: a version whose
create failed is looked for by content (a workflow by name), at once and then with backoff
(1s, 2s, 4s, ... at most 8s apart) for --confirm-wait in all; if it has not appeared, push says the outcome is
unknown, and running it again is safe, since it compares content before creating.

--dry-run prints what would change and writes nothing. --submit submits the new version for
approval; --activate also activates it, which SecMaster allows only once the version has been
approved: push --activate again after the review.

Prints one line per workflow; exit status 1 when any workflow failed (the others are still
pushed), 2 on bad usage or configuration, 3 when a create, submit or activate was sent but
whether the server applied it is still unknown after reading the state back.

`

// pushFlags are push's own options.
type pushFlags struct {
	remote      remoteFlags
	opts        publish.Options
	format      string
	workflowID  string
	dataclassID string
	dw          dataWorksFlags
}

func runPush(e *env, args []string) int {
	return interruptible(e, func(ctx context.Context, e *env) int { return push(ctx, e, args) })
}

func push(ctx context.Context, e *env, args []string) int {
	var f pushFlags
	fs := newFlagSet(e, "push", pushUsage+pushDataWorksUsage+remoteFlagsHelp)
	f.remote.register(fs)
	f.dw.register(fs)
	fs.BoolVar(&f.opts.DryRun, "dry-run", false, "print the plan; create, submit and activate nothing")
	fs.BoolVar(&f.opts.Validate, "validate", false, "have the server validate each changed workflow (mode BASIC) before creating the version")
	fs.BoolVar(&f.opts.Submit, "submit", false, "submit the version for approval")
	fs.BoolVar(&f.opts.Activate, "activate", false, "activate the version (it must be approved first)")
	fs.BoolVar(&f.opts.Create, "create", false, "create workflows that do not exist yet (looked up by name)")
	fs.DurationVar(&f.opts.ConfirmWait, "confirm-wait", publish.DefaultConfirmWait, "how long to keep checking, with backoff, for a version whose create had an unknown outcome")
	enumVarTo(fs, &f.format, "format", "text", "output format: text or json", textOrJSON...)
	fs.StringVar(&f.workflowID, "workflow-id", "", "the workflow id to push a single FILE to")
	fs.StringVar(&f.dataclassID, "dataclass-id", "", "data class id of workflows --create makes (default: the file's dataclass)")
	files, code, done := parseCommandFlags(e, fs, args)
	if done {
		return code
	}
	if len(files) == 0 {
		return fail(e, exitUsage, "push: no workflow files given; run 'wfc push -h' for usage")
	}
	if err := f.dw.pollIntervalFromEnv(e, fs); err != nil {
		return fail(e, exitUsage, "push: %v", err)
	}
	files, err := expandWorkflowArgs(files)
	if err != nil {
		return fail(e, exitUsage, "push: %v", err)
	}
	dwFiles, files := splitDataWorks(files)
	if err := f.checkPlatformFlags(len(dwFiles), len(files)); err != nil {
		return fail(e, exitUsage, "push: %v", err)
	}
	if len(files) == 0 {
		dw, code := pushDataWorks(ctx, e, &f, dwFiles)
		return finishDataWorksPush(e, &f, dw, code)
	}
	if f.workflowID != "" && len(files) != 1 {
		return fail(e, exitUsage, "push: --workflow-id names the workflow of one file, but there are %d; map each file in %s instead", len(files), config.FileName)
	}
	client, cfg, err := f.remote.client(e, ".")
	if err != nil {
		return fail(e, exitUsage, "push: %v", err)
	}
	items, locals, outcomes := prepareItems(e, cfg, &f, files)
	var ready []publish.Item
	for i, it := range items {
		if outcomes[i].Status != publish.Failed {
			ready = append(ready, it)
		}
	}
	if err := publish.CheckConflicts(ctx, client, ready); err != nil {
		return fail(e, exitUsage, "push: %s", explainRemote(err))
	}
	// DataWorks workflows go first, once the SecMaster settings and conflicts have been
	// checked: a push that is refused sends nothing to either platform.
	var dw []dwOutcome
	if len(dwFiles) > 0 {
		var code int
		if dw, code = pushDataWorks(ctx, e, &f, dwFiles); dw == nil || interrupted(ctx, "") {
			return finishDataWorksPush(e, &f, dw, code)
		}
	}
	plans := make([]pushPlan, len(items))
	for i, it := range items {
		if outcomes[i].Status != publish.Failed {
			outcomes[i] = publish.Push(ctx, client, it, f.opts)
			if outcomes[i].Err != nil {
				outcomes[i].Err = fmt.Errorf("%s", explainRemote(outcomes[i].Err))
			}
		}
		if interrupted(ctx, "") && outcomes[i].Err != nil && !outcomes[i].Unknown {
			// The signal cancelled this workflow's calls; its error would only repeat that.
			outcomes = outcomes[:i]
			break
		}
		warnSimilar(e, cfg, outcomes[i])
		plans[i] = planOf(outcomes[i], locals[i])
		if f.format == "text" {
			printPushOutcome(e, outcomes[i], plans[i])
		}
	}
	interrupted(ctx, fmt.Sprintf("push interrupted after %d of %d workflows; nothing more was sent", len(outcomes), len(items)))
	if f.format == "json" {
		if err := writePushJSON(e, outcomes, plans, dw); err != nil {
			return fail(e, exitUsage, "push: %v", err)
		}
	}
	return worseExit(pushExitCode(outcomes), dataWorksExitCode(dw))
}

// pushExitCode is exitUnknown when any outcome is unknown (someone must look before anything
// else), exitProblems when any workflow failed, else exitOK.
func pushExitCode(outcomes []publish.Outcome) int {
	code := exitOK
	for _, o := range outcomes {
		switch {
		case o.Unknown:
			return exitUnknown
		case o.Status == publish.Failed:
			code = exitProblems
		}
	}
	return code
}

// prepareItems lints and compiles every file and finds what it maps to, before anything is
// sent, so conflicts between files are found first. A file that fails has a Failed outcome;
// the others their local side, for a dry run's plan.
func prepareItems(e *env, cfg *config.Config, f *pushFlags, files []string) ([]publish.Item, []localWorkflow, []publish.Outcome) {
	items := make([]publish.Item, len(files))
	locals := make([]localWorkflow, len(files))
	outcomes := make([]publish.Outcome, len(files))
	for i, file := range files {
		if len(files) > 1 {
			fmt.Fprintf(e.stderr, "push: [%d/%d] %s\n", i+1, len(files), file)
		}
		cw, err := prepareWorkflow(e, cfg, file)
		if err != nil {
			outcomes[i] = publish.Outcome{File: file, Status: publish.Failed, Err: err}
			continue
		}
		req, err := cw.res.Request()
		if err != nil {
			outcomes[i] = publish.Outcome{File: file, Status: publish.Failed, Err: err}
			continue
		}
		items[i] = pushItem(cfg, f, file, cw)
		locals[i] = localWorkflow{prog: cw.prog, version: versionOf(req)}
	}
	return items, locals, outcomes
}

// pushItem says where file goes (remoteWorkflow) and how to compile and create it.
func pushItem(cfg *config.Config, f *pushFlags, file string, cw *compiledWorkflow) publish.Item {
	it := remoteWorkflow(cfg, file, f.workflowID, cw.res.RequestWithoutTaskflow().Name)
	it.Compile, it.NewWorkflow = cw.requestFor, cw.newWorkflow(f.dataclassID)
	return it
}

// remoteWorkflow is the SecMaster workflow a file goes to, as push, diff --remote and pull
// agree: workflowID (--workflow-id) when set, else the file's wfc.yaml mapping (an id or a
// name), else the workflow named like the file's workflow (name).
func remoteWorkflow(cfg *config.Config, file, workflowID, name string) publish.Item {
	it := publish.Item{File: file, WorkflowID: workflowID}
	if it.WorkflowID != "" {
		return it
	}
	switch id, mapped, ok := cfg.WorkflowRef(file); {
	case ok && id != "":
		it.WorkflowID = id
	case ok && mapped != "":
		it.WorkflowName = mapped
	default:
		it.WorkflowName = name
	}
	return it
}

// warnSimilar tells, when no workflow had the file's name, which existing workflows the file
// may have gone to before a rename, and how to push to one of them instead of a new one.
func warnSimilar(e *env, cfg *config.Config, o publish.Outcome) {
	if len(o.Similar) == 0 {
		return
	}
	key := o.File
	if abs, err := filepath.Abs(o.File); err == nil {
		if rel, err := filepath.Rel(cfg.Dir, abs); err == nil {
			key = filepath.ToSlash(rel)
		}
	}
	where := cfg.Path
	if where == "" {
		where = filepath.Join(cfg.Dir, config.FileName)
	}
	if wd, err := os.Getwd(); err == nil {
		if rel, err := filepath.Rel(wd, where); err == nil {
			where = rel
		}
	}
	for _, w := range o.Similar {
		fmt.Fprintf(e.stderr, "push: warning: %s: no workflow has the file's name, but workflow %s %q has its description and type; if the file's workflow was renamed, push to that one rather than make a new one, by mapping the file in %s:\n  workflows:\n    %s: %q\n",
			o.File, w.ID, w.Name, where, key, w.ID)
	}
}

// requestFor is the request with process Process_N: push keeps the process id of the version
// already deployed, which it learns only once it has found the workflow. The file is not
// loaded again, and compiled again only when N differs from the number it was compiled with.
func (c *compiledWorkflow) requestFor(processNumber int64) (secmaster.CreateVersionRequest, error) {
	res, err := c.res.WithProcessNumber(processNumber)
	if err != nil {
		return secmaster.CreateVersionRequest{}, err
	}
	return res.Request()
}

// printPushOutcome writes the one-line result, and for a plan the changes indented below it.
func printPushOutcome(e *env, o publish.Outcome, plan pushPlan) {
	w := e.stdout
	switch o.Status {
	case publish.Failed:
		fmt.Fprintf(w, "FAIL  %s  %v\n", o.File, o.Err)
		return
	case publish.Planned:
		if o.WorkflowID == "" {
			fmt.Fprintf(w, "plan  %s  new workflow  new version\n", o.File)
		} else {
			fmt.Fprintf(w, "plan  %s  workflow %s  new version\n", o.File, o.WorkflowID)
		}
		for _, l := range planLines(o, plan) {
			fmt.Fprintf(w, "      %s\n", l)
		}
		return
	}
	ver := o.Version
	if ver == "" {
		ver = o.VersionID
	}
	wf := "workflow " + o.WorkflowID
	if o.WorkflowCreated {
		wf += " (new)"
	}
	what := string(o.Status)
	if o.Resolved {
		what += " (confirmed by listing versions after the create's outcome was unknown)"
	}
	if len(o.Notes) > 0 {
		what += ", " + strings.Join(o.Notes, ", ")
	}
	fmt.Fprintf(w, "ok  %s  %s  version %s  %s\n", o.File, wf, ver, what)
}

// pushJSON is the --format json report.
type pushJSON struct {
	Workflows []any          `json:"workflows"` // pushJSONItem (SecMaster) or dwOutcome
	Summary   map[string]int `json:"summary"`
}

type pushJSONItem struct {
	publish.Outcome
	pushPlan
	Error string `json:"error,omitempty"`
}

// writePushJSON writes the report of SecMaster workflows and DataWorks ones (dw) together.
func writePushJSON(e *env, outcomes []publish.Outcome, plans []pushPlan, dw []dwOutcome) error {
	rep := pushJSON{Workflows: []any{}, Summary: map[string]int{}}
	for _, s := range []publish.Status{publish.Created, publish.Unchanged, publish.Planned, publish.Failed} {
		rep.Summary[string(s)] = 0
	}
	addDataWorksJSON(&rep, dw)
	for i, o := range outcomes {
		item := pushJSONItem{Outcome: o, pushPlan: plans[i]}
		if o.Err != nil {
			item.Error = o.Err.Error()
		}
		rep.Workflows = append(rep.Workflows, item)
		rep.Summary[string(o.Status)]++
	}
	b, err := json.MarshalIndent(rep, "", "  ") // map keys are sorted: deterministic
	if err != nil {
		return err
	}
	_, err = e.stdout.Write(append(b, '\n'))
	return err
}
