package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/wfc-dev/wfc/secmaster"
	"github.com/wfc-dev/wfc/secmaster/secmastertest"
)

// TestInstanceUnknownOutcomeExitCode: an instance command whose outcome is unknown exits with
// exitUnknown (3), sent once; one whose effect reads back exits 0; a refused one exits 1
// (issue 8, item 2).
func TestInstanceUnknownOutcomeExitCode(t *testing.T) {
	srv, run := cliAgainst(t)
	failed := srv.SeedInstance(secmaster.Instance{Name: "a", Status: secmaster.InstanceFailed})
	cfgPath := filepath.Join(t.TempDir(), "wfc.yaml")
	if err := os.WriteFile(cfgPath, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	wfc := func(args ...string) (int, string) {
		code, _, stderr := run(append([]string{"instance"}, append(args, "--config", cfgPath)...)...)
		return code, stderr
	}
	srv.Fail(secmastertest.RouteUpdateInstance, secmastertest.Fault{Status: 502})
	if code, stderr := wfc("retry", failed); code != exitUnknown || !strings.Contains(stderr, "the outcome is unknown") {
		t.Fatalf("retry after a 502: exit %d, stderr %s", code, stderr)
	}
	if n := len(srv.RequestsTo(secmastertest.RouteUpdateInstance)); n != 1 {
		t.Fatalf("retry sent %d times, want 1", n)
	}
	// A 502 after the server applied it: the retry count read back proves it.
	srv.Fail(secmastertest.RouteUpdateInstance, secmastertest.Fault{Status: 502, Commit: true})
	if code, stderr := wfc("retry", failed); code != exitOK {
		t.Fatalf("retry confirmed by reading back: exit %d, stderr %s", code, stderr)
	}
	// Now RETRYING: a further retry is refused by the server, a plain failure.
	if code, stderr := wfc("retry", failed); code != exitProblems || !strings.HasPrefix(stderr, "wfc: retry instance: HTTP 400 ") {
		t.Fatalf("refused retry: exit %d, stderr %s", code, stderr)
	}
	if n := len(srv.RequestsTo(secmastertest.RouteUpdateInstance)); n != 3 {
		t.Fatalf("%d retries sent, want 3 (one per command)", n)
	}
}

// TestExplainRemoteAdvisesOnce: an ambiguous error already says to read the state back; the
// CLI does not add a second piece of the same advice.
func TestExplainRemoteAdvisesOnce(t *testing.T) {
	srv := secmastertest.NewTestServer(secmastertest.Options{})
	defer srv.Close()
	c, err := secmaster.New(secmaster.Config{Endpoint: srv.URL, ProjectID: srv.ProjectID(), WorkspaceID: srv.WorkspaceID(),
		Credentials: secmaster.Credentials{Token: secmastertest.DefaultToken}})
	if err != nil {
		t.Fatal(err)
	}
	id := srv.SeedInstance(secmaster.Instance{Name: "a", Status: secmaster.InstanceFailed})
	srv.Fail(secmastertest.RouteUpdateInstance, secmastertest.Fault{Status: 500, Body: `{"code":"SecMaster.1","message":"down"}`})
	err = c.RetryInstance(context.Background(), id)
	want := "retry instance: HTTP 500 SecMaster.1: down (request id 00000000-0000-4000-9000-000000000001)" + secmaster.AmbiguousAdvice
	if got := explainRemote(err); got != want {
		t.Fatalf("explainRemote = %q\nwant            %q", got, want)
	}
}
