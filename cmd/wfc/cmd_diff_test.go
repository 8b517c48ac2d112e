package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestDiffExitCodes pins the exit status of wfc diff to git diff --exit-code's: 0 the same,
// 1 different, 2 an error in either side or in the usage, whatever the other side is.
func TestDiffExitCodes(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{
		"a.yaml":    "wfc: 1\nname: A\ndescription: \"\"\nsteps:\n  - id: a\n    action: p/a\n",
		"same.yaml": "# only a comment and the layout differ\nwfc: 1\nname: A\ndescription: ''\nsteps: [{id: a, action: p/a}]\n",
		"b.yaml":    "wfc: 1\nname: A\ndescription: \"\"\nsteps:\n  - id: a\n    action: p/b\n",
		"bad.yaml":  "wfc: 1\nname: Bad\ndescription: \"\"\nsteps:\n  - id: a\n    action: p/a\n    next: nowhere\n",
	}
	for name, body := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	a, same, b, bad := filepath.Join(dir, "a.yaml"), filepath.Join(dir, "same.yaml"), filepath.Join(dir, "b.yaml"), filepath.Join(dir, "bad.yaml")
	missing := filepath.Join(dir, "missing.yaml")

	for _, c := range []struct {
		args   []string
		want   int
		stdout string // a line the output must hold
	}{
		{[]string{a, same}, exitOK, ""},
		{[]string{a, b}, exitProblems, `~ step a: action "p/a" → "p/b"`},
		{[]string{"--format", "json", a, b}, exitProblems, `"field": "action"`},
		{[]string{a, bad}, exitUsage, ""},
		{[]string{bad, a}, exitUsage, ""},
		{[]string{a, missing}, exitUsage, ""},
		{[]string{a}, exitUsage, ""},
		{[]string{"-", "-"}, exitUsage, ""},
		{[]string{"--format", "yaml", a, b}, exitUsage, ""},
	} {
		var stdout, stderr bytes.Buffer
		got := run(&env{stdin: strings.NewReader(""), stdout: &stdout, stderr: &stderr, getenv: func(string) string { return "" }},
			append([]string{"diff"}, c.args...))
		if got != c.want {
			t.Errorf("wfc diff %v = %d, want %d\nstderr: %s", c.args, got, c.want, stderr.String())
		}
		if !strings.Contains(stdout.String(), c.stdout) {
			t.Errorf("wfc diff %v printed %q, want it to hold %q", c.args, stdout.String(), c.stdout)
		}
		if got == exitUsage && stdout.Len() > 0 {
			t.Errorf("wfc diff %v failed but printed a diff: %q", c.args, stdout.String())
		}
	}
}
