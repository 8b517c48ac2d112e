// Package rules holds the lint rules about DataWorks alone: each runs only on a workflow
// compiled for target dataworks (lint.Rule.Target), reads the AST and asks package dataworks
// what DataWorks accepts (ValidateCron, LookupNodeType, ReadScript). The package registers
// them with lint in its init (lint.RegisterTargetRules), since lint imports no target; a
// program links them by importing this package, as cmd/wfc and internal/gendocs do.
//
// A dependency cycle has no rule here: a loop back to an earlier step is the only way a
// workflow could make one, and the target's Check already reports it as an error (rules do
// not run on a workflow with errors, so a rule could only restate it).
package rules

import (
	"github.com/wfc-dev/wfc/lint"
	"github.com/wfc-dev/wfc/workflow"
)

// Target is the name of the target these rules are about.
const Target = "dataworks"

// All lists the DataWorks rules in the order they run and are documented.
var All = []*lint.Rule{
	schedule,
	unknownCommand,
	missingDatasource,
	scriptFile,
	emptyScript,
	duplicateNodeName,
	outputName,
}

func init() { lint.RegisterTargetRules(All...) }

// runSteps calls f with every run step of the workflow and its body, in file order.
func runSteps(p *lint.Pass, f func(s *workflow.Step, r *workflow.Run)) {
	for _, s := range p.Input.Workflow.AllSteps() {
		if r, ok := s.Body.(*workflow.Run); ok {
			f(s, r)
		}
	}
}
