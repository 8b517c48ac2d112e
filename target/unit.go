package target

import (
	"fmt"

	"github.com/wfc-dev/wfc/diag"
	"github.com/wfc-dev/wfc/workflow"
)

// Unit is one workflow file taken as far as it goes: loaded, resolved, checked by its
// target and, when nothing reported an error, compiled. Everything a caller needs is here,
// so no caller loads or compiles a file a second time.
type Unit struct {
	Workflow *workflow.Workflow // nil when the file does not load at all
	Program  *workflow.Program  // the resolved program; nil when Workflow is nil
	Target   Target             // what Artifact was compiled for
	Artifact Artifact           // nil when any error was reported
	Diags    diag.List          // loading's, Resolve's, the target's, sorted
}

// Build loads a workflow file (YAML, schema, AST), resolves it, has t check it and compiles
// it. When loading finds errors, Resolve and t.Check still run, so one run reports
// everything, but nothing is compiled; what loading has already reported at a place is not
// reported there again.
func Build(t Target, file string, src []byte, opts Options) *Unit {
	w, diags := workflow.Load(file, src)
	if w == nil {
		return &Unit{Target: t, Diags: diags}
	}
	return build(t, w, diags, opts)
}

// BuildFor is Build for the target the workflow names with its target key (Default when it
// names none), or for forced when that is not "": a command that serves one platform forces
// it. A workflow that names another target than forced is an error at its target key, as is
// a target no package registered; nothing is then resolved or compiled.
func BuildFor(forced, file string, src []byte, opts Options) *Unit {
	w, diags := workflow.Load(file, src)
	if w == nil {
		return &Unit{Diags: diags}
	}
	t, err := choose(forced, w)
	if err != nil {
		d := diag.Errorf(w.Target.Range, diag.RuleCompile, "%v", err)
		if d.Range.File == "" {
			d.Range.File = w.File
		}
		diags = append(diags, withoutRepeats(diag.List{d}, diags)...)
		diags.Sort()
		return &Unit{Workflow: w, Diags: diags}
	}
	return build(t, w, diags, opts)
}

// choose is the target a workflow is built for (see BuildFor).
func choose(forced string, w *workflow.Workflow) (Target, error) {
	if forced != "" && w.Target.IsSet() && w.Target.Value != forced {
		return nil, fmt.Errorf("this workflow is for target %s, but it is being built for target %s here; "+
			"use a command that takes %s workflows, or change target", w.Target.Value, forced, w.Target.Value)
	}
	name := forced
	if name == "" {
		name = w.TargetOrDefault()
	}
	return Lookup(name)
}

// build resolves, checks and compiles a loaded workflow for t.
func build(t Target, w *workflow.Workflow, diags diag.List, opts Options) *Unit {
	u := &Unit{Workflow: w, Target: t}
	prog, more := workflow.Resolve(w)
	more = append(more, t.Check(prog)...)
	u.Program = prog
	if diags.HasErrors() {
		more = withoutRepeats(more, diags)
	}
	u.Diags = append(diags, more...)
	if !u.Diags.HasErrors() {
		a, built := t.Compile(prog, opts)
		u.Artifact = a
		u.Diags = append(u.Diags, built...)
	}
	u.Diags.Sort()
	return u
}

// withoutRepeats drops the diagnostics of more that start where an error of seen does.
func withoutRepeats(more, seen diag.List) diag.List {
	at := map[diag.Pos]bool{}
	for _, d := range seen {
		if d.Severity == diag.Error {
			at[d.Range.Start] = true
		}
	}
	var out diag.List
	for _, d := range more {
		if !at[d.Range.Start] {
			out = append(out, d)
		}
	}
	return out
}
