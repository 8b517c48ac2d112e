//go:build unix

package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// Every writer (compile -o directly, package, export and catalog pull through writeOutputFile)
// creates files with 0666 less the umask and keeps an existing file's mode. Not parallel: the
// umask is the process's.
func TestOutputFilesHonourUmaskAndKeepMode(t *testing.T) {
	old := syscall.Umask(0o027)
	defer syscall.Umask(old)
	dir := t.TempDir()
	wf := filepath.Join(dir, "flow.yaml")
	if err := os.WriteFile(wf, []byte("wfc: 1\nname: F\ndescription: \"\"\nsteps:\n  - id: a\n    action: p/a\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	private := filepath.Join(dir, "private.json")
	if err := os.WriteFile(private, []byte("old"), 0o600); err != nil {
		t.Fatal(err)
	}
	compile := func(out string) {
		t.Helper()
		var stderr bytes.Buffer
		e := &env{stdin: strings.NewReader(""), stdout: &bytes.Buffer{}, stderr: &stderr, getenv: os.Getenv}
		if code := run(e, []string{"compile", "-o", out, wf}); code != exitOK {
			t.Fatalf("compile -o %s = %d: %s", out, code, stderr.String())
		}
	}
	compile(filepath.Join(dir, "new.json"))
	compile(private)
	nested := filepath.Join(dir, "sub", "export.json")
	if err := writeOutputFile(nested, []byte("{}")); err != nil {
		t.Fatal(err)
	}
	for path, want := range map[string]os.FileMode{
		filepath.Join(dir, "new.json"): 0o640,
		private:                        0o600,
		nested:                         0o640,
		filepath.Dir(nested):           0o750,
	} {
		st, err := os.Stat(path)
		if err != nil {
			t.Fatal(err)
		}
		if st.Mode().Perm() != want {
			t.Errorf("%s: mode %v, want %v", filepath.Base(path), st.Mode().Perm(), want)
		}
	}
}
