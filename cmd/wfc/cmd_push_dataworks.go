package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"time"

	"gopkg.in/yaml.v3"

	"github.com/wfc-dev/wfc/config"
	"github.com/wfc-dev/wfc/dataworks"
	"github.com/wfc-dev/wfc/dataworks/deploy"
	"github.com/wfc-dev/wfc/internal/readlimit"
	"github.com/wfc-dev/wfc/lint/driver"
	"github.com/wfc-dev/wfc/workflow"
)

const pushDataWorksUsage = `A workflow with target: dataworks goes to Alibaba Cloud DataWorks instead. push finds the
deployed workflow by its name (exact match, every page, both workflow kinds), reads its
FlowSpec with the scripts and compares it with the compiled one; when nothing changed it writes
nothing, else it sends ImportWorkflowDefinition once, with the deployed workflow's id and its
nodes' ids (matched by name) in place of the compiled ones, and waits for the import job. A
lost answer to the import is resolved by looking the workflow up again (--confirm-wait), never
by resending; exit status 3 when the import's outcome stays unknown. --dry-run prints the plan and writes nothing; --publish then deploys the workflow
to production (CreatePipelineRun, starting each stage that waits) and ends with success or the
failing stage's message. The workspace: --project-id (WFC_DATAWORKS_PROJECT_ID), --region (or ALIBABA_CLOUD_REGION_ID;
the endpoint is https://dataworks.REGION.aliyuncs.com) or --endpoint (WFC_DATAWORKS_ENDPOINT),
or a wfc.yaml target with platform: dataworks; credentials only from
ALIBABA_CLOUD_ACCESS_KEY_ID, ALIBABA_CLOUD_ACCESS_KEY_SECRET and, for STS keys,
ALIBABA_CLOUD_SECURITY_TOKEN. DataWorks workflows are pushed first, then SecMaster ones; each
platform's flags apply to its own workflows.

`

// dataWorksFlags are push's options for DataWorks workflows.
type dataWorksFlags struct {
	publish      bool
	pollInterval time.Duration
}

// envPollInterval sets --poll-interval's default: CI that talks to an emulator, or a patient
// one, need not pass the flag to every push.
const envPollInterval = "WFC_DATAWORKS_POLL_INTERVAL"

func (d *dataWorksFlags) register(fs *flag.FlagSet) {
	fs.BoolVar(&d.publish, "publish", false, "DataWorks: deploy each pushed workflow to production after the import")
	fs.DurationVar(&d.pollInterval, "poll-interval", 2*time.Second, "DataWorks: how often to check an import job or a publish run (default from "+envPollInterval+")")
}

// pollIntervalFromEnv applies WFC_DATAWORKS_POLL_INTERVAL when --poll-interval was not given.
func (d *dataWorksFlags) pollIntervalFromEnv(e *env, fs *flag.FlagSet) error {
	set := false
	fs.Visit(func(f *flag.Flag) { set = set || f.Name == "poll-interval" })
	v := e.getenv(envPollInterval)
	if set || v == "" {
		return nil
	}
	dur, err := time.ParseDuration(v)
	if err != nil || dur <= 0 {
		return fmt.Errorf("%s=%q is not a positive duration such as 2s or 500ms", envPollInterval, v)
	}
	d.pollInterval = dur
	return nil
}

var dataWorksPlatform = platformTrust{config.PlatformDataWorks, dataworks.OfficialDomain, dataworks.EnvEndpoint, dataworks.IsTrustedEndpoint}

