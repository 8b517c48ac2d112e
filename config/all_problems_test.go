package config

import (
	"strings"
	"testing"
)

// withKnownRules registers ids for the length of the test, as lint/driver does at init.
func withKnownRules(t *testing.T, ids ...string) {
	t.Helper()
	saved := knownRules
	t.Cleanup(func() { knownRules = saved })
	RegisterRuleIDs(func() []string { return ids })
}

// TestParseReportsEveryMistakeInOneRun: three different mistakes in wfc.yaml (an unknown key,
// an unknown rule id, an unknown severity) give three positioned diagnostics with their
// suggestions, in file order, from one Parse; before, the rule id showed only once the
// severity was fixed (issue 8, config item).
func TestParseReportsEveryMistakeInOneRun(t *testing.T) {
	withKnownRules(t, "fake-join", "unused-input")
	src := "lint:\n  rules:\n    unused-input: eror\n    fake-joim: off\n  extnds: all\n"
	_, diags := Parse("/p/wfc.yaml", []byte(src))
	want := []string{
		`/p/wfc.yaml:3:19: unknown severity "eror" for rule unused-input; did you mean "error"? Use error, warn (or warning), info or off [config]`,
		`/p/wfc.yaml:4:5: unknown rule "fake-joim" in lint.rules; did you mean "fake-join"? [config]`,
		`/p/wfc.yaml:5:3: unknown key "extnds" in lint; did you mean "extends"? [config]`,
	}
	var got []string
	for _, d := range diags {
		got = append(got, d.Error())
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("diagnostics:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// TestUnknownRuleReportedOnce: a rule id Parse already reported is not kept, so CheckRules
// (run on a valid config by the linter) does not report it a second time.
func TestUnknownRuleReportedOnce(t *testing.T) {
	withKnownRules(t, "fake-join")
	c, diags := Parse("/p/wfc.yaml", []byte("lint:\n  rules: { fake-joim: off, both-wrong: eror }\n"))
	if len(diags) != 3 {
		t.Fatalf("Parse: %d diagnostics, want 3 (two unknown ids, one severity):\n%v", len(diags), diags)
	}
	if again := c.CheckRules(knownRules()); len(again) != 0 {
		t.Errorf("CheckRules reported again: %v", again)
	}
}
