package main

import (
	"github.com/wfc-dev/wfc/bpmn"
	"github.com/wfc-dev/wfc/internal/atomicfile"
	"github.com/wfc-dev/wfc/lint/driver"
	"github.com/wfc-dev/wfc/render"
	"github.com/wfc-dev/wfc/target"
)

const renderUsage = `usage: wfc render [-o FILE.svg] INPUT
       wfc render [-o FILE.svg] --diff OLD NEW

Draws a workflow as a self-contained SVG: a YAML workflow as ` + "`wfc compile`" + ` lays it out, or a
BPMN document in any form ` + "`wfc convert`" + ` reads (BPMN XML, xml-js tree JSON, taskflow
envelope, base64 taskflow, create-version request or API response), INPUT "-" being standard
input. A diagram drawn in a modeler keeps its layout; a process without one is laid out as
` + "`wfc convert --layout`" + ` does. The SVG holds no script, link or font, and follows the viewer's light or
dark theme.

--diff draws the YAML workflow NEW with the steps that ` + "`wfc diff OLD NEW`" + ` reports coloured:
added green, changed amber. Removed steps are not in NEW's drawing: the title lists them.

-o FILE writes it there atomically instead of to standard output.

Exit status: 0 when drawn, 1 when the input has errors, 2 on bad usage or when a file cannot
be read or written.
`

func runRender(e *env, args []string) int {
	fs := newFlagSet(e, "render", renderUsage)
	out := fs.String("o", "", "write the SVG to FILE")
	withDiff := fs.Bool("diff", false, "draw NEW with the changes from OLD coloured (two inputs: OLD NEW)")
	inputs, code, done := parseCommandFlags(e, fs, args)
	if done {
		return code
	}
	if *withDiff {
		return renderDiff(e, inputs, *out)
	}
	if len(inputs) != 1 {
		return fail(e, exitUsage, "render: takes one input file, got %d; run 'wfc render -h' for usage", len(inputs))
	}
	if err := refuseInputAsOutput(*out, inputs); err != nil {
		return fail(e, exitUsage, "render: %v (nothing was written)", err)
	}
	name, data, err := readInput(e, inputs[0])
	if err != nil {
		return fail(e, exitUsage, "%v", err)
	}
	defs, title, code := renderInput(e, inputs[0], name, data)
	if defs == nil {
		return code
	}
	diagram, err := render.FromBPMN(defs)
	if err != nil {
		return fail(e, exitProblems, "%s: %v", name, err)
	}
	if title != "" {
		diagram.Title = title
	}
	return writeSVG(e, *out, render.SVG(diagram, render.Options{}))
}

// writeSVG writes a drawing to -o FILE atomically, or to standard output.
func writeSVG(e *env, out string, svg []byte) int {
	var err error
	if out == "" {
		_, err = e.stdout.Write(svg)
	} else {
		err = atomicfile.WriteFile(out, svg)
	}
	if err != nil {
		return fail(e, exitUsage, "render: %v", err)
	}
	return exitOK
}

// renderInput is the BPMN model of the input: a YAML workflow compiled (its problems printed
// as compile prints them; title is the workflow's name, which the compiled process does not
// carry), or a BPMN document decoded and read. It is nil, with the exit code, when there is
// none.
func renderInput(e *env, path, name string, data []byte) (defs *bpmn.Definitions, title string, code int) {
	if driver.DetectKind(path, data) == driver.KindWorkflow {
		u := compileWorkflow(name, data, driver.Options{})
		printCompileDiagnostics(e, u.Diags, name, data)
		if u.Artifact == nil || u.Diags.HasErrors() {
			return nil, "", exitProblems
		}
		if defs = target.ModelOf(u.Artifact); defs == nil {
			return nil, "", fail(e, exitProblems, "%s: target %s compiles to no BPMN diagram; render draws BPMN", name, u.Target.Name())
		}
		return defs, u.Workflow.Name.Value, exitOK
	}
	doc, _, err := bpmn.DecodeAny(data, target.BPMNWrappers()...)
	if err != nil {
		return nil, "", fail(e, exitProblems, "%s", positioned(name, err))
	}
	if defs, err = bpmn.Read(doc); err != nil {
		return nil, "", fail(e, exitProblems, "%s: %v", name, err)
	}
	return defs, "", exitOK
}
