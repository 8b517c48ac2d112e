package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/wfc-dev/wfc/secmaster/secmastertest"
)

// TestPushUnknownOutcomeExitCode: a create whose outcome stays unknown exits with exitUnknown
// (3), sent once; once the version shows up, push exits 0 and creates nothing (issue 8, item 3).
func TestPushUnknownOutcomeExitCode(t *testing.T) {
	srv, run := cliAgainst(t)
	dir := t.TempDir()
	file := filepath.Join(dir, "a.yaml")
	src := "wfc: 1\nname: Close alert\ndescription: Close it.\ndataclass: dc\nsteps:\n  - id: close\n    name: Close it\n    action: secmaster/close_alert\n"
	for name, data := range map[string]string{"wfc.yaml": "", "a.yaml": src} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	wfc := func(args ...string) (int, string) {
		code, stdout, stderr := run(append([]string{"push", "--config", filepath.Join(dir, "wfc.yaml"), "--confirm-wait", "1ms"}, args...)...)
		return code, stdout + stderr
	}
	srv.Fail(secmastertest.RouteCreateWorkflow, secmastertest.Fault{Status: 503, Commit: true})
	srv.Fail(secmastertest.RouteCreateVersion, secmastertest.Fault{Status: 503, Commit: true})
	// The listing lags behind the create for push's own listing and both of its checks.
	srv.Fail(secmastertest.RouteListVersions, secmastertest.Fault{HideNewest: 1}, secmastertest.Fault{HideNewest: 1}, secmastertest.Fault{HideNewest: 1})
	if code, out := wfc("--create", file); code != exitUnknown || !strings.Contains(out, "whether it was created is unknown") {
		t.Fatalf("create with an unknown outcome: exit %d, output %s", code, out)
	}
	if code, out := wfc(file); code != exitOK || !strings.Contains(out, "version v1  unchanged") {
		t.Fatalf("push once the version shows: exit %d, output %s", code, out)
	}
	if n := len(srv.RequestsTo(secmastertest.RouteCreateVersion)); n != 1 {
		t.Errorf("%d creates, want 1", n)
	}
	if n := len(srv.RequestsTo(secmastertest.RouteCreateWorkflow)); n != 1 {
		t.Errorf("%d workflow creates, want 1", n)
	}
}
