package lint

import (
	"github.com/wfc-dev/wfc/diag"
	"github.com/wfc-dev/wfc/workflow"
)

var wfOutputBeforeRun = &Rule{
	ID:          "output-before-run",
	Severity:    diag.Error,
	Recommended: true,
	Scope:       ScopeWorkflow,
	Summary:     "a step's output is used only where the step has run on every path",
	Doc: "${steps.Y.output...} is only set once step Y has finished. A use in another step's " +
		"with, condition or approval form, or in a workflow output, is reported when some path " +
		"from the start reaches the use without running Y: Y is on one side of a switch, later " +
		"in a loop, in a parallel branch beside the use, or after the use. A step that uses its " +
		"own output is reported too. After a parallel step, the steps on every path through " +
		"each of its branches count as run. A step that failed and was handled by on_error " +
		"counts as run, though its output may be incomplete. Move the use after Y, or give " +
		"every path a step that produces the value.",
	Check: func(p *Pass) {
		f := p.Flow()
		reach := f.Reachable()
		prog := p.Program()
		p.forEachRef(parsedOnly, func(site workflow.Site, ref workflow.Ref) {
			y := prog.Lookup(ref.StepID())
			if _, isOutput := ref.Fields(); y == nil || !isOutput || !producesOutput(y) {
				return // unknown-reference reports these
			}
			at := workflow.EndNode
			if site.Step != nil {
				at = f.NodeOf(site.Step)
			}
			if !reach[at] {
				return // unreachable-step reports the step
			}
			switch {
			case site.Step == y:
				p.Report(ref.Range, "step %q uses its own output in %s; the output is only set after the step has finished", y.ID.Value, site.Field)
			case f.MustHaveRun(y, at):
			case site.Step != nil && workflow.InSiblingBranches(y, site.Step):
				p.Report(ref.Range, "step %q runs in a parallel branch beside %q, so its output may not be set yet; use it after the parallel step instead", y.ID.Value, site.Step.ID.Value)
			case site.Step == nil:
				p.Report(ref.Range, "step %q has not run on every path to the end of the workflow, so %s may be unset; take the value from a step every path runs", y.ID.Value, site.Field)
			default:
				p.Report(ref.Range, "step %q has not run on every path to step %q, so its output may be unset here; use it only after %q has run on all paths", y.ID.Value, site.Step.ID.Value, y.ID.Value)
			}
		})
	},
}
