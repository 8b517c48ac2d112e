package decompile

import (
	"os"
	"path/filepath"
	"regexp"
	"testing"

	lang "github.com/wfc-dev/wfc/decompile"
	"github.com/wfc-dev/wfc/diag"
	"github.com/wfc-dev/wfc/target"
	dw "github.com/wfc-dev/wfc/target/dataworks"
)

// compileFile compiles a workflow file to its FlowSpec document (the spec form).
func compileFile(t *testing.T, file string, src []byte) []byte {
	t.Helper()
	u := target.BuildFor(dw.Name, file, src, target.Options{})
	if u.Artifact == nil {
		t.Fatalf("compile %s: %v\n%s", file, u.Diags, src)
	}
	out, err := u.Artifact.Emit(dw.FormSpec)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// decompileSpec reads a FlowSpec document and writes its YAML, failing on any error.
func decompileSpec(t *testing.T, name string, spec []byte) ([]byte, diag.List) {
	t.Helper()
	src, err := ReadSource(name, spec)
	if err != nil {
		t.Fatal(err)
	}
	w, diags := Read(src)
	if diags.HasErrors() {
		t.Fatalf("decompile %s: %v", name, diags)
	}
	body, err := lang.Format(w)
	if err != nil {
		t.Fatal(err)
	}
	return body, diags
}

// roundTripCases are every DataWorks workflow wfc compiles in the repository: the
// compiler's golden cases and the examples.
func roundTripCases(t *testing.T) []string {
	cases, _ := filepath.Glob("../testdata/compile/*/workflow.yaml")
	examples, _ := filepath.Glob("../../../examples/*.yaml")
	nested, _ := filepath.Glob("../../../examples/*/*.yaml") // examples/dataworks/
	examples = append(examples, nested...)
	for _, e := range examples {
		if src, err := os.ReadFile(e); err == nil && isDataWorks(src) {
			cases = append(cases, e)
		}
	}
	if len(cases) < 5 {
		t.Fatalf("found only %d DataWorks workflows to round-trip", len(cases))
	}
	return cases
}

// TestRoundTripIsByteForByte: for every DataWorks workflow wfc compiles,
// compile(decompile(compile(y))) is compile(y), byte for byte, with no diagnostics.
func TestRoundTripIsByteForByte(t *testing.T) {
	for _, file := range roundTripCases(t) {
		t.Run(file, func(t *testing.T) {
			src, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			want := compileFile(t, file, src)
			yaml, diags := decompileSpec(t, "spec.json", want)
			if len(diags) > 0 {
				t.Errorf("diagnostics on wfc's own output: %v", diags)
			}
			got := compileFile(t, filepath.Join(filepath.Dir(file), "decompiled.yaml"), yaml)
			if string(got) != string(want) {
				t.Errorf("compile(decompile(compile(y))) differs from compile(y)\ndecompiled:\n%s\ngot:\n%s", yaml, got)
			}
		})
	}
}

func isDataWorks(src []byte) bool {
	return regexp.MustCompile(`(?m)^target:\s*dataworks\s*$`).Match(src)
}
