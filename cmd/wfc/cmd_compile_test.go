package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestCompileExitCodes pins the exit status contract of wfc compile: 0 when everything
// compiled, 1 when a workflow has errors, 2 for usage and I/O failures, and the worst wins
// when several files are given.
func TestCompileExitCodes(t *testing.T) {
	dir := t.TempDir()
	write := func(name, body string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	good := write("good.yaml", "wfc: 1\nname: Good\ndescription: \"\"\nsteps:\n  - id: a\n    action: p/a\n")
	bad := write("bad.yaml", "wfc: 1\nname: Bad\ndescription: \"\"\nsteps:\n  - id: a\n    action: p/a\n    next: nowhere\n")
	missing := filepath.Join(dir, "missing.yaml")

	for _, c := range []struct {
		args []string
		want int
	}{
		{[]string{good}, exitOK},
		{[]string{bad}, exitProblems},
		{[]string{good, bad}, exitProblems},
		{[]string{missing}, exitUsage},
		{[]string{bad, missing, good}, exitUsage},
		{[]string{"--emit", "nope", good}, exitUsage},
		{[]string{}, exitUsage},
		{[]string{"-o", good, good, bad}, exitUsage}, // -o is a file but there are two inputs
	} {
		var stdout, stderr bytes.Buffer
		got := run(&env{stdin: strings.NewReader(""), stdout: &stdout, stderr: &stderr, getenv: os.Getenv},
			append([]string{"compile"}, c.args...))
		if got != c.want {
			t.Errorf("wfc compile %v = %d, want %d\nstderr: %s", c.args, got, c.want, stderr.String())
		}
	}
}

// TestCompileStdin reads a workflow from standard input for "-".
func TestCompileStdin(t *testing.T) {
	var stdout, stderr bytes.Buffer
	src := "wfc: 1\nname: From stdin\ndescription: \"\"\nsteps:\n  - id: a\n    action: p/a\n"
	code := run(&env{stdin: strings.NewReader(src), stdout: &stdout, stderr: &stderr, getenv: os.Getenv}, []string{"compile", "-"})
	if code != exitOK || !strings.Contains(stdout.String(), `"name": "From stdin"`) {
		t.Errorf("exit %d, stdout %q, stderr %q", code, stdout.String(), stderr.String())
	}
}
