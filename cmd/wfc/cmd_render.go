package main

import (
	"encoding/json"
	"errors"

	"github.com/wfc-dev/wfc/bpmn"
	"github.com/wfc-dev/wfc/internal/atomicfile"
	"github.com/wfc-dev/wfc/lint/driver"
	"github.com/wfc-dev/wfc/render"
	"github.com/wfc-dev/wfc/target"
	dwtarget "github.com/wfc-dev/wfc/target/dataworks"
)

const renderUsage = `usage: wfc render [-o FILE.svg] INPUT
       wfc render [-o FILE.svg] --diff OLD NEW

Draws a workflow as a self-contained SVG: a YAML workflow as ` + "`wfc compile`" + ` lays it out, a
BPMN document in any form ` + "`wfc convert`" + ` reads (BPMN XML, xml-js tree JSON, taskflow
envelope, base64 taskflow, create-version request or API response), or a DataWorks FlowSpec
document (either form ` + "`wfc compile`" + ` writes, or the Spec GetWorkflowDefinition returns),
INPUT "-" being standard input. A diagram drawn in a modeler keeps its layout; a process without one is laid
out as ` + "`wfc convert --layout`" + ` does, and a DataWorks workflow's nodes and dependencies the same
way (each task tagged with its node type, a branch node a diamond with its cases on its
flows, an upstream outside the workflow such as the project's root a dashed box). The SVG holds no script, link or font, and follows the viewer's light or dark theme.

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
	diagram, code := renderInput(e, inputs[0], name, data)
	if diagram == nil {
		return code
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

// renderInput is the diagram of the input: a YAML workflow compiled (its problems printed as
// compile prints them; the title is the workflow's name, which the compiled form does not
// always carry), a FlowSpec document's DAG, or a BPMN document decoded and read. It is nil,
// with the exit code, when there is none.
func renderInput(e *env, path, name string, data []byte) (*render.Diagram, int) {
	if driver.DetectKind(path, data) == driver.KindWorkflow {
		u := compileWorkflow(name, data, driver.Options{})
		printCompileDiagnostics(e, u.Diags, name, data)
		if u.Artifact == nil || u.Diags.HasErrors() {
			return nil, exitProblems
		}
		d, err := compiledDiagram(target.ModelOf(u.Artifact), target.GraphOf(u.Artifact))
		if err != nil {
			return nil, fail(e, exitProblems, "%s: %v", name, err)
		}
		d.Title = u.Workflow.Name.Value
		return d, exitOK
	}
	if doc := flowSpecOf(data); doc != nil {
		d, err := render.FromGraph(dwtarget.DocumentGraph(doc))
		if err != nil {
			return nil, fail(e, exitProblems, "%s: %v", name, err)
		}
		return d, exitOK
	}
	doc, _, err := bpmn.DecodeAny(data, target.BPMNWrappers()...)
	if err != nil {
		return nil, fail(e, exitProblems, "%s", positioned(name, err))
	}
	defs, err := bpmn.Read(doc)
	if err != nil {
		return nil, fail(e, exitProblems, "%s: %v", name, err)
	}
	d, err := render.FromBPMN(defs)
	if err != nil {
		return nil, fail(e, exitProblems, "%s: %v", name, err)
	}
	return d, exitOK
}

// compiledDiagram draws what a workflow compiled to: its BPMN model, or the graph of a target
// that runs a DAG.
func compiledDiagram(defs *bpmn.Definitions, g *target.Graph) (*render.Diagram, error) {
	switch {
	case defs != nil:
		return render.FromBPMN(defs)
	case g != nil:
		return render.FromGraph(g)
	}
	return nil, errors.New("its target compiles to neither a BPMN diagram nor a graph, so render cannot draw it")
}

// flowSpecOf is data read as a DataWorks FlowSpec document when it is one: a JSON object
// whose spec holds workflows, or an ImportWorkflowDefinition request ({"Spec": "<document>"},
// what compile --emit request writes) holding one. No BPMN form has either member; nil for
// anything else.
func flowSpecOf(data []byte) *dwtarget.Document {
	var request struct{ Spec string }
	if json.Unmarshal(data, &request) == nil && request.Spec != "" {
		data = []byte(request.Spec)
	}
	doc, err := dwtarget.Decode(data)
	if err != nil || len(doc.Spec.Workflows) == 0 {
		return nil
	}
	return doc
}
