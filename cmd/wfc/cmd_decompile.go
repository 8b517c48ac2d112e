package main

import (
	"fmt"
	"path/filepath"
	"strings"

	"github.com/wfc-dev/wfc/decompile"
	"github.com/wfc-dev/wfc/diag"

	dwdecompile "github.com/wfc-dev/wfc/target/dataworks/decompile"
)

const decompileUsage = `usage: wfc decompile [-o FILE|DIR] [--scripts DIR] [--force] INPUT...

Turns SecMaster and DataWorks workflows back into wfc YAML: each INPUT ("-" is standard
input) is any form 'wfc convert' reads (a create-version request, an API response, a
taskflow envelope or bare base64 taskflow, an xml-js tree, BPMN XML from any modeler) or an
export file, which gives one YAML file per workflow and version; or a DataWorks FlowSpec
document (GetWorkflowDefinition's Spec, what 'wfc compile' emits for target dataworks, or
a request or answer holding it), read when the input is a JSON object with version, kind
and spec. The YAML compiles to the same diagram: for a workflow wfc compiled, to the same
bytes; step ids come back from wfc:step, the node id, or for a deployed DataWorks node
from its output WORKFLOW.STEP (see docs/language.md), and a diagram drawn elsewhere gets
ids made from its element names. What an element carries
that the language does not model is kept under the step's platform.secmaster or
platform.dataworks block and written back by 'wfc compile'.

--scripts DIR writes each DataWorks node's script to DIR/STEP.EXT (the node type's
extension: .sql, .sh, .py, ...) and has its run step name it with file; without it the
scripts are inline code.

Without -o, one workflow is written to standard output. -o FILE writes one workflow there;
-o DIR (an existing directory or a name ending in /) writes each to DIR/NAME.yaml, NAME
being the input's base name, or WORKFLOW-VERSION for an export file.

What cannot be carried even that way (an inclusive gateway, a loop with no exit, a node
wfc has no step for, an approval with no approvers) is reported as
file:line:col: message (element ID) [decompile], and nothing is written. --force writes
what can be carried anyway, each loss as a "# lost:" comment where it was.

Exit status: 0 when every workflow was written, 1 when one cannot be carried (without
--force), 2 on bad usage or when a file cannot be read or written.
`

// decompiled is one workflow ready to be written.
type decompiled struct {
	name     string // where it was read from
	slug     string // names its file in -o DIR when the input gives several
	workflow *decompile.Workflow
	yaml     []byte
	path     string // "" for standard output
	scripts  []dwdecompile.Script
}

func runDecompile(e *env, args []string) int {
	fs := newFlagSet(e, "decompile", decompileUsage)
	out := fs.String("o", "", "write to FILE, or to one file per workflow in DIR")
	force := fs.Bool("force", false, "write what can be carried even when something cannot, and list what was lost")
	scripts := fs.String("scripts", "", "write DataWorks scripts to files in DIR rather than inline")
	inputs, code, done := parseCommandFlags(e, fs, args)
	if done {
		return code
	}
	if len(inputs) == 0 {
		return fail(e, exitUsage, "decompile: no input given; run 'wfc decompile -h' for usage")
	}
	var all []decompiled
	var diags diag.List
	for _, in := range inputs {
		name, data, err := readInput(e, in)
		if err != nil {
			return fail(e, exitUsage, "%v", err)
		}
		ws, ds, err := readDecompileInput(name, data)
		if err != nil {
			diags = append(diags, diag.Errorf(diag.Range{File: name}, decompile.Rule, "%s", strings.TrimPrefix(err.Error(), name+": ")))
			continue
		}
		diags = append(diags, ds...)
		all = append(all, ws...)
	}
	if len(diags) > 0 {
		fmt.Fprintln(e.stderr, diags.Error())
	}
	if diags.HasErrors() && !*force {
		return fail(e, exitProblems, "decompile: nothing was written: the problems above cannot be carried into YAML; --force writes the rest")
	}
	if code := decompilePaths(all, inputs, *out); code != "" {
		return fail(e, exitUsage, "decompile: %s (nothing was written)", code)
	}
	if err := formatDecompiled(all, *scripts); err != nil {
		return fail(e, exitProblems, "decompile: %v (nothing was written)", err)
	}
	for _, d := range all {
		if err := writeDecompiled(e, d); err != nil {
			return fail(e, exitUsage, "decompile: %v", err)
		}
	}
	if diags.HasErrors() {
		fmt.Fprintf(e.stderr, "wfc: decompile: --force: written without what the %d errors above name (marked # lost: in the YAML)\n", diags.Count(diag.Error))
	}
	return exitOK
}

// decompilePaths sets where each workflow goes, or says why it cannot.
func decompilePaths(all []decompiled, inputs []string, out string) string {
	dest, err := compileDestination(out, len(all))
	if err != nil {
		return err.Error()
	}
	if dest == (compileDest{}) && len(all) > 1 {
		return fmt.Sprintf("the inputs hold %d workflows; pass -o DIR for one file each", len(all))
	}
	written := map[string]string{}
	for i := range all {
		d := &all[i]
		d.path = dest.file
		if dest.dir != "" {
			base := d.slug
			switch file, _, _ := strings.Cut(d.name, ":"); {
			case base != "":
			case file == "<stdin>":
				base = "stdin"
			default:
				base = compileOutputBase(file)
			}
			d.path = filepath.Join(dest.dir, base+".yaml")
		}
		if err := refuseInputAsOutput(d.path, inputs); err != nil {
			return err.Error()
		}
		if prev, dup := written[d.path]; dup && d.path != "" {
			return fmt.Sprintf("%s and %s would both be written to %s; decompile them separately", prev, d.name, d.path)
		}
		written[d.path] = d.name
	}
	return ""
}