// dataWorksConfig resolves the DataWorks workspace as resolveTarget does for every platform:
// the flags, --target, the environment (dataworks.ConfigFromEnv), default_target.
func (r *remoteFlags) dataWorksConfig(e *env, cfg *config.Config) (dataworks.Config, error) {
	fromEnv, err := dataworks.ConfigFromEnv(e.getenv)
	if err != nil {
		return dataworks.Config{}, err
	}
	t, err := r.resolveTarget(cfg, dataWorksPlatform, config.Target{Endpoint: fromEnv.Endpoint, Region: fromEnv.Region, ProjectID: fromEnv.ProjectID})
	if err != nil {
		return dataworks.Config{}, err
	}
	if t.Endpoint == "" && t.Region == "" {
		return dataworks.Config{}, fmt.Errorf("no DataWorks endpoint: pass --target NAME (a wfc.yaml target with platform: dataworks), --region or --endpoint, or set %s or %s", dataworks.EnvRegion, dataworks.EnvEndpoint)
	}
	if t.ProjectID == "" {
		return dataworks.Config{}, fmt.Errorf("no DataWorks project id: set project_id in the %s target, pass --project-id, or set %s", config.FileName, dataworks.EnvProjectID)
	}
	out := fromEnv
	out.Endpoint, out.Region, out.ProjectID = t.Endpoint, t.Region, t.ProjectID
	out.AttemptTimeout, out.UserAgent = r.requestTimeout, "wfc/"+version
	return out, nil
}

// splitDataWorks separates the files whose workflow has target: dataworks from the others,
// keeping each list in order. It reads only the top-level target key; a file it cannot read
// stays with the others, whose push reports the problem.
func splitDataWorks(files []string) (dw, others []string) {
	for _, f := range files {
		if isDataWorksFile(f) {
			dw = append(dw, f)
		} else {
			others = append(others, f)
		}
	}
	return dw, others
}

func isDataWorksFile(file string) bool {
	src, err := readlimit.File(file, workflow.MaxFileSize, "workflow files")
	if err != nil || driver.DetectKind(file, src) != driver.KindWorkflow {
		return false
	}
	var top struct {
		Target string `yaml:"target"`
	}
	return yaml.Unmarshal(src, &top) == nil && top.Target == workflow.TargetDataWorks
}

// checkPlatformFlags refuses flags that apply to no file of the push, which would otherwise
// be silently ignored.
func (f *pushFlags) checkPlatformFlags(dwFiles, smFiles int) error {
	if dwFiles > 0 && f.workflowID != "" {
		return errors.New("--workflow-id names a SecMaster workflow; DataWorks workflows are found by name")
	}
	if smFiles == 0 && (f.opts.Submit || f.opts.Activate || f.opts.Validate || f.opts.Create || f.dataclassID != "") {
		return errors.New("--submit, --activate, --validate, --create and --dataclass-id are for SecMaster workflows; these files are DataWorks workflows (use --publish)")
	}
	if dwFiles == 0 && f.dw.publish {
		return errors.New("--publish is for DataWorks workflows; for SecMaster use --submit and --activate")
	}
	return nil
}

// pushDataWorks pushes every DataWorks file and prints each outcome (text) as it ends. It
// returns exitUsage and no outcomes when the workspace settings are wrong.
func pushDataWorks(ctx context.Context, e *env, f *pushFlags, files []string) ([]dwOutcome, int) {
	cfg, err := f.remote.loadConfig(e, ".")
	if err != nil {
		return nil, fail(e, exitUsage, "push: %v", err)
	}
	cc, err := f.remote.dataWorksConfig(e, cfg)
	if err != nil {
		return nil, fail(e, exitUsage, "push: %v", err)
	}
	cc.Poll.Interval = f.dw.pollInterval
	client, err := dataworks.New(cc)
	if err != nil {
		return nil, fail(e, exitUsage, "push: %v", err)
	}
	ctx, cancel := context.WithTimeout(ctx, f.remote.timeout)
	defer cancel()
	var out []dwOutcome
	for i, file := range files {
		if len(files) > 1 {
			fmt.Fprintf(e.stderr, "push: [%d/%d] %s\n", i+1, len(files), file)
		}
		o := pushDataWorksFile(ctx, e, cfg, client, f, file)
		if interrupted(ctx, "") && o.Status == "failed" && !o.Unknown {
			break // the signal cancelled this workflow's calls; its error would only repeat that
		}
		out = append(out, o)
		if f.format == "text" {
			printDataWorksOutcome(e.stdout, o)
		}
	}
	interrupted(ctx, fmt.Sprintf("push interrupted after %d of %d DataWorks workflows; nothing more was sent", len(out), len(files)))
	return out, exitOK
}

