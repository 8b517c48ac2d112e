package workflow

import (
	"strings"
	"testing"
)

// TestScalarTextIsTheSourceText: a loaded String recovers its scalar's exact source text
// (which places references inside it) whether it stores it or rebuilds it from its value:
// plain, quoted without escapes, quoted with escapes or doubled quotes, in ASCII and
// non-ASCII files.
func TestScalarTextIsTheSourceText(t *testing.T) {
	for _, value := range []string{
		"${inputs.ip}", "it's ${inputs.a}", `back\slash ${inputs.a}`, `say "hi" ${inputs.a}`,
		"é${steps.s.output.f}", "tab\there", "both ' and \\",
	} {
		for _, raw := range scalarSpellings(value)[1:] {
			if raw == value && !plainSafe(value) {
				continue // not a plain scalar in YAML
			}
			src := "wfc: 1\nname: " + raw + "\n"
			w, _ := Load("t.yaml", []byte(src))
			if w == nil || w.Name.Value != value {
				t.Fatalf("%q did not load as %q", src, value)
			}
			if got := w.Name.raw(); got != raw {
				t.Errorf("text of %s: got %q, want %q", raw, got, raw)
			}
		}
	}
}

// plainSafe reports whether value can be written as a plain scalar on one line.
func plainSafe(value string) bool {
	return !strings.ContainsAny(value, "'\"\t") && !strings.Contains(value, ": ") && !strings.Contains(value, " #")
}
