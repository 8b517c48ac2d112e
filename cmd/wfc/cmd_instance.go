package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/signal"
	"syscall"
	"text/tabwriter"

	"github.com/wfc-dev/wfc/secmaster"
)

const instanceUsage = `usage: wfc instance list [--workflow-id ID] [--status S] [--limit N] [--format text|json]
       wfc instance show ID [--format text|json]
       wfc instance retry ID
       wfc instance terminate ID
       wfc instance debug ID --task TASK_ID --input FILE

Lists and inspects workflow instances (runs), and sends them commands: retry reruns a failed
or terminated instance, terminate stops a running one, debug feeds the JSON input data object
in FILE to one task of a debug run.

`

// maxDebugInput bounds the --input file of instance debug (bytes).
const maxDebugInput = 1 << 20

func runInstance(e *env, args []string) int {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" {
		fmt.Fprint(e.stderr, instanceUsage)
		if len(args) == 0 {
			return exitUsage
		}
		return exitOK
	}
	sub := args[0]
	var rf remoteFlags
	fs := newFlagSet(e, "instance "+sub, instanceUsage+remoteFlagsHelp)
	rf.register(fs)
	var (
		workflowID, status, format, task, input string
		limit                                   int
	)
	switch sub {
	case "list":
		fs.StringVar(&workflowID, "workflow-id", "", "only instances of this workflow")
		fs.StringVar(&status, "status", "", "only instances in this status: RUNNING, FAILED, FINISHED, RETRYING, TERMINATING, TERMINATED")
		fs.IntVar(&limit, "limit", 20, "list at most N instances (1–100)")
		fs.StringVar(&format, "format", "text", "output format: text or json")
	case "show":
		fs.StringVar(&format, "format", "text", "output format: text or json")
	case "retry", "terminate":
	case "debug":
		fs.StringVar(&task, "task", "", "the task (element) id to feed (required)")
		fs.StringVar(&input, "input", "", "a file holding the input data object as JSON (required)")
	default:
		return fail(e, exitUsage, "instance: unknown subcommand %q; use list, show, retry, terminate or debug", sub)
	}
	rest, code, done := parseCommandFlags(e, fs, args[1:])
	if done {
		return code
	}
	if format != "" && format != "text" && format != "json" {
		return fail(e, exitUsage, "instance %s: --format %q is not text or json", sub, format)
	}
	wantArgs := 1
	if sub == "list" {
		wantArgs = 0
		if limit < 1 || limit > 100 {
			return fail(e, exitUsage, "instance list: --limit must be from 1 to 100")
		}
	}
	if len(rest) != wantArgs {
		if wantArgs == 0 {
			return fail(e, exitUsage, "instance list takes no arguments, got %q", rest[0])
		}
		return fail(e, exitUsage, "instance %s: give exactly one instance id", sub)
	}
	var payload string
	if sub == "debug" {
		if task == "" || input == "" {
			return fail(e, exitUsage, "instance debug: --task TASK_ID and --input FILE are required")
		}
		data, err := readInputFile(input, maxDebugInput, "instance debug inputs")
		if err != nil {
			return fail(e, exitUsage, "instance debug: %v", err)
		}
		var v any
		if err := json.Unmarshal(data, &v); err != nil {
			return fail(e, exitUsage, "instance debug: %s is not JSON (%v); it must hold the input data object", input, err)
		}
		compact, _ := json.Marshal(v) // cannot fail: v came from JSON
		payload = string(compact)
	}
	client, _, err := rf.client(e, ".")
	if err != nil {
		return fail(e, exitUsage, "instance %s: %v", sub, err)
	}
	switch sub {
	case "list":
		page, err := client.ListInstances(ctx, secmaster.ListInstancesOptions{WorkflowID: workflowID, Status: status, Limit: limit})
		if err != nil {
			return fail(e, exitProblems, "instance list: %s", explainRemote(err))
		}
		return printInstances(e, page, format)
	case "show":
		in, err := client.GetInstance(ctx, rest[0])
		if err != nil {
			return fail(e, exitProblems, "instance show: %s", explainRemote(err))
		}
		return printInstance(e, in, format)
	case "retry":
		err = client.RetryInstance(ctx, rest[0])
	case "terminate":
		err = client.TerminateInstance(ctx, rest[0])
	case "debug":
		err = client.DebugInstance(ctx, rest[0], task, payload)
	}
	if err != nil {
		return fail(e, exitProblems, "instance %s: %s", sub, explainRemote(err))
	}
	sent := map[string]string{"retry": "retry requested for", "terminate": "termination requested for", "debug": "debug input sent to task " + task + " of"}
	fmt.Fprintf(e.stdout, "%s instance %s\n", sent[sub], rest[0])
	return exitOK
}

func printInstances(e *env, page *secmaster.InstancePage, format string) int {
	if format == "json" {
		return writeJSONOut(e, page)
	}
	if len(page.Instances) == 0 {
		fmt.Fprintln(e.stdout, "no instances")
		return exitOK
	}
	tw := tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tSTATUS\tTRIGGER\tSTARTED\tWORKFLOW\tNAME")
	for _, in := range page.Instances {
		wf := ""
		if in.Workflow != nil {
			wf = in.Workflow.ID
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\n", in.ID, in.Status, in.TriggerType, in.StartTime, wf, in.Name)
	}
	tw.Flush()
	if page.Count > len(page.Instances) {
		fmt.Fprintf(e.stdout, "(%d of %d shown; use --limit or filters)\n", len(page.Instances), page.Count)
	}
	return exitOK
}

func printInstance(e *env, in *secmaster.Instance, format string) int {
	if format == "json" {
		return writeJSONOut(e, in)
	}
	tw := tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', 0)
	row := func(k, v string) {
		if v != "" {
			fmt.Fprintf(tw, "%s:\t%s\n", k, v)
		}
	}
	row("id", in.ID)
	row("name", in.Name)
	row("status", in.Status)
	row("trigger", in.TriggerType)
	if in.Workflow != nil {
		row("workflow", in.Workflow.ID+" "+in.Workflow.Name)
		row("version", in.Workflow.VersionID)
	}
	row("started", in.StartTime)
	row("ended", in.EndTime)
	row("retries", fmt.Sprint(in.RetryCount))
	tw.Flush()
	return exitOK
}

func writeJSONOut(e *env, v any) int {
	b, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		return fail(e, exitProblems, "cannot encode the answer as JSON: %v", err)
	}
	e.stdout.Write(append(b, '\n'))
	return exitOK
}
