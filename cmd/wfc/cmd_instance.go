package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
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

A command is sent once and never repeated automatically: running a playbook twice is worse
than asking. When its outcome is unknown (a server error, a dropped connection or a timeout
after sending), wfc reads the instance back: a retry count that grew or a terminated status
confirms it. Otherwise wfc says so and exits with code 3; check with 'wfc instance show ID'.

`

// instanceStatuses are the values of instance list --status.
var instanceStatuses = []string{secmaster.InstanceRunning, secmaster.InstanceFailed, secmaster.InstanceFinished,
	secmaster.InstanceRetrying, secmaster.InstanceTerminating, secmaster.InstanceTerminated}

// maxDebugInput bounds the --input file of instance debug (bytes).
const maxDebugInput = 1 << 20

func runInstance(e *env, args []string) int {
	return interruptible(e, func(ctx context.Context, e *env) int { return instance(ctx, e, args) })
}

func instance(ctx context.Context, e *env, args []string) int {
	if len(args) == 0 {
		fmt.Fprint(e.stderr, instanceUsage) // no subcommand is a usage error
		return exitUsage
	}
	if args[0] == "-h" || args[0] == "--help" || args[0] == "-help" {
		fmt.Fprint(e.stdout, instanceUsage+remoteFlagsHelp)
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
		enumVarTo(fs, &status, "status", "", "only instances in this status: "+strings.Join(instanceStatuses, ", "), instanceStatuses...)
		fs.IntVar(&limit, "limit", 20, "list at most N instances (1–100)")
		enumVarTo(fs, &format, "format", "text", "output format: text or json", textOrJSON...)
	case "show":
		enumVarTo(fs, &format, "format", "text", "output format: text or json", textOrJSON...)
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
			return fail(e, exitProblems, "%s", explainRemote(err))
		}
		return printInstances(e, page, format)
	case "show":
		in, err := client.GetInstance(ctx, rest[0])
		if err != nil {
			return fail(e, exitProblems, "%s", explainRemote(err))
		}
		return printInstance(e, in, format)
	}
	return sendInstanceCommand(ctx, e, client, sub, rest[0], task, payload)
}

// sendInstanceCommand sends retry, terminate or debug once. When the outcome is unknown, the
// instance is read back: a retry count that grew or a terminated status proves the command
// took effect; otherwise wfc says the outcome is unknown and exits with exitUnknown.
func sendInstanceCommand(ctx context.Context, e *env, client *secmaster.Client, sub, id, task, payload string) int {
	var proof func(after *secmaster.Instance) bool
	if sub == "retry" || sub == "terminate" {
		before, err := client.GetInstance(ctx, id)
		if err != nil {
			return fail(e, exitProblems, "%s; nothing was sent", explainRemote(err))
		}
		proof = appliedProof(sub, before)
	}
	var err error
	switch sub {
	case "retry":
		err = client.RetryInstance(ctx, id)
	case "terminate":
		err = client.TerminateInstance(ctx, id)
	case "debug":
		err = client.DebugInstance(ctx, id, task, payload)
	}
	confirmed := ""
	if errors.Is(err, secmaster.ErrAmbiguous) {
		cause := strings.TrimSuffix(err.Error(), secmaster.AmbiguousAdvice)
		after, rerr := readBack(ctx, client, id, proof)
		if after == nil {
			// The client's message names the operation and the cause; what to do comes first.
			return fail(e, exitUnknown, "instance %s %s: the outcome is unknown (%s); the server may have applied it: check with `wfc instance show %s` before sending it again%s",
				id, sub, cause, id, rerr)
		}
		err, confirmed = nil, " (confirmed by reading the instance back after the outcome was unknown)"
	}
	if err != nil {
		// The client's error already names the operation ("terminate instance: HTTP 400 ...").
		return fail(e, exitProblems, "%s", explainRemote(err))
	}
	sent := map[string]string{"retry": "retry requested for", "terminate": "termination requested for", "debug": "debug input sent to task " + task + " of"}
	fmt.Fprintf(e.stdout, "%s instance %s%s\n", sent[sub], id, confirmed)
	return exitOK
}

// appliedProof returns what, read from the instance after the command, shows that it took
// effect: a retry raises the retry count; a terminate leaves it terminating or terminated.
func appliedProof(sub string, before *secmaster.Instance) func(after *secmaster.Instance) bool {
	if sub == "retry" {
		return func(after *secmaster.Instance) bool { return after.RetryCount > before.RetryCount }
	}
	stopped := func(in *secmaster.Instance) bool {
		return in.Status == secmaster.InstanceTerminating || in.Status == secmaster.InstanceTerminated
	}
	return func(after *secmaster.Instance) bool { return !stopped(before) && stopped(after) }
}

// readBack reads the instance once and returns it when proof holds; otherwise nil and a note
// for the message (empty when the read worked but proved nothing).
func readBack(ctx context.Context, client *secmaster.Client, id string, proof func(*secmaster.Instance) bool) (*secmaster.Instance, string) {
	if proof == nil {
		return nil, ""
	}
	after, err := client.GetInstance(ctx, id)
	if err != nil {
		return nil, "; reading it back failed too: " + err.Error()
	}
	if !proof(after) {
		return nil, ""
	}
	return after, ""
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
