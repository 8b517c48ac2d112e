package main

import (
	"context"
	"strings"

	"github.com/wfc-dev/wfc/bpmn"
	"github.com/wfc-dev/wfc/diag"
	"github.com/wfc-dev/wfc/diff"
	"github.com/wfc-dev/wfc/lint/driver"
	"github.com/wfc-dev/wfc/render"
	"github.com/wfc-dev/wfc/target"
	"github.com/wfc-dev/wfc/workflow"
)

const diffUsage = `usage: wfc diff [--format text|json|markdown] OLD NEW
       wfc diff --remote [--target T] [--workflow-id ID] [--format ...] FILE|DIR...

Compares two YAML workflows (either may be "-", standard input) in the language's terms:
workflow settings, inputs and outputs by name, and steps by id, with where control goes
after each step (next, cases, default, on_error) as the resolved workflow has it. Comments,
formatting, key order and the compiled BPMN never show as changes. One line per change:

  ~ step enrich: with.ip "${inputs.ip}" → "${inputs.src_ip}"
  + step notify (action slack/post_message) after enrich
  - step close (action secmaster/close_alert)

--format json prints {"old", "new", "changes": [...]} for tools (each change with op,
scope, name, field, old, new, note and its position in NEW); --format markdown prints a
table for a pull-request comment. Text is coloured on a terminal unless NO_COLOR is set.

--remote compares each FILE (a DIR means every workflow under it) with what is deployed:
the newest version of the SecMaster workflow 'wfc push' would send it to (wfc.yaml's
workflows: mapping, --workflow-id for one file, else the workflow named like the file's),
decompiled and resolved like a local file; the deployed version is the OLD side. What the
deployed form cannot carry (an output's value) and a label or data class the file leaves
out are no difference: pushing would not change them. A file whose workflow does not exist
yet, or has no version, is one change saying so. A target: dataworks FILE is compared with
the DataWorks workflow of its name (as 'wfc push' finds it: exact name, every page, both
kinds), read with its scripts and decompiled; what the service fills in by default (a
node's rerun strategy) is no difference. It sends nothing that writes. With several
files, text names both sides before each file's changes, and --format json is an array.

Exit status (as git diff --exit-code): 0 when the workflows are the same, 1 when they
differ, 2 on bad usage or when either file cannot be read or does not compile (its problems
are printed as file:line:col: message [rule]), or, with --remote, when the deployed version
cannot be read or decompiled.

`

var diffFormats = []string{"text", "json", "markdown"}

func runDiff(e *env, args []string) int {
	return interruptible(e, func(ctx context.Context, e *env) int { return runDiffIn(ctx, e, args) })
}

func runDiffIn(ctx context.Context, e *env, args []string) int {
	fs := newFlagSet(e, "diff", diffUsage+remoteFlagsHelp)
	format := enumVar(fs, "format", "text", "output format: text, json or markdown", diffFormats...)
	remote := fs.Bool("remote", false, "compare each file with what is deployed (SecMaster: the newest version; DataWorks: the definition)")
	var rf diffRemoteFlags
	rf.remote.register(fs)
	fs.StringVar(&rf.workflowID, "workflow-id", "", "with --remote: the workflow id to compare a single FILE with")
	files, code, done := parseCommandFlags(e, fs, args)
	if done {
		return code
	}
	if *remote {
		return diffRemote(ctx, e, &rf, *format, files)
	}
	if len(files) != 2 {
		return fail(e, exitUsage, "diff: takes two workflow files, OLD and NEW, got %d; run 'wfc diff -h' for usage", len(files))
	}
	if files[0] == "-" && files[1] == "-" {
		return fail(e, exitUsage, "diff: only one side can be standard input (-)")
	}
	old, okOld := loadDiffSide(e, files[0])
	new, okNew := loadDiffSide(e, files[1])
	if !okOld || !okNew {
		return exitUsage
	}
	r := diff.Report{Old: old.name, New: new.name, Changes: diff.Programs(old.prog, new.prog)}
	if err := writeDiffReport(e, *format, r); err != nil {
		return fail(e, exitUsage, "diff: %v", err)
	}
	return diffExitCode([]diff.Report{r}, false)
}

// writeDiffReport prints one report in format.
func writeDiffReport(e *env, format string, r diff.Report) error {
	switch format {
	case "json":
		return diff.WriteJSON(e.stdout, r)
	case "markdown":
		return diff.WriteMarkdown(e.stdout, r)
	}
	return diff.WriteText(e.stdout, r, stdoutIsColorTerminal(e))
}

