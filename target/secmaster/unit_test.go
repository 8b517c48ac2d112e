package secmaster_test

import (
	"os"
	"testing"

	"github.com/wfc-dev/wfc/target"
	"github.com/wfc-dev/wfc/target/secmaster"
)

// TestWithProcessNumberRebuildsOnlyWhenTheNumberDiffers: push asks for the request with the
// deployed version's process number. The result it already compiled answers for its own
// number without building again, and for another number builds from the resolved program
// exactly what compiling the file with that number gives (issue 9, item 4).
func TestWithProcessNumberRebuildsOnlyWhenTheNumberDiffers(t *testing.T) {
	src, err := os.ReadFile("../../examples/brute-force-lockout.yaml")
	if err != nil {
		t.Fatal(err)
	}
	u := target.Build(secmaster.Target{}, "brute-force-lockout.yaml", src, target.Options{})
	res, ok := u.Artifact.(*secmaster.Result)
	if !ok || u.Workflow == nil || u.Program == nil || u.Diags.HasErrors() {
		t.Fatalf("Build left something out: %+v", u)
	}
	same, err := res.WithProcessNumber(secmaster.ProcessNumber(u.Workflow.Name.Value))
	if err != nil || same != res {
		t.Fatalf("the number it was compiled with built again (%v)", err)
	}
	const other = 1234567890123
	got, err := res.WithProcessNumber(other)
	if err != nil || got == res {
		t.Fatalf("another process number did not build again: %v", err)
	}
	want, diags := secmaster.CompileFile("brute-force-lockout.yaml", src, secmaster.Options{ProcessNumber: other})
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	if mustRequest(t, got) != mustRequest(t, want) {
		t.Errorf("rebuilt request differs from compiling with ProcessNumber %d", other)
	}
	if mustRequest(t, got) == mustRequest(t, res) {
		t.Errorf("the process number changed nothing in the request")
	}
}

// TestBuildKeepsWhatFailed: a file with errors keeps its workflow and program, for the
// caller's messages, but has no artifact.
func TestBuildKeepsWhatFailed(t *testing.T) {
	u := target.Build(secmaster.Target{}, "w.yaml", []byte("wfc: 1\nname: W\nsteps:\n  - id: a\n    action: x/y\n    next: nowhere\n"), target.Options{})
	if u.Artifact != nil || !u.Diags.HasErrors() || u.Workflow == nil || u.Program == nil {
		t.Fatalf("unit of a broken file: artifact %v, diags %v, workflow %v, program %v", u.Artifact, u.Diags, u.Workflow != nil, u.Program != nil)
	}
}

// TestTargetIsRegisteredAsTheDefault: the driver finds SecMaster by the name a workflow
// gives, and for no name at all.
func TestTargetIsRegisteredAsTheDefault(t *testing.T) {
	for _, name := range []string{"", secmaster.Name} {
		got, err := target.Lookup(name)
		if err != nil || got.Name() != secmaster.Name {
			t.Errorf("Lookup(%q) = %v, %v; want the SecMaster target", name, got, err)
		}
	}
	if _, err := target.Lookup("nosuch"); err == nil {
		t.Error("Lookup of an unknown target succeeded")
	}
}
