package target

import (
	"strings"
	"testing"

	"github.com/wfc-dev/wfc/diag"
	"github.com/wfc-dev/wfc/workflow"
)

// fake reports an error at the first step's id and counts its compiles.
type fake struct {
	check    bool
	compiles *int
}

func (fake) Name() string { return "fake" }

func (f fake) Check(prog *workflow.Program) diag.List {
	if !f.check {
		return nil
	}
	return diag.List{diag.Errorf(prog.Workflow.Steps[0].ID.Range, diag.RuleCompile, "target fake cannot run this step")}
}

func (f fake) Compile(*workflow.Program, Options) (Artifact, diag.List) {
	*f.compiles++
	return nil, nil
}

const okWorkflow = "wfc: 1\nname: W\ndescription: D\nsteps:\n  - id: a\n    name: A\n    action: x/y\n"

// TestBuildChecksThenCompiles: Build compiles only a workflow that neither loading, Resolve
// nor the target's Check finds an error in, and still runs Resolve and Check after loading
// failed, leaving out what loading reported at the same place.
func TestBuildChecksThenCompiles(t *testing.T) {
	var compiles int
	u := Build(fake{compiles: &compiles}, "w.yaml", []byte(okWorkflow), Options{})
	if compiles != 1 || len(u.Diags) != 0 || u.Program == nil || u.Target.Name() != "fake" {
		t.Fatalf("a clean workflow: %d compiles, diags %v", compiles, u.Diags)
	}

	u = Build(fake{check: true, compiles: &compiles}, "w.yaml", []byte(okWorkflow), Options{})
	if compiles != 1 || len(u.Diags) != 1 || u.Diags[0].Range.Start.Line != 5 {
		t.Fatalf("the target's error: %d compiles, diags %v", compiles, u.Diags)
	}

	// The schema reports the bad id where Check does too; Resolve reports the reference to
	// no step, which the schema does not.
	broken := strings.Replace(okWorkflow, "id: a", "id: Bad-Id", 1) + "    next: nowhere\n"
	u = Build(fake{check: true, compiles: &compiles}, "w.yaml", []byte(broken), Options{})
	var atID, atNext int
	for _, d := range u.Diags {
		switch d.Range.Start.Line {
		case 5:
			atID++
		case 8:
			atNext++
		}
	}
	if compiles != 1 || atID != 1 || atNext != 1 || !strings.Contains(u.Diags.Error(), "[schema]") {
		t.Errorf("a file that does not load: %d compiles, diags %v; want the schema's at the id, Resolve's at next", compiles, u.Diags)
	}
}

// named is a target that compiles nothing, under any name.
type named string

func (n named) Name() string                                           { return string(n) }
func (named) Check(*workflow.Program) diag.List                        { return nil }
func (named) Compile(*workflow.Program, Options) (Artifact, diag.List) { return nil, nil }

func init() {
	Register(named(Default))
	Register(named(workflow.TargetDataWorks))
}

// TestBuildForRoutesByTheTargetKey: a workflow is built for the target its target key names,
// the default without one, or the forced one; a workflow for another target than the forced
// one, and a target nothing registered, are errors at the target key, and nothing is built.
func TestBuildForRoutesByTheTargetKey(t *testing.T) {
	const withKey = "wfc: 1\nname: W\ndescription: D\ntarget: dataworks\nsteps:\n  - id: a\n    action: x/y\n"
	for _, c := range []struct {
		name, forced, src, want, err string
	}{
		{"no key", "", okWorkflow, Default, ""},
		{"the key", "", withKey, workflow.TargetDataWorks, ""},
		{"forced, no key", workflow.TargetDataWorks, okWorkflow, workflow.TargetDataWorks, ""},
		{"forced, the same key", workflow.TargetDataWorks, withKey, workflow.TargetDataWorks, ""},
		{"forced, another key", Default, withKey, "", "this workflow is for target dataworks, but it is being built for target " + Default},
		{"forced, unknown", "nosuch", okWorkflow, "", `wfc has no target "nosuch"`},
	} {
		t.Run(c.name, func(t *testing.T) {
			u := BuildFor(c.forced, "w.yaml", []byte(c.src), Options{})
			if c.err == "" {
				if u.Diags.HasErrors() || u.Target == nil || u.Target.Name() != c.want || u.Program == nil {
					t.Fatalf("target %v, diags %v; want %s", u.Target, u.Diags, c.want)
				}
				return
			}
			if u.Target != nil || u.Program != nil || len(u.Diags) != 1 || !strings.Contains(u.Diags[0].Message, c.err) {
				t.Fatalf("target %v, diags %v; want one error %q", u.Target, u.Diags, c.err)
			}
			if d := u.Diags[0]; d.Range.File != "w.yaml" || (strings.Contains(c.src, "target:") && d.Range.Start.Line != 4) {
				t.Errorf("the error is at %v, want the target key (line 4) of w.yaml", d.Range)
			}
		})
	}
}
