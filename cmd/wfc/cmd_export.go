package main

import (
	"context"
	"fmt"

	"github.com/wfc-dev/wfc/secmaster/exportfile"
)

const exportUsage = `usage: wfc export --id ID [--id ID...] -o FILE

Downloads the export file of the given workflows (ids may also be comma-separated). The file
is checked before it is written, and written atomically: a truncated or damaged download
leaves no file behind and exits 1.

`

func runExport(e *env, args []string) int {
	return interruptible(e, func(ctx context.Context, e *env) int { return export(ctx, e, args) })
}

func export(ctx context.Context, e *env, args []string) int {
	var rf remoteFlags
	var ids stringList
	fs := newFlagSet(e, "export", exportUsage+remoteFlagsHelp)
	rf.register(fs)
	fs.Var(&ids, "id", "a workflow id to export (repeatable, or comma-separated)")
	out := fs.String("o", "", "the file to write (required)")
	rest, code, done := parseCommandFlags(e, fs, args)
	if done {
		return code
	}
	switch {
	case len(rest) > 0:
		return fail(e, exitUsage, "export: unexpected argument %q; name workflows with --id", rest[0])
	case len(ids) == 0:
		return fail(e, exitUsage, "export: no workflow given; pass --id WORKFLOW_ID")
	case *out == "":
		return fail(e, exitUsage, "export: -o FILE is required")
	}
	client, _, err := rf.client(e, ".")
	if err != nil {
		return fail(e, exitUsage, "export: %v", err)
	}
	data, err := client.Export(ctx, ids)
	if err != nil {
		return fail(e, exitProblems, "export: %s; %s was not written", explainRemote(err), *out)
	}
	wfs, err := exportfile.Parse(data)
	if err != nil {
		return fail(e, exitProblems, "export: the server sent a damaged file (%v); %s was not written", err, *out)
	}
	if err := writeOutputFile(*out, data); err != nil {
		return fail(e, exitUsage, "export: %v", err)
	}
	fmt.Fprintf(e.stdout, "wrote %s: %d %s\n", *out, len(wfs), plural(len(wfs), "workflow", "workflows"))
	return exitOK
}
