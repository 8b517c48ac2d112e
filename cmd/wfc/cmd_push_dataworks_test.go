package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/wfc-dev/wfc/config"
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

// TestDataWorksConfigPrecedence: the DataWorks workspace comes from the flags, then an explicit
// --target, then the environment (ALIBABA_CLOUD_REGION_ID, WFC_DATAWORKS_*), then the DataWorks
// default_target, as for SecMaster; the endpoint and region come from one source together; a
// SecMaster target is refused; no error repeats a credential (issue 10, client and push).
func TestDataWorksConfigPrecedence(t *testing.T) {
	cfg, diags := config.Parse("/p/wfc.yaml", []byte(`
default_target: [soc, dflt]
targets:
  soc: {region: cn-north-4, project_id: p, workspace_id: w}
  dflt: {platform: dataworks, region: cn-shanghai, project_id: "111"}
  prod: {platform: dataworks, region: cn-hangzhou, project_id: "222"}
  far: {platform: dataworks, endpoint: "https://dataworks.example.net", project_id: "333"}
`))
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	const secret = "KnownSecretValue-0123456789"
	envVars := map[string]string{dataworks.EnvAccessKeyID: "LTAI5tKnownKeyQ7xZ", dataworks.EnvAccessKeySecret: secret, dataworks.EnvRegion: "cn-beijing"}
	e := &env{getenv: func(k string) string { return envVars[k] }}
	got := map[string]string{}
	for name, flags := range map[string]remoteFlags{
		"env region before default target": {},
		"explicit target before env":       {target: "prod"},
		"flags before all":                 {target: "prod", endpoint: "http://127.0.0.1:9", projectID: "444"},
		"far endpoint only the file names": {target: "far"},
		"a SecMaster target":               {target: "soc"},
	} {
		cc, err := flags.dataWorksConfig(e, cfg)
		if err != nil {
			got[name] = "error: " + err.Error()
			continue
		}
		got[name] = cc.Endpoint + "|" + cc.Region + "|" + cc.ProjectID
	}
	want := map[string]string{
		"env region before default target": "|cn-beijing|111",
		"explicit target before env":       "|cn-hangzhou|222",
		"flags before all":                 "http://127.0.0.1:9||444",
		"far endpoint only the file names": `error: target "far" in wfc.yaml names the endpoint https://dataworks.example.net, which is not a DataWorks host (*.aliyuncs.com) or loopback; credentials go to such an endpoint only when you name it yourself: pass --endpoint https://dataworks.example.net or set WFC_DATAWORKS_ENDPOINT`,
		"a SecMaster target":               `error: target "soc" is a SecMaster target, not a DataWorks one (set platform: dataworks in /p/wfc.yaml to make it one)`,
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("dataWorksConfig (-want +got):\n%s", diff)
	}
	// Naming the file's endpoint in the environment is naming it yourself.
	envVars[dataworks.EnvEndpoint] = "https://dataworks.example.net"
	if cc, err := (&remoteFlags{target: "far"}).dataWorksConfig(e, cfg); err != nil || cc.Endpoint != "https://dataworks.example.net" {
		t.Errorf("the endpoint named in the environment too: %+v, %v", cc.Endpoint, err)
	}
	for _, v := range got {
		if strings.Contains(v, secret) {
			t.Errorf("an error repeats the secret: %s", v)
		}
	}
}
