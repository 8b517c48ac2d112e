package secmaster_test

import (
	"os"
	"testing"

	"github.com/wfc-dev/wfc/target/secmaster"
)

// TestWithProcessNumberRebuildsOnlyWhenTheNumberDiffers: push asks for the request with the
// deployed version's process number. The unit it already compiled answers for its own number
// without building again, and for another number builds from the resolved program exactly
// what compiling the file with that number gives (issue 9, item 4).
func TestWithProcessNumberRebuildsOnlyWhenTheNumberDiffers(t *testing.T) {
	src, err := os.ReadFile("../../examples/brute-force-lockout.yaml")
	if err != nil {
		t.Fatal(err)
	}
	u := secmaster.CompileUnit("brute-force-lockout.yaml", src, secmaster.Options{})
	if u.Result == nil || u.Workflow == nil || u.Program == nil || u.Diags.HasErrors() {
		t.Fatalf("CompileUnit left something out: %+v", u)
	}
	same, err := u.WithProcessNumber(secmaster.ProcessNumber(u.Workflow.Name.Value))
	if err != nil || same != u.Result {
		t.Fatalf("the number it was compiled with built again (%v)", err)
	}
	const other = 1234567890123
	got, err := u.WithProcessNumber(other)
	if err != nil || got == u.Result {
		t.Fatalf("another process number did not build again: %v", err)
	}
	want, diags := secmaster.CompileFile("brute-force-lockout.yaml", src, secmaster.Options{ProcessNumber: other})
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	if got.Request != want.Request {
		t.Errorf("rebuilt request differs from compiling with ProcessNumber %d", other)
	}
	if got.Request == u.Result.Request {
		t.Errorf("the process number changed nothing in the request")
	}
}

// TestCompileUnitKeepsWhatFailed: a file with errors keeps its workflow and program, for the
// caller's messages, but has no result.
func TestCompileUnitKeepsWhatFailed(t *testing.T) {
	u := secmaster.CompileUnit("w.yaml", []byte("wfc: 1\nname: W\nsteps:\n  - id: a\n    action: x/y\n    next: nowhere\n"), secmaster.Options{})
	if u.Result != nil || !u.Diags.HasErrors() || u.Workflow == nil || u.Program == nil {
		t.Fatalf("unit of a broken file: result %v, diags %v, workflow %v, program %v", u.Result, u.Diags, u.Workflow != nil, u.Program != nil)
	}
	if _, err := u.WithProcessNumber(1); err == nil {
		t.Error("a unit with errors compiled with another process number")
	}
}
