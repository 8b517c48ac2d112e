package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/wfc-dev/wfc/lint"
)

func runLintIn(t *testing.T, dir string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	t.Chdir(dir)
	var out, errOut bytes.Buffer
	e := &env{stdin: strings.NewReader(""), stdout: &out, stderr: &errOut, getenv: func(string) string { return "" }}
	code = run(e, append([]string{"lint"}, args...))
	return code, out.String(), errOut.String()
}

func writeFiles(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, body := range files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

const (
	lintClean    = "wfc: 1\nname: C\ndescription: \"\"\nsteps:\n  - id: a\n    action: p/a\n"
	lintWarning  = "wfc: 1\nname: W\ndescription: \"\"\ninputs:\n  - name: spare\nsteps:\n  - id: a\n    action: p/a\n"
	lintError    = "wfc: 1\nname: E\ndescription: \"\"\nsteps:\n  - id: a\n    action: p/a\n    next: end\n  - id: b\n    action: p/b\n"
	lintBadRules = "lint:\n  rules:\n    unused-inputs: off\n"
)

// Exit codes are the contract CI relies on; testscript can only tell zero from non-zero.
func TestLintExitCodes(t *testing.T) {
	dir := writeFiles(t, map[string]string{
		"clean.yaml": lintClean, "warn.yaml": lintWarning, "error.yaml": lintError, "bad-rules.yaml": lintBadRules,
		"broken.bpmn": "<definitions>\n</process>\n",
	})
	for _, c := range []struct {
		args []string
		want int
	}{
		{[]string{"clean.yaml"}, exitOK},
		{[]string{"warn.yaml"}, exitOK},
		{[]string{"--max-warnings", "1", "warn.yaml"}, exitOK},
		{[]string{"--max-warnings", "0", "warn.yaml"}, exitProblems},
		{[]string{"error.yaml", "clean.yaml"}, exitProblems},
		{[]string{"broken.bpmn"}, exitProblems},
		{[]string{"--list-rules"}, exitOK},
		{[]string{}, exitUsage},
		{[]string{"--format", "xml", "clean.yaml"}, exitUsage},
		{[]string{"--bogus", "clean.yaml"}, exitUsage},
		{[]string{"missing.yaml"}, exitUsage},
		{[]string{"error.yaml", "missing.yaml"}, exitUsage}, // an I/O failure outranks problems
		{[]string{"--config", "bad-rules.yaml", "clean.yaml"}, exitUsage},
		{[]string{"--config", "missing-config.yaml", "clean.yaml"}, exitUsage},
	} {
		code, _, stderr := runLintIn(t, dir, c.args...)
		if code != c.want {
			t.Errorf("wfc lint %s: exit %d, want %d (stderr: %s)", strings.Join(c.args, " "), code, c.want, stderr)
		}
	}
}

func TestLintSARIF(t *testing.T) {
	dir := writeFiles(t, map[string]string{"error.yaml": lintError, "warn.yaml": lintWarning})
	code, stdout, _ := runLintIn(t, dir, "--format", "sarif", dir)
	if code != exitProblems {
		t.Errorf("exit %d, want %d", code, exitProblems)
	}
	var log struct {
		Version string `json:"version"`
		Runs    []struct {
			Tool struct {
				Driver struct {
					Rules []struct {
						ID string `json:"id"`
					} `json:"rules"`
				} `json:"driver"`
			} `json:"tool"`
			Results []struct {
				RuleID    string `json:"ruleId"`
				Locations []struct {
					PhysicalLocation struct {
						ArtifactLocation struct {
							URI string `json:"uri"`
						} `json:"artifactLocation"`
					} `json:"physicalLocation"`
				} `json:"locations"`
			} `json:"results"`
		} `json:"runs"`
	}
	if err := json.Unmarshal([]byte(stdout), &log); err != nil {
		t.Fatalf("SARIF output is not JSON: %v\n%s", err, stdout)
	}
	if log.Version != "2.1.0" || len(log.Runs) != 1 {
		t.Fatalf("version %q with %d runs, want 2.1.0 with one run", log.Version, len(log.Runs))
	}
	rules := map[string]bool{}
	for _, r := range log.Runs[0].Tool.Driver.Rules {
		rules[r.ID] = true
	}
	var got []string
	for _, r := range log.Runs[0].Results {
		if !rules[r.RuleID] {
			t.Errorf("result rule %q is not in the rule table", r.RuleID)
		}
		// Absolute inputs are made relative to the working directory, as code scanning wants.
		got = append(got, r.Locations[0].PhysicalLocation.ArtifactLocation.URI+" "+r.RuleID)
	}
	want := "error.yaml unreachable-step, warn.yaml unused-input"
	if strings.Join(got, ", ") != want {
		t.Errorf("results: got %s, want %s", strings.Join(got, ", "), want)
	}
}

func TestLintListRules(t *testing.T) {
	code, stdout, _ := runLintIn(t, t.TempDir(), "--list-rules")
	if code != exitOK {
		t.Fatalf("exit %d", code)
	}
	lines := strings.Split(strings.TrimSpace(stdout), "\n")
	if !strings.HasPrefix(lines[0], "RULE ") || len(lines) < 40 {
		t.Fatalf("want a header and every rule, got %d lines:\n%s", len(lines), stdout)
	}
	for _, want := range []string{"unused-input", "warning", "fake-join", "redundant-next"} {
		if !strings.Contains(stdout, want) {
			t.Errorf("missing %q", want)
		}
	}
	if f := strings.Fields(lineWith(lines, "redundant-next ")); len(f) < 3 || f[1] != "info" || f[2] != "no" {
		t.Errorf("redundant-next row: %v, want info, not recommended", f)
	}
}

func lineWith(lines []string, prefix string) string {
	for _, l := range lines {
		if strings.HasPrefix(l, prefix) {
			return l
		}
	}
	return ""
}

// --list-rules --format json is JSON with every rule, in registry order (issue 12).
func TestListRulesJSON(t *testing.T) {
	code, stdout, stderr := runLintIn(t, t.TempDir(), "--list-rules", "--format", "json")
	if code != exitOK || stderr != "" {
		t.Fatalf("exit %d, stderr %q", code, stderr)
	}
	var got []ruleListing
	if err := json.Unmarshal([]byte(stdout), &got); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, stdout)
	}
	rules := lint.Rules()
	if len(got) != len(rules) {
		t.Fatalf("%d rules listed, want %d", len(got), len(rules))
	}
	for i, r := range rules {
		want := ruleListing{ID: r.ID, Severity: r.Severity.String(), Recommended: r.Recommended, Summary: r.Summary, Doc: r.Doc, Target: r.Target}
		if got[i] != want {
			t.Errorf("rule %d = %+v, want %+v", i, got[i], want)
		}
	}
	if !strings.Contains(stdout, `"target": "dataworks"`) {
		t.Error("no rule is listed with target dataworks; cmd/wfc links the DataWorks rules")
	}
	if code, _, stderr := runLintIn(t, t.TempDir(), "--list-rules", "--format", "sarif"); code != exitUsage || !strings.Contains(stderr, "--list-rules prints text or json") {
		t.Errorf("--list-rules --format sarif: exit %d, stderr %q", code, stderr)
	}
}