// diffSide is one side of a diff: the resolved program, and its compiled BPMN or graph (a
// DataWorks DAG) for drawing.
type diffSide struct {
	name   string
	prog   *workflow.Program
	defs   *bpmn.Definitions
	graph  *target.Graph
	local  localWorkflow // for diff --remote
	target string        // the target it compiled for
}

// loadDiffSide reads, resolves and compiles a workflow through the one driver, as 'wfc compile' does, printing its
// problems; ok is false when it has errors. It is the one place diff loads a side, so that
// decompiled and deployed sides can be added here.
func loadDiffSide(e *env, file string) (side diffSide, ok bool) {
	name, src, err := readCompileInput(e, file)
	if err != nil {
		fail(e, exitUsage, "%v", err)
		return diffSide{}, false
	}
	u := compileWorkflow(name, src, driver.Options{})
	printCompileDiagnostics(e, u.Diags, name, src)
	if u.Artifact == nil || u.Diags.HasErrors() {
		return diffSide{}, false
	}
	return diffSide{name: name, prog: u.Program, defs: target.ModelOf(u.Artifact), graph: target.GraphOf(u.Artifact),
		local: localWorkflowOf(u), target: u.Target.Name()}, true
}

// renderDiff is 'wfc render --diff OLD NEW': NEW drawn with its added and changed steps
// coloured, and the removed ones, which NEW's drawing cannot show, named in the title.
func renderDiff(e *env, inputs []string, out string) int {
	if len(inputs) != 2 {
		return fail(e, exitUsage, "render: --diff takes two workflow files, OLD and NEW, got %d; run 'wfc render -h' for usage", len(inputs))
	}
	if err := refuseInputAsOutput(out, inputs); err != nil {
		return fail(e, exitUsage, "render: %v (nothing was written)", err)
	}
	old, okOld := loadDiffSide(e, inputs[0])
	new, okNew := loadDiffSide(e, inputs[1])
	if !okOld || !okNew {
		return exitProblems
	}
	changes := diff.Programs(old.prog, new.prog)
	diagram, err := compiledDiagram(new.defs, new.graph)
	if err != nil {
		return fail(e, exitProblems, "%s: %v", new.name, err)
	}
	diagram.Title = new.prog.Workflow.Name.Value
	if removed := removedSteps(changes); len(removed) > 0 {
		diagram.Title += " (removed: " + strings.Join(removed, ", ") + ")"
	}
	return writeSVG(e, out, render.SVG(diagram, render.Options{Marks: stepMarks(new, changes)}))
}

// removedSteps are the ids of the steps only OLD has, in the diff's order.
func removedSteps(changes []diff.Change) []string {
	var out []string
	for _, c := range changes {
		if c.Scope == diff.ScopeStep && c.Op == diff.Removed && c.Field == "" {
			out = append(out, c.Name)
		}
	}
	return out
}

// stepMarks colours the nodes of NEW's added and changed steps. A BPMN node belongs to the
// step it was compiled from: the compiler sets its Origin to the step's YAML range (a
// parallel step has two gateways, a step with on_error its boundary event). Flows are left
// uncoloured: their origin is the step they leave, which would colour every outgoing flow.
// A graph's node names its step.
func stepMarks(side diffSide, changes []diff.Change) map[string]render.Mark {
	mark := map[diag.Range]render.Mark{}
	for _, c := range changes {
		s := side.prog.Lookup(c.Name)
		if c.Scope != diff.ScopeStep || s == nil {
			continue
		}
		switch {
		case c.Op == diff.Added && c.Field == "":
			mark[s.Range] = render.Added
		case mark[s.Range] == render.Unmarked:
			mark[s.Range] = render.Changed
		}
	}
	out := map[string]render.Mark{}
	if side.defs == nil && side.graph != nil {
		for _, n := range side.graph.Nodes {
			if s := side.prog.Lookup(n.Step); s != nil && mark[s.Range] != render.Unmarked {
				out[n.ID] = mark[s.Range]
			}
		}
		return out
	}
	for id, el := range side.defs.ByID {
		r := el.Origin
		if r.Start.IsValid() && el.SourceRef == nil && mark[r] != render.Unmarked {
			out[id] = mark[r]
		}
	}
	return out
}
