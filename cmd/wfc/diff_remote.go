package main

import (
	"context"
	"errors"
	"fmt"

	"github.com/wfc-dev/wfc/config"
	"github.com/wfc-dev/wfc/dataworks"
	"github.com/wfc-dev/wfc/diff"
	"github.com/wfc-dev/wfc/publish"
	"github.com/wfc-dev/wfc/secmaster"
	"github.com/wfc-dev/wfc/workflow"
)

// diffRemoteFlags are what 'wfc diff --remote' takes beyond diff's own flags.
type diffRemoteFlags struct {
	remote     remoteFlags
	workflowID string
}

// diffRemote is 'wfc diff --remote FILE...': each file against the newest version of the
// workflow push would send it to, the deployed version being the old side.
func diffRemote(ctx context.Context, e *env, f *diffRemoteFlags, format string, args []string) int {
	if len(args) == 0 {
		return fail(e, exitUsage, "diff: --remote takes the workflow files to compare with what is deployed; run 'wfc diff -h' for usage")
	}
	for _, a := range args {
		if a == "-" {
			return fail(e, exitUsage, "diff: --remote compares files, which wfc.yaml maps to workflows; standard input (-) has no name to map")
		}
	}
	files, err := expandWorkflowArgs(args)
	if err != nil {
		return fail(e, exitUsage, "diff: %v", err)
	}
	if f.workflowID != "" && len(files) != 1 {
		return fail(e, exitUsage, "diff: --workflow-id names the workflow of one file, but there are %d; map each file in wfc.yaml instead", len(files))
	}
	cfg, err := f.remote.loadConfig(e, ".")
	if err != nil {
		return fail(e, exitUsage, "diff: %v", err)
	}
	clients := remoteClients{flags: &f.remote, cfg: cfg}
	ctx, cancel := context.WithTimeout(ctx, f.remote.timeout) // the DataWorks client has no timeout of its own
	defer cancel()
	var reports []diff.Report
	failed := false
	for _, file := range files {
		local, ok := loadDiffSide(e, file)
		if !ok {
			failed = true
			continue
		}
		r, err := clients.report(ctx, e, f.workflowID, file, local)
		if interrupted(ctx, "") {
			return exitProblems // interruptible prints the one line and sets the code
		}
		var bad badSettings
		switch {
		case errors.As(err, &bad):
			return fail(e, exitUsage, "diff: %v", bad.err)
		case err != nil:
			fmt.Fprintf(e.stderr, "wfc: diff: %s: %s\n", file, err)
			failed = true
			continue
		}
		reports = append(reports, r)
	}
	if err := writeReports(e, format, reports); err != nil {
		return fail(e, exitUsage, "diff: %v", err)
	}
	return diffExitCode(reports, failed)
}

// remoteClients are the clients of diff --remote, one per platform, each made when a file of
// its platform first needs it: a run comparing only DataWorks files needs no SecMaster
// settings, and the other way round.
type remoteClients struct {
	flags     *remoteFlags
	cfg       *config.Config
	secMaster *secmaster.Client
	dataWorks *dataworks.Client
}

// badSettings is an error in the settings of a platform's workspace: diff stops (exit 2).
type badSettings struct{ err error }

func (b badSettings) Error() string { return b.err.Error() }

// report compares one local side with what is deployed on its platform.
func (c *remoteClients) report(ctx context.Context, e *env, workflowID, file string, local diffSide) (diff.Report, error) {
	var err error
	if local.target == workflow.TargetDataWorks {
		if workflowID != "" {
			return diff.Report{}, badSettings{errors.New("--workflow-id names a SecMaster workflow; DataWorks workflows are found by name")}
		}
		if c.dataWorks == nil {
			if c.dataWorks, err = c.flags.dataWorksClient(e, c.cfg); err != nil {
				return diff.Report{}, badSettings{err}
			}
		}
		r, err := dwRemoteReport(ctx, c.dataWorks, local)
		if err != nil {
			return r, errors.New(explainDataWorks(err))
		}
		return r, nil
	}
	if local.local.version == nil {
		return diff.Report{}, fmt.Errorf("it does not compile for SecMaster or DataWorks (its target is %s); diff --remote compares with SecMaster and DataWorks workflows only", local.target)
	}
	if c.secMaster == nil {
		if c.secMaster, _, err = c.flags.client(e, "."); err != nil {
			return diff.Report{}, badSettings{err}
		}
	}
	it := remoteWorkflow(c.cfg, file, workflowID, local.prog.Workflow.Name.Value)
	r, err := remoteReport(ctx, c.secMaster, it, local)
	if err != nil {
		return r, errors.New(explainRemote(err))
	}
	return r, nil
}

// remoteReport compares one local side with its deployed workflow.
func remoteReport(ctx context.Context, api publish.API, it publish.Item, local diffSide) (diff.Report, error) {
	wf, v, err := publish.Deployed(ctx, api, it)
	if err != nil {
		return diff.Report{}, err
	}
	old := "(not deployed)"
	switch {
	case v != nil:
		old = deployedName(wf, v)
	case wf != nil:
		old = wf.Name + " (no version)"
	}
	changes, err := remoteChanges(wf, v, local.local)
	if errors.Is(err, errNotDecompiled) {
		err = fmt.Errorf("%w; 'wfc push --dry-run' still compares it in BPMN terms", err)
	}
	return diff.Report{Old: old, New: local.name, Changes: changes}, err
}

// writeReports prints the reports in format: text and markdown one after the other (text,
// when there are several files, with a line naming both sides before each file's changes), JSON one object, or an array of them when
// there are several, as compile does.
func writeReports(e *env, format string, reports []diff.Report) error {
	if format == "json" && len(reports) != 1 {
		return diff.WriteJSONList(e.stdout, reports)
	}
	for i, r := range reports {
		if i > 0 && format == "markdown" {
			fmt.Fprintln(e.stdout)
		}
		if format == "text" && len(reports) > 1 && len(r.Changes) > 0 {
			fmt.Fprintf(e.stdout, "%s → %s: %d %s\n", r.Old, r.New, len(r.Changes), plural(len(r.Changes), "change", "changes"))
		}
		if err := writeDiffReport(e, format, r); err != nil {
			return err
		}
	}
	return nil
}

// diffExitCode is diff's exit status: 2 when any side failed, else 1 when any report has a
// change, else 0.
func diffExitCode(reports []diff.Report, failed bool) int {
	if failed {
		return exitUsage
	}
	for _, r := range reports {
		if len(r.Changes) > 0 {
			return exitProblems
		}
	}
	return exitOK
}
