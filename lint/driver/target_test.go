package driver

import (
	"strings"
	"testing"

	"github.com/wfc-dev/wfc/diag"
	"github.com/wfc-dev/wfc/lint"
	"github.com/wfc-dev/wfc/target"
	"github.com/wfc-dev/wfc/workflow"
)

// noBPMN is a target whose platform runs no BPMN (as DataWorks' FlowSpec): its artifact is
// one line, and it takes no workflow outputs.
type noBPMN struct{}

func (noBPMN) Name() string { return "nobpmn" }

func (noBPMN) Check(prog *workflow.Program) diag.List {
	var out diag.List
	for _, p := range prog.Workflow.Outputs {
		out = append(out, diag.Errorf(p.Range, diag.RuleCompile, "target nobpmn takes no workflow outputs"))
	}
	return out
}

func (noBPMN) Compile(prog *workflow.Program, _ target.Options) (target.Artifact, diag.List) {
	return flowSpec(prog.Workflow.Name.Value), nil
}

type flowSpec string

func (flowSpec) Forms() []string               { return []string{"spec"} }
func (f flowSpec) Emit(string) ([]byte, error) { return []byte(string(f) + "\n"), nil }
func init()                                    { target.Register(noBPMN{}) }

var _ target.Artifact = flowSpec("")

// TestDriverTakesATargetWithoutBPMN: the driver compiles to the target it is given by name,
// reports that target's Check at the step, and lints its workflows with the workflow rules
// alone, since the artifact has no BPMN model.
func TestDriverTakesATargetWithoutBPMN(t *testing.T) {
	const src = "wfc: 1\nname: W\ndescription: D\ninputs:\n  - name: unused\nsteps:\n  - id: a\n    name: A\n    action: x/y\n"
	u := Workflow("w.yaml", []byte(src), Options{Target: "nobpmn", Lint: true, Settings: lint.Settings{Extends: lint.All}})
	if u.Target.Name() != "nobpmn" || u.Artifact == nil {
		t.Fatalf("unit: target %v, artifact %v, diags %v", u.Target, u.Artifact, u.Diags)
	}
	if got, _ := u.Artifact.Emit("spec"); string(got) != "W\n" {
		t.Errorf("artifact = %q", got)
	}
	var rules []string
	for _, d := range u.Diags {
		rules = append(rules, d.Rule)
	}
	if !strings.Contains(strings.Join(rules, " "), "unused-input") {
		t.Errorf("the workflow rules did not run: %v", u.Diags)
	}

	outputs := src + "outputs:\n  - name: verdict\n    value: x\n"
	u = Workflow("w.yaml", []byte(outputs), Options{Target: "nobpmn"})
	if u.Artifact != nil || len(u.Diags) != 1 || u.Diags[0].Range.Start.Line != 11 || !strings.Contains(u.Diags[0].Message, "target nobpmn") {
		t.Errorf("outputs compiled for nobpmn: %v", u.Diags)
	}

	u = Workflow("w.yaml", []byte(src), Options{Target: "nosuch"})
	if u.Artifact != nil || !u.Diags.HasErrors() || !strings.Contains(u.Diags[0].Message, `no target "nosuch"`) {
		t.Errorf("an unknown target compiled: %v", u.Diags)
	}
}
