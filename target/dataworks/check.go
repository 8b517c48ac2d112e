package dataworks

import (
	"fmt"
	"strings"

	"github.com/wfc-dev/wfc/diag"
	"github.com/wfc-dev/wfc/workflow"
)

// check reports what a FlowSpec document cannot say, whether or not the file loaded
// cleanly: steps of kinds DataWorks does not run, loops, on_error naming a step, workflow
// outputs, node parameters that are not text, switch conditions with no DataWorks form, and
// a step's platform.secmaster block.
// What the schema rejects (a step without an id or kind) is left to it; no steps compiles
// to a workflow without nodes.
func check(prog *workflow.Program) diag.List {
	var out diag.List
	errorf := func(r diag.Range, format string, args ...any) {
		out = append(out, diag.Errorf(r, diag.RuleCompile, format, args...))
	}
	w := prog.Workflow
	for _, p := range w.Outputs {
		errorf(p.Range, "workflow output %q: target dataworks has no workflow outputs (a FlowSpec workflow passes no values back); remove outputs", p.Name.Value)
	}
	inputs := inputTypes(w)
	for _, s := range prog.Steps {
		if k := s.Kind(); k != nil && !k.RunsOn(workflow.TargetDataWorks) {
			errorf(s.KindRange, "%s", unsupportedKind(s, k))
		}
		if s.Platform != nil && s.Platform.SecMaster != nil {
			errorf(s.Platform.SecMaster.Range, "step %q has a platform.secmaster block, which target dataworks does not read (it is what a SecMaster element carries); remove it", s.ID.Value)
		}
		out = append(out, platformErrors(s)...) // platform.go
		if on := s.OnError(); on.NamesStep() {
			errorf(on.Range, "on_error: %s names a step, which target dataworks cannot do: DataWorks has no error paths; write on_error: continue (the workflow goes on) or fail (the default)", on.Value)
		}
		switch body := s.Body.(type) {
		case *workflow.Run:
			out = append(out, checkParameters(body.With)...)
		case *workflow.Switch:
			for _, c := range body.Cases {
				if _, err := branchCondition(c.When.Value, inputs); err != nil {
					errorf(c.When.Range, "%v", err)
				}
			}
		case *workflow.Parallel, nil:
			// nothing FlowSpec cannot say; a step without a kind is the schema's
		case *workflow.Action, *workflow.Approval, *workflow.Call, *workflow.Wait:
			// refused above, at the kind key
		}
	}
	return append(out, loops(prog.Flow())...)
}

// unsupportedKind says that DataWorks cannot run a step of kind k, and what to do (the
// mirror of SecMaster's message).
func unsupportedKind(s *workflow.Step, k *workflow.KindInfo) string {
	article := "a"
	if strings.ContainsRune("aeiou", rune(k.Key[0])) {
		article = "an"
	}
	return fmt.Sprintf("step %q is %s %s step, which target dataworks cannot run (it runs on %s): "+
		"write target: %s at the top, or use a kind DataWorks runs (%s)", s.ID.Value, article, k.Key,
		strings.Join(k.Targets, ", "), k.Targets[0],
		workflow.KindKeysWhere(func(i workflow.KindInfo) bool { return i.RunsOn(workflow.TargetDataWorks) }))
}

// checkParameters reports the with values FlowSpec cannot hold: a script parameter's value
// is one non-empty string (DataWorks refuses an empty one).
func checkParameters(with []*workflow.Entry) diag.List {
	var out diag.List
	for _, e := range with {
		switch {
		case e.Value == nil:
		case !e.Value.IsScalar():
			out = append(out, diag.Errorf(e.Value.Range, diag.RuleCompile,
				"node parameter %q is a list or mapping; a DataWorks node parameter is text: write it as one string", e.Key.Value))
		case e.Value.Text() == "":
			out = append(out, diag.Errorf(e.Value.Range, diag.RuleCompile,
				"node parameter %q is empty, which DataWorks refuses; give it a value or remove it", e.Key.Value))
		}
	}
	return out
}

// loops reports every loop of the flow graph at the edge that goes back to an earlier step:
// DataWorks runs a workflow's nodes as a graph without cycles. Implicit edges always lead
// to a later step (the step below, a branch's join, the step after a parallel), so every
// loop has a written next, case or default back to a step at or before the one it leaves.
func loops(f *workflow.Flow) diag.List {
	sccs := f.SCCs()
	comp := make([]int, len(f.Nodes))
	for i, c := range sccs {
		for _, n := range c {
			comp[n] = i
		}
	}
	var out diag.List
	for i, c := range sccs {
		if !f.IsCycle(c) {
			continue
		}
		for _, n := range c {
			for _, e := range f.Out(n) {
				from, to := f.Nodes[e.From], f.Nodes[e.To]
				if comp[e.To] != i || e.Kind == workflow.EdgeOnError || from.Kind != workflow.NodeStep ||
					to.Kind != workflow.NodeStep || e.To > e.From {
					continue
				}
				out = append(out, diag.Errorf(e.Range, diag.RuleCompile,
					"step %q goes back to step %q, a loop, which target dataworks cannot run: DataWorks runs a workflow's nodes as a graph without cycles; remove the loop (a do-while node may come later)",
					from.Step.ID.Value, to.Step.ID.Value))
			}
		}
	}
	return out
}
