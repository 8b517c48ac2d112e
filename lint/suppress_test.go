package lint

import (
	"strings"
	"testing"

	"github.com/wfc-dev/wfc/diag"
)

func at(line, col int, rule string) diag.Diagnostic {
	return diag.Errorf(diag.Range{File: "wf.yaml", Start: diag.Pos{Line: line, Column: col}}, rule, "problem")
}

func TestSuppressions(t *testing.T) {
	src := strings.Join([]string{
		"# wfc-disable secret-in-with", // 1: file-wide, used
		"steps:",                       // 2
		"  # wfc-disable-next-line switch-default", // 3: used by line 4
		"  - id: a", // 4
		"    name: 'not # wfc-disable-next-line x'",              // 5: inside quotes, not a directive
		"  # wfc-disable-next-line label-required, no-such-rule", // 6: label-required unused; unknown rule
		"  - id: b",                                // 7
		"  # wfc-disable-next-line",                // 8: silences everything on line 9
		"  - id: c",                                // 9
		"  - id: d # wfc-disable-line fake-join",   // 10: silences its own line
		"  # wfc-disable-nextline fake-join",       // 11: unknown directive, silences nothing
		"  - id: e",                                // 12
		"  # wfc-disable-next-line switch-defualt", // 13: unknown rule, with a did-you-mean
		"  - id: f",                                // 14
	}, "\n")
	sups := parseSuppressions([]byte(src))
	if len(sups) != 7 {
		t.Fatalf("found %d directives, want 7 (a '#' inside quotes is not a comment)", len(sups))
	}
	in := diag.List{
		at(4, 5, "switch-default"),  // silenced by line 3
		at(4, 5, "fake-join"),       // not named on line 3: kept
		at(20, 1, "secret-in-with"), // silenced file-wide
		at(9, 3, "anything"),        // silenced by the bare directive on line 8
		at(7, 3, "other"),           // kept
		at(10, 9, "fake-join"),      // silenced by its own trailing directive
		at(12, 9, "fake-join"),      // kept: the directive above is unknown
		at(14, 9, "switch-default"), // kept: the directive names another id
	}
	ids := []string{"secret-in-with", "switch-default", "fake-join", "label-required", "anything", "other"}
	got := applySuppressions("wf.yaml", sups, in, ids)
	got.Sort()
	var lines []string
	for _, d := range got {
		lines = append(lines, d.Error())
	}
	want := []string{
		"wf.yaml:4:5: problem [fake-join]",
		`wf.yaml:6:3: suppression of label-required silences nothing; remove it [unused-suppression]`,
		`wf.yaml:6:3: unknown rule "no-such-rule" in suppression; run 'wfc lint --list-rules' for the list [unused-suppression]`,
		"wf.yaml:7:3: problem [other]",
		`wf.yaml:11:3: unknown directive "wfc-disable-nextline" silences nothing: wfc knows wfc-disable-next-line, wfc-disable-line and wfc-disable; did you mean "wfc-disable-next-line"? [unused-suppression]`,
		"wf.yaml:12:9: problem [fake-join]",
		`wf.yaml:13:3: unknown rule "switch-defualt" in suppression; did you mean "switch-default"? [unused-suppression]`,
		"wf.yaml:14:9: problem [switch-default]",
	}
	if strings.Join(lines, "\n") != strings.Join(want, "\n") {
		t.Fatalf("got:\n%s\nwant:\n%s", strings.Join(lines, "\n"), strings.Join(want, "\n"))
	}
}

func TestCommentStart(t *testing.T) {
	for line, want := range map[string]int{
		"# c":                0,
		"a: b # c":           5,
		"a: b#c":             -1,
		`a: "x # y" # z`:     11,
		`a: 'it''s' # z`:     11,
		"url: http://x#frag": -1,
	} {
		if got := commentStart([]byte(line)); got != want {
			t.Errorf("commentStart(%q) = %d, want %d", line, got, want)
		}
	}
}
