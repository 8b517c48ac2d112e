package workflow

import (
	"testing"

	"github.com/wfc-dev/wfc/diag"
)

// A tab yaml.v3 rejects is reported at the tab itself, as a one-character range, whichever
// of its messages yaml.v3 gives and wherever in the indentation the tab is.
func TestTabIsReportedAtTheTab(t *testing.T) {
	const head = "wfc: 1\nname: t\ndescription: \"\"\n"
	cases := []struct {
		name, src string
		line, col int
	}{
		{"indents a list", head + "steps:\n\t- id: a\n    action: p/a\n", 5, 1},           // cannot start any token
		{"indents a key", head + "steps:\n  - id: a\n\taction: p/a\n", 6, 1},              // violates indentation
		{"after spaces", head + "steps:\n  - id: a\n  \t  action: p/a\n", 6, 3},           // cannot start any token
		{"after a dash", head + "steps:\n  - id: a\n    action: p/a\n  -\tid: b\n", 7, 4}, // cannot start any token
		{"in a block scalar", head + "steps:\n  - id: a\n    action: p/a\n    description: |\n      one\n\ttwo\n", 9, 1},
		{"in a nested mapping", head + "steps:\n  - id: 告警\n    with:\n      a: 1\n\t  b: 2\n", 8, 1},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, diags := Load("t.yaml", []byte(c.src))
			if len(diags) != 1 {
				t.Fatalf("want one diagnostic, got %v", diags)
			}
			d := diags[0]
			want := diag.Range{File: "t.yaml", Start: diag.Pos{Line: c.line, Column: c.col}, End: diag.Pos{Line: c.line, Column: c.col + 1}}
			if d.Message != tabMessage || d.Rule != diag.RuleSyntax || d.Range != want {
				t.Errorf("got %s %v, want %q at %v", d.Error(), d.Range, tabMessage, want)
			}
		})
	}
}

// Tabs YAML allows (inside a flow collection, in a value, after a comment) and errors that
// are not about tabs keep their own messages.
func TestTabErrorOnlyForTabs(t *testing.T) {
	for _, c := range []struct{ line, msg string }{
		{"  a: [1,\t2]", "did not find expected key"},
		{"\ta: 1", "mapping values are not allowed in this context"},
		{"  a: 1", "found character that cannot start any token"},
		{"  - x: y\t# c", "found character that cannot start any token"},
	} {
		if d, ok := tabError("f", 1, c.line, c.msg); ok {
			t.Errorf("tabError(%q, %q) = %s, want no tab diagnostic", c.line, c.msg, d.Error())
		}
	}
}
