package main

import (
	"context"
	"fmt"
	"os"
	"time"

	"github.com/rogpeppe/go-internal/testscript"

	"github.com/wfc-dev/wfc/dataworks"
	"github.com/wfc-dev/wfc/dataworks/deploy"
)

// dw-deploy [-publish] FILE deploys FILE, a FlowSpec document, with package deploy to the
// DataWorks endpoint the script's environment names (WFC_DATAWORKS_ENDPOINT,
// WFC_DATAWORKS_PROJECT_ID, ALIBABA_CLOUD_ACCESS_KEY_ID/SECRET, as `wfc dev-server` prints
// them) and prints the plan's lines, what was done and, with -publish, the publish run's
// outcome. It lets the dev-server scripts drive the DataWorks emulator until `wfc push`
// deploys DataWorks workflows itself.
func init() {
	emulatorCmds["dw-deploy"] = dwDeploy
}

func dwDeploy(ts *testscript.TestScript, neg bool, args []string) {
	publish := len(args) == 2 && args[0] == "-publish"
	if publish {
		args = args[1:]
	}
	if len(args) != 1 {
		ts.Fatalf("usage: dw-deploy [-publish] FILE")
	}
	err := runDWDeploy(ts, args[0], publish)
	switch {
	case err != nil && !neg:
		ts.Fatalf("dw-deploy: %v", err)
	case err == nil && neg:
		ts.Fatalf("dw-deploy succeeded unexpectedly")
	case err != nil:
		fmt.Fprintf(ts.Stderr(), "%v\n", err)
	}
}

func runDWDeploy(ts *testscript.TestScript, file string, publish bool) error {
	cfg, err := dataworks.ConfigFromEnv(ts.Getenv)
	if err != nil {
		return err
	}
	cfg.Poll.Interval = 10 * time.Millisecond // the emulator's jobs and stages advance per poll
	c, err := dataworks.New(cfg)
	if err != nil {
		return err
	}
	spec, err := os.ReadFile(ts.MkAbs(file))
	if err != nil {
		return err
	}
	ctx := context.Background()
	p, err := deploy.Plan(ctx, c, spec)
	if err != nil {
		return err
	}
	for _, line := range p.Lines() {
		fmt.Fprintln(ts.Stdout(), line)
	}
	res, err := deploy.Apply(ctx, p)
	if err != nil {
		return err
	}
	fmt.Fprintf(ts.Stdout(), "%s: workflow %s\n", res.Action, res.WorkflowID)
	if !publish {
		return nil
	}
	run, err := deploy.Publish(ctx, c, res.WorkflowID, nil)
	if err != nil {
		return err
	}
	fmt.Fprintf(ts.Stdout(), "published: pipeline run %s %s\n", run.ID, run.Status)
	return nil
}
