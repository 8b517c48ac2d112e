package rules

import (
	"github.com/wfc-dev/wfc/diag"
	"github.com/wfc-dev/wfc/lint"
	"github.com/wfc-dev/wfc/target/dataworks"
	"github.com/wfc-dev/wfc/workflow"
)

var missingDatasource = &lint.Rule{
	ID:          "dataworks-missing-datasource",
	Severity:    diag.Error,
	Recommended: true,
	Scope:       lint.ScopeWorkflow,
	Target:      Target,
	Summary:     "a run step whose node type needs a data source names one",
	Doc: "SQL nodes and the other node types that run on a compute engine (`ODPS_SQL` on " +
		"MaxCompute, `HOLOGRES_SQL` on Hologres, `EMR_HIVE`, …) run against a data source of the " +
		"project, which the step names with `datasource`; DataWorks cannot run such a node " +
		"without one. The node-type table in package `target/dataworks` says which types need " +
		"one and of what type (Alibaba's node-type documentation, or inferred where it is silent). " +
		"Add `datasource: NAME`, the data source's name in the DataWorks project.",
	Check: func(p *lint.Pass) {
		runSteps(p, func(s *workflow.Step, r *workflow.Run) {
			t, ok := dataworks.LookupNodeType(r.Command.Value)
			if ok && t.NeedsDatasource() && !r.Datasource.IsSet() {
				p.Report(r.Command.Range, "step %q runs %s, which needs a data source of type %s; add datasource: NAME (the data source's name in the DataWorks project) to the step",
					s.ID.Value, t.Command, t.DatasourceType)
			}
		})
	},
}
