package main

import (
	"flag"
	"io"

	"github.com/wfc-dev/wfc/schema"
)

// runSchema prints the workflow JSON Schema, for editors (yaml-language-server) and
// other tools: wfc schema > workflow.schema.json.
func runSchema(e *env, args []string) int {
	fs := flag.NewFlagSet("schema", flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	fs.Usage = func() {
		io.WriteString(e.stderr, "usage: wfc schema\n\nprint the workflow JSON Schema (draft 2020-12) to stdout\n")
	}
	if err := fs.Parse(args); err != nil {
		if err == flag.ErrHelp {
			return exitOK
		}
		return exitUsage
	}
	if fs.NArg() > 0 {
		return fail(e, exitUsage, "schema takes no arguments, got %q", fs.Arg(0))
	}
	if _, err := e.stdout.Write(schema.JSON()); err != nil {
		return fail(e, exitUsage, "cannot write the schema: %v", err)
	}
	return exitOK
}
