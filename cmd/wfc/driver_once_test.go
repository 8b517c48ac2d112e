package main

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/wfc-dev/wfc/lint/driver"
	"github.com/wfc-dev/wfc/secmaster/secmastertest"
	"github.com/wfc-dev/wfc/target"
)

// countDriverCalls replaces the driver with one that counts its calls per file and what they
// asked for, for the length of the test.
func countDriverCalls(t *testing.T) (calls map[string]int, linted map[string]bool) {
	t.Helper()
	calls, linted = map[string]int{}, map[string]bool{}
	t.Cleanup(func() { compileWorkflow = driver.Workflow })
	compileWorkflow = func(path string, src []byte, opts driver.Options) *target.Unit {
		calls[filepath.Base(path)]++
		linted[filepath.Base(path)] = opts.Lint
		return driver.Workflow(path, src, opts)
	}
	return calls, linted
}

// TestPackageAndPushLoadEachFileOnce: `wfc package` and `wfc push` lint and compile a file in
// one driver call (load, resolve, compile, lint), not a lint pass and then a second load and
// compile (issue 9, item 4).
func TestPackageAndPushLoadEachFileOnce(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{
		"wfc.yaml": "",
		"a.yaml":   "wfc: 1\nname: Close alert\ndescription: Close it.\ndataclass: dc\nsteps:\n  - id: close\n    name: Close it\n    action: secmaster/close_alert\n",
		"b.yaml":   "wfc: 1\nname: Close again\ndescription: Close it.\ndataclass: dc\nsteps:\n  - id: close\n    name: Close it\n    action: secmaster/close_alert\n",
	}
	for name, data := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	srv, run := cliAgainst(t)
	for _, args := range [][]string{
		{"package", "--config", filepath.Join(dir, "wfc.yaml"), "-o", filepath.Join(dir, "out.json"), dir},
		{"push", "--config", filepath.Join(dir, "wfc.yaml"), "--create", dir},
	} {
		calls, linted := countDriverCalls(t)
		if code, stdout, stderr := run(args...); code != exitOK {
			t.Fatalf("wfc %s: exit %d\n%s%s", args[0], code, stdout, stderr)
		}
		for _, f := range []string{"a.yaml", "b.yaml"} {
			if calls[f] != 1 || !linted[f] {
				t.Errorf("wfc %s: %s went through the driver %d times (linted: %v), want once, linted", args[0], f, calls[f], linted[f])
			}
		}
		if len(calls) != 2 {
			t.Errorf("wfc %s: the driver read %v, want a.yaml and b.yaml", args[0], calls)
		}
	}
	if n := len(srv.RequestsTo(secmastertest.RouteCreateVersion)); n != 2 {
		t.Errorf("push created %d versions, want 2", n)
	}
	if _, err := os.Stat(filepath.Join(dir, "out.json")); err != nil {
		t.Errorf("package wrote no file: %v", err)
	}
}
