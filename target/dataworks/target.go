package dataworks

import (
	"github.com/wfc-dev/wfc/diag"
	"github.com/wfc-dev/wfc/target"
	"github.com/wfc-dev/wfc/workflow"
)

// Name is this target's name, as a workflow's target key gives it.
const Name = workflow.TargetDataWorks

func init() { target.Register(Target{}) }

// Target is the DataWorks target (target.Target): it compiles a `target: dataworks` workflow
// into the FlowSpec document ImportWorkflowDefinition takes.
type Target struct{}

// Name is "dataworks".
func (Target) Name() string { return Name }

// Check reports what DataWorks cannot run (check.go), each problem at the YAML that says it.
func (Target) Check(prog *workflow.Program) diag.List { return check(prog) }

// Compile builds the FlowSpec document of prog (compile.go). Its diagnostics are the script
// files it cannot read, at the step's file key; with opts.ModelOnly (the linter, which writes
// no artifact) the files are not read and the nodes have no content.
func (Target) Compile(prog *workflow.Program, opts target.Options) (target.Artifact, diag.List) {
	doc, diags := compile(prog, !opts.ModelOnly)
	if diags.HasErrors() {
		return nil, diags
	}
	return &Artifact{Doc: doc}, diags
}
