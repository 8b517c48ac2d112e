package rules

import (
	"github.com/wfc-dev/wfc/diag"
	"github.com/wfc-dev/wfc/lint"
	"github.com/wfc-dev/wfc/target/dataworks"
	"github.com/wfc-dev/wfc/workflow"
)

var unknownCommand = &lint.Rule{
	ID:          "dataworks-unknown-command",
	Severity:    diag.Error,
	Recommended: true,
	Scope:       lint.ScopeWorkflow,
	Target:      Target,
	Summary:     "a run step's command is a DataWorks node type",
	Doc: "`run: {command: …}` names the DataWorks node type the step becomes: a constant of " +
		"DataWorks' `CodeProgramType`, such as `ODPS_SQL`, `DIDE_SHELL`, `PYTHON`, `HOLOGRES_SQL` " +
		"or `DI`, spelled as DataWorks spells it (upper case), so that the compiled spec compares " +
		"equal to the deployed one. A name that is not one is reported at the command, with the " +
		"closest node type when there is one.",
	Check: func(p *lint.Pass) {
		runSteps(p, func(_ *workflow.Step, r *workflow.Run) {
			if _, ok := dataworks.LookupNodeType(r.Command.Value); !ok {
				p.Report(r.Command.Range, "%s", dataworks.NodeTypeError(r.Command.Value))
			}
		})
	},
}
