package main

import (
	"bytes"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/wfc-dev/wfc/diff"
	"github.com/wfc-dev/wfc/render"
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

// TestStepMarks colours every BPMN node compiled from a changed step (a parallel's fork and
// join gateways both) and from an added one, and no flow and no unchanged step.
func TestStepMarks(t *testing.T) {
	dir := t.TempDir()
	const head = "wfc: 1\nname: M\ndescription: \"\"\nsteps:\n  - id: first\n    action: p/a\n"
	old := head + "  - id: fan\n    parallel:\n      - steps: [{id: one, action: p/one}]\n      - steps: [{id: two, action: p/two}]\n"
	new := head + "  - id: fan\n    parallel:\n      - steps: [{id: one, action: p/one}]\n      - steps: [{id: two, action: p/two}]\n      - steps: [{id: three, action: p/three}]\n"
	var sides [2]diffSide
	for i, src := range []string{old, new} {
		path := filepath.Join(dir, []string{"old.yaml", "new.yaml"}[i])
		if err := os.WriteFile(path, []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
		var stderr bytes.Buffer
		side, ok := loadDiffSide(&env{stderr: &stderr, getenv: func(string) string { return "" }}, path)
		if !ok {
			t.Fatalf("%s does not load: %s", path, stderr.String())
		}
		sides[i] = side
	}
	marks := stepMarks(sides[1], diff.Programs(sides[0].prog, sides[1].prog))
	names := map[render.Mark]string{render.Added: "added", render.Removed: "removed", render.Changed: "changed"}
	got := map[string][]string{} // mark → "type name" of each marked element, sorted
	for id, m := range marks {
		el := sides[1].defs.ByID[id]
		got[names[m]] = append(got[names[m]], el.Type+" "+el.Name)
	}
	for _, v := range got {
		sort.Strings(v)
	}
	want := map[string][]string{
		"added":   {"ServiceTask three"},
		"changed": {"ParallelGateway ", "ParallelGateway fan"}, // the join has no name
	}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("marked elements differ (-want +got):\n%s", d)
	}
}
