package rules

import (
	"github.com/wfc-dev/wfc/diag"
	"github.com/wfc-dev/wfc/lint"
	"github.com/wfc-dev/wfc/target/dataworks"
)

var outputName = &lint.Rule{
	ID:          "dataworks-output-name",
	Severity:    diag.Error,
	Recommended: true,
	Scope:       lint.ScopeWorkflow,
	Target:      Target,
	Summary:     "the workflow's name makes node output names DataWorks can take",
	Doc: "Every node output wfc writes is named `WORKFLOW.STEP`: the workflow's `name`, a dot, " +
		"the step id (see the DataWorks target in docs/language.md). DataWorks separates output " +
		"names with commas where it takes several (documented for ListNodesByOutput's `Outputs`), " +
		"so a comma in the name would split every output name in two; and, inferred rather than " +
		"documented, an output name is one line of text, so a line break or tab cannot be in it. " +
		"The problem is reported at the character in the workflow's name, since it is in every " +
		"output; step ids cannot cause it (they are lower-case letters, digits and underscores). " +
		"Dots, spaces and Chinese are fine: DataWorks' own outputs are `project.node name`. " +
		"No length limit or character set is documented, so none is checked; output names must " +
		"also be unique in the whole Alibaba Cloud account, which no check on one file can see.",
	Check: func(p *lint.Pass) {
		w := p.Input.Workflow
		prob := dataworks.CheckOutputName(w.Name.Value)
		if prob == nil {
			return
		}
		example := dataworks.OutputName(w.Name.Value, "STEP")
		if steps := w.AllSteps(); len(steps) > 0 {
			example = dataworks.OutputName(w.Name.Value, steps[0].ID.Value)
		}
		p.Report(w.Name.Span(prob.Offset, prob.Offset+prob.Length),
			"workflow name %q puts %s in every node output name (%q): %s; %s",
			w.Name.Value, prob.What, example, prob.Why, prob.Fix)
	},
}
