package driver

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/wfc-dev/wfc/config"
	"github.com/wfc-dev/wfc/diag"
	"github.com/wfc-dev/wfc/lint"
)

func parseConfig(t *testing.T, body string) *config.Config {
	t.Helper()
	dir := t.TempDir()
	path := filepath.Join(dir, "wfc.yaml")
	if err := os.WriteFile(path, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
	c, diags := config.Load(path)
	if diags.HasErrors() {
		t.Fatalf("config: %v", diags)
	}
	return c
}

func TestSettingsFromConfig(t *testing.T) {
	c := parseConfig(t, "lint:\n  extends: all\n  rules:\n    unused-input: off\n    switch-default: error\n")
	s, diags := Settings(c)
	if len(diags) != 0 {
		t.Fatalf("unexpected diagnostics: %v", diags)
	}
	if s.Extends != lint.All || s.Rules["unused-input"] != lint.Off || s.Rules["switch-default"] != diag.Error {
		t.Errorf("got %+v", s)
	}
	got := summarize(mustFile(t, "p.yaml", readTestdata(t, "problems.yaml"), s))
	if strings.Contains(got, "unused-input") || !strings.Contains(got, "error switch-default") {
		t.Errorf("settings not applied:\n%s", got)
	}

	if s, _ := Settings(config.Default(".")); s.Extends != lint.Recommended || len(s.Rules) != 0 {
		t.Errorf("default config: got %+v, want recommended and no overrides", s)
	}
}

// TestSettingsUnknownRuleAndMissingCatalog: the rule ids registered at init make config.Load
// report an unknown one with the file's other problems; a missing catalog is reported by Settings.
func TestSettingsUnknownRuleAndMissingCatalog(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "wfc.yaml")
	if err := os.WriteFile(path, []byte("lint:\n  catalog: nowhere.json\n  rules:\n    unused-inputs: warn\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, diags := config.Load(path); len(diags) != 1 ||
		!strings.HasSuffix(diags[0].Error(), `wfc.yaml:4:5: unknown rule "unused-inputs" in lint.rules; did you mean "unused-input"? [config]`) {
		t.Errorf("config.Load: got %v, want the unknown rule", diags)
	}

	_, diags := Settings(parseConfig(t, "lint:\n  catalog: nowhere.json\n"))
	if len(diags) != 1 || diags[0].Severity != diag.Error || diags[0].Rule != config.Rule {
		t.Fatalf("got %v, want one config error", diags)
	}
	for _, want := range []string{"lint.catalog:", "wfc catalog pull"} {
		if !strings.Contains(diags[0].Error(), want) {
			t.Errorf("missing %q in: %s", want, diags[0].Error())
		}
	}
}