// pushDataWorksFile lints and compiles one file, plans, applies and publishes it.
func pushDataWorksFile(ctx context.Context, e *env, cfg *config.Config, client *dataworks.Client, f *pushFlags, file string) dwOutcome {
	o := dwOutcome{File: file, Platform: config.PlatformDataWorks}
	failed := func(err error) dwOutcome {
		o.Status, o.Error = "failed", explainDataWorks(err)
		o.Unknown = errors.Is(err, deploy.ErrUnknownOutcome)
		return o
	}
	spec, err := compileDataWorks(e, cfg, file)
	if err != nil {
		return failed(err)
	}
	plan, err := deploy.Plan(ctx, client, spec)
	if err != nil {
		return failed(err)
	}
	plan.ConfirmWait = f.opts.ConfirmWait
	o.Plan, o.Workflow, o.WorkflowID = plan, plan.Workflow, plan.WorkflowID
	o.PlanLines = inStepTerms(plan, stepsOfNodes(spec))
	if f.opts.DryRun {
		o.Status = "planned"
		if plan.Action == deploy.Unchanged {
			o.Status = string(deploy.Unchanged)
		}
		return o
	}
	res, err := deploy.Apply(ctx, plan)
	if err != nil {
		return failed(err)
	}
	o.Result, o.WorkflowID = res, res.WorkflowID
	o.Status = map[deploy.Action]string{deploy.Create: "created", deploy.Update: statusUpdated, deploy.Unchanged: "unchanged"}[res.Action]
	if f.dw.publish {
		if err := publishDataWorks(ctx, e, client, &o); err != nil {
			return failed(err)
		}
	}
	return o
}

// compileDataWorks lints and compiles file for DataWorks (lintAndCompile) into the FlowSpec
// document.
func compileDataWorks(e *env, cfg *config.Config, file string) ([]byte, error) {
	u, err := lintAndCompile(e, cfg, file, workflow.TargetDataWorks)
	if err != nil {
		return nil, err
	}
	if u.Artifact == nil || len(u.Artifact.Forms()) == 0 {
		return nil, fmt.Errorf("%s did not compile to a FlowSpec document; this is a bug in wfc, please report it with the file", file)
	}
	return u.Artifact.Emit(u.Artifact.Forms()[0])
}

// publishDataWorks deploys the pushed workflow to production, telling each stage's end on
// standard error as the run goes.
func publishDataWorks(ctx context.Context, e *env, client *dataworks.Client, o *dwOutcome) error {
	seen := map[string]string{} // stage code → the last status told
	run, err := deploy.Publish(ctx, client, o.WorkflowID, func(run *dataworks.PipelineRun) {
		for _, s := range run.Stages {
			if seen[s.Code] != s.Status && s.Status != dataworks.StatusInit {
				seen[s.Code] = s.Status
				fmt.Fprintf(e.stderr, "push: %s: publish stage %s (%s): %s\n", o.File, s.Code, s.Name, s.Status)
			}
		}
	})
	o.Publish = &dwPublished{Status: "failed"}
	if run != nil {
		o.Publish.RunID, o.Publish.Status = run.ID, run.Status
	}
	var pe *dataworks.PipelineError
	if errors.As(err, &pe) {
		o.Publish.FailedStage, o.Publish.Message = pe.StageCode, pe.Message
	}
	return err
}

// explainDataWorks adds what to do to errors people often meet.
func explainDataWorks(err error) string {
	msg := err.Error()
	var ae *dataworks.APIError
	if errors.As(err, &ae) && ae.HTTPStatus == 403 {
		msg += "; check the project id and the account's DataWorks permissions"
	}
	if errors.Is(err, context.DeadlineExceeded) {
		msg += "; pass a longer --timeout if the server is just slow"
	}
	return msg
}
