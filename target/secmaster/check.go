package secmaster

import (
	"fmt"
	"strings"

	"github.com/wfc-dev/wfc/diag"
	"github.com/wfc-dev/wfc/workflow"
)

// check returns the compile errors of w and its resolved program, which the graph builder
// compiles. workflow.Resolve reports what cannot be resolved (duplicate ids, references to
// steps that do not exist or that cross a parallel branch's boundary); duplicateParams and
// callOnErrorPolicies add duplicate input or output names and on_error: continue on a
// workflow call, whether or not the file loaded cleanly; shape says whether to
// add what the JSON Schema also reports (a step without id or kind, the reserved id
// end, an empty parallel, a wait without duration). Target.Check leaves those to the schema
// (Target.Compile still refuses them), so no problem is said twice. Every problem is
// reported in one run, each at the place the user wrote it.
func check(w *workflow.Workflow, shape bool) (*workflow.Program, diag.List) {
	prog, diags := workflow.Resolve(w)
	diags = append(append(diags, duplicateParams(w)...), callOnErrorPolicies(w)...)
	diags = append(diags, platformErrors(w)...)
	if shape {
		diags = append(diags, shapeErrors(w)...)
	}
	return prog, diags
}

// shapeErrors are the workflow shapes the graph builder cannot handle and the schema rejects.
func shapeErrors(w *workflow.Workflow) diag.List {
	var out diag.List
	errorf := func(r diag.Range, format string, args ...any) {
		out = append(out, diag.Errorf(r, diag.RuleCompile, format, args...))
	}
	for _, s := range w.AllSteps() {
		switch id := s.ID; {
		case !id.IsSet() || id.Value == "":
			errorf(s.Range, "step has no id; give it one (lower-case letters, digits and _)")
		case id.Value == workflow.EndRef:
			errorf(id.Range, "step id \"end\" is reserved for the end of the workflow; choose another id")
		}
		if k := s.Kind(); k != nil && !k.RunsOn(workflow.TargetSecMaster) {
			errorf(s.KindRange, "%s", unsupportedKind(s, k))
		}
		switch body := s.Body.(type) {
		case nil:
			errorf(s.Range, "step %q has no kind; give it exactly one of %s", s.ID.Value, workflow.KindKeys())
		case *workflow.Parallel:
			if len(body.Branches) == 0 {
				errorf(s.KindRange, "parallel step %q has no branches; give it at least one {steps: [...]}", s.ID.Value)
			}
			for _, br := range body.Branches {
				if len(br.Steps) == 0 {
					errorf(br.Range, "this branch of parallel step %q has no steps; give it steps or remove it", s.ID.Value)
				}
			}
		case *workflow.Wait:
			if !body.Duration.IsSet() {
				errorf(s.KindRange, "wait needs a duration such as 30s or 5m")
			}
		case *workflow.Run:
			// a kind this target does not run: unsupportedKind reports it
		case *workflow.Action, *workflow.Approval, *workflow.Switch, *workflow.Call:
			// nothing the schema checks that the graph builder needs
		}
	}
	return out
}

// unsupportedKind says that SecMaster cannot run a step of kind k, and what to do.
func unsupportedKind(s *workflow.Step, k *workflow.KindInfo) string {
	return fmt.Sprintf("step %q is a %s step, which target secmaster cannot run (it runs on %s): "+
		"write target: %s at the top, or use a kind SecMaster runs (%s)", s.ID.Value, k.Key,
		strings.Join(k.Targets, ", "), k.Targets[0],
		workflow.KindKeysWhere(func(i workflow.KindInfo) bool { return i.RunsOn(workflow.TargetSecMaster) }))
}
