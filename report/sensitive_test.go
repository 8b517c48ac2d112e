package report

import (
	"bytes"
	"strings"
	"testing"

	"github.com/wfc-dev/wfc/diag"
)

// TestSensitiveHasNoSnippet: a diagnostic marked Sensitive (its source line holds a secret)
// is printed without the line in the text format; the same diagnostic unmarked shows it.
func TestSensitiveHasNoSnippet(t *testing.T) {
	const secret = "xoxb-123456789012-abcdefGHIJKL"
	src := []byte("with:\n  token: " + secret + "\n")
	opts := Options{Sources: func(string) ([]byte, bool) { return src, true }}
	d := diag.Diagnostic{Severity: diag.Error, Rule: "secret-in-with", Message: "with.token looks like a Slack token",
		Range: diag.Range{File: "a.yaml", Start: diag.Pos{Line: 2, Column: 10}}}
	for _, sensitive := range []bool{false, true} {
		d.Sensitive = sensitive
		var buf bytes.Buffer
		if err := Write(&buf, Text, diag.List{d}, opts); err != nil {
			t.Fatal(err)
		}
		if got := strings.Contains(buf.String(), secret); got == sensitive {
			t.Errorf("Sensitive=%v: output shows the source line: %v\n%s", sensitive, got, buf.String())
		}
		if !strings.HasPrefix(buf.String(), d.Error()+"\n") {
			t.Errorf("Sensitive=%v: header missing:\n%s", sensitive, buf.String())
		}
	}
}
