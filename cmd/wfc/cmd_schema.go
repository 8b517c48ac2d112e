package main

import (
	"github.com/wfc-dev/wfc/schema"
)

const schemaUsage = `usage: wfc schema

Prints the workflow JSON Schema (draft 2020-12) to standard output, for editors that use
yaml-language-server and for other tools: wfc schema > workflow.schema.json, then start each
workflow with "# yaml-language-server: $schema=workflow.schema.json".
`

// runSchema prints the workflow JSON Schema, for editors (yaml-language-server) and
// other tools: wfc schema > workflow.schema.json.
func runSchema(e *env, args []string) int {
	fs := newFlagSet(e, "schema", schemaUsage)
	rest, code, done := parseCommandFlags(e, fs, args)
	if done {
		return code
	}
	if len(rest) > 0 {
		return fail(e, exitUsage, "schema takes no arguments, got %q; run 'wfc schema -h' for usage", rest[0])
	}
	if _, err := e.stdout.Write(schema.JSON()); err != nil {
		return fail(e, exitUsage, "cannot write the schema: %v", err)
	}
	return exitOK
}
