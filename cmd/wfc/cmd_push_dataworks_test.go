package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/wfc-dev/wfc/dataworks"
	"github.com/wfc-dev/wfc/dataworks/dataworkstest"
)

// TestPushDataWorksExitCodes: a DataWorks import whose answer is lost, and which looking the
// workflow up does not find, exits with exitUnknown (3), sent once; a failed publish stage
// exits 1; pushing again resolves both, importing once (issue 10, push and publish).
func TestPushDataWorksExitCodes(t *testing.T) {
	srv := dataworkstest.NewTestServer(dataworkstest.Options{})
	t.Cleanup(srv.Close)
	dir := t.TempDir()
	src := "wfc: 1\ntarget: dataworks\nname: orders\ndescription: Load the orders.\nsteps:\n  - id: load\n    run: { command: DIDE_SHELL, code: \"echo load\" }\n"
	for name, data := range map[string]string{"wfc.yaml": "", "a.yaml": src} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	vars := map[string]string{dataworks.EnvEndpoint: srv.URL, dataworks.EnvProjectID: srv.ProjectID(),
		dataworks.EnvAccessKeyID: dataworkstest.DefaultAccessKeyID, dataworks.EnvAccessKeySecret: dataworkstest.DefaultAccessKeySecret}
	wfc := func(args ...string) (int, string) {
		var stdout, stderr bytes.Buffer
		e := &env{stdin: strings.NewReader(""), stdout: &stdout, stderr: &stderr, getenv: func(k string) string { return vars[k] }}
		code := run(e, append([]string{"push", "--config", filepath.Join(dir, "wfc.yaml"), "--confirm-wait", "0", "--poll-interval", "1ms"}, args...))
		return code, stdout.String() + stderr.String()
	}
	file := filepath.Join(dir, "a.yaml")

	srv.Fail(dataworkstest.ActionImportWorkflowDefinition, dataworkstest.Fault{Drop: true})
	if code, out := wfc(file); code != exitUnknown || !strings.Contains(out, "whether the import was applied is unknown") {
		t.Fatalf("import with a lost answer: exit %d, output %s", code, out)
	}
	srv.FailStage("PROD", "no quota left")
	if code, out := wfc("--publish", file); code != exitProblems || !strings.Contains(out, "at stage PROD (Deploy to production): no quota left") {
		t.Fatalf("publish with a failing stage: exit %d, output %s", code, out)
	}
	if code, out := wfc(file); code != exitOK || !strings.Contains(out, "  unchanged") {
		t.Fatalf("push again: exit %d, output %s", code, out)
	}
	if n := srv.Applied(dataworkstest.ActionImportWorkflowDefinition); n != 1 {
		t.Errorf("%d imports took effect, want 1", n)
	}
	if n := len(srv.RequestsTo(dataworkstest.ActionImportWorkflowDefinition)); n != 2 {
		t.Errorf("%d imports sent, want 2 (the lost one and the one after it)", n)
	}
}

// TestWorseExit: a mixed push exits with the code that tells most, whichever platform had it.
func TestWorseExit(t *testing.T) {
	for _, c := range []struct{ a, b, want int }{
		{exitOK, exitOK, exitOK}, {exitOK, exitProblems, exitProblems}, {exitProblems, exitOK, exitProblems},
		{exitUnknown, exitProblems, exitUnknown}, {exitProblems, exitUnknown, exitUnknown}, {exitUsage, exitProblems, exitUsage},
	} {
		if got := worseExit(c.a, c.b); got != c.want {
			t.Errorf("worseExit(%d, %d) = %d, want %d", c.a, c.b, got, c.want)
		}
	}
}
