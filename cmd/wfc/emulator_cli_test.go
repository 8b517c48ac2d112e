package main

import (
	"bytes"
	"strings"
	"testing"

	"github.com/wfc-dev/wfc/secmaster"
	"github.com/wfc-dev/wfc/secmaster/secmastertest"
)

// cliAgainst starts an emulator and returns it with a function that runs wfc in-process
// against it (its endpoint, ids and token in the environment), returning the exit code, stdout
// and stderr. For tests that need an exit code, which testscript cannot check.
func cliAgainst(t *testing.T) (*secmastertest.Server, func(args ...string) (code int, stdout, stderr string)) {
	t.Helper()
	srv := secmastertest.NewTestServer(secmastertest.Options{})
	t.Cleanup(srv.Close)
	vars := map[string]string{
		secmaster.EnvEndpoint: srv.URL, secmaster.EnvProjectID: srv.ProjectID(), secmaster.EnvWorkspaceID: srv.WorkspaceID(),
		secmaster.EnvAuthToken: secmastertest.DefaultToken,
	}
	return srv, func(args ...string) (int, string, string) {
		var stdout, stderr bytes.Buffer
		code := run(&env{stdin: strings.NewReader(""), stdout: &stdout, stderr: &stderr, getenv: func(k string) string { return vars[k] }}, args)
		return code, stdout.String(), stderr.String()
	}
}
