package main

import (
	"flag"
	"io"
	"reflect"
	"strings"
	"testing"

	"github.com/wfc-dev/wfc/catalog"
	"github.com/wfc-dev/wfc/config"
)

func TestParseInterspersed(t *testing.T) {
	fs := flag.NewFlagSet("t", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	dry := fs.Bool("dry-run", false, "")
	target := fs.String("target", "", "")
	got, err := parseInterspersed(fs, []string{"a.yaml", "--dry-run", "dir", "--target", "prod", "--", "--odd.yaml"})
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{"a.yaml", "dir", "--odd.yaml"}; !reflect.DeepEqual(got, want) || !*dry || *target != "prod" {
		t.Fatalf("args %q dry %v target %q", got, *dry, *target)
	}
}

func TestParseActionInput(t *testing.T) {
	got, err := parseActionInput(`[{"name":"ip","type":"String","required":true},{"name":"why","required":"false"},{"name":"n","required":"TRUE"}]`)
	if err != nil {
		t.Fatal(err)
	}
	want := []*catalog.Input{{Name: "ip", Type: "String", Required: true}, {Name: "why"}, {Name: "n", Required: true}}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("got %+v", got)
	}
	for _, bad := range []string{`{"name":"x"}`, `[{"type":"String"}]`, `[{"name":"x","required":"maybe"}]`} {
		if _, err := parseActionInput(bad); err == nil {
			t.Errorf("%s: no error", bad)
		}
	}
	if in, err := parseActionInput("  "); err != nil || in != nil {
		t.Errorf("empty action_input: %v %v", in, err)
	}
}

// TestClientConfigPrecedence: flag, then an explicit --target, then the environment, then
// default_target; the endpoint and region come from one source together.
func TestClientConfigPrecedence(t *testing.T) {
	cfg, diags := config.Parse("/p/wfc.yaml", []byte(`
default_target: dflt
targets:
  dflt: {region: cn-north-1, project_id: P-dflt, workspace_id: W-dflt}
  prod: {region: cn-north-4, project_id: P-prod, workspace_id: W-prod}
`))
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	envVars := map[string]string{"HUAWEICLOUD_SDK_AUTH_TOKEN": "tok", "WFC_SECMASTER_ENDPOINT": "http://127.0.0.1:1", "HUAWEICLOUD_SDK_PROJECT_ID": "P-env"}
	e := &env{getenv: func(k string) string { return envVars[k] }}
	for _, tc := range []struct {
		name             string
		flags            remoteFlags
		endpoint, region string
		project, ws      string
	}{
		{"env before default target", remoteFlags{}, "http://127.0.0.1:1", "", "P-env", "W-dflt"},
		{"explicit target before env", remoteFlags{target: "prod"}, "", "cn-north-4", "P-prod", "W-prod"},
		{"flags before all", remoteFlags{target: "prod", region: "ap-southeast-1", workspaceID: "W-flag"}, "", "ap-southeast-1", "P-prod", "W-flag"},
	} {
		got, err := tc.flags.clientConfig(e, cfg)
		if err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		if got.Endpoint != tc.endpoint || got.Region != tc.region || got.ProjectID != tc.project || got.WorkspaceID != tc.ws {
			t.Errorf("%s: got %s|%s|%s|%s", tc.name, got.Endpoint, got.Region, got.ProjectID, got.WorkspaceID)
		}
	}
	delete(envVars, "HUAWEICLOUD_SDK_AUTH_TOKEN")
	if _, err := (&remoteFlags{}).clientConfig(e, cfg); err == nil || !strings.Contains(err.Error(), "no credentials") {
		t.Errorf("no credentials: %v", err)
	}
}

// TestEndpointFromFileNeedsTrust: an endpoint only wfc.yaml names gets no credentials unless it
// is a SecMaster host or loopback; the same endpoint from --endpoint or the environment is the
// user's own choice and is used (issue 8, item 4).
func TestEndpointFromFileNeedsTrust(t *testing.T) {
	cfg, diags := config.Parse("/p/wfc.yaml", []byte(`
default_target: ci
targets:
  ci: {endpoint: "https://collector.example.net", region: cn-north-4, project_id: P, workspace_id: W}
  official: {endpoint: "https://secmaster.cn-north-4.myhuaweicloud.com", region: cn-north-4, project_id: P, workspace_id: W}
  local: {endpoint: "http://127.0.0.1:8787", region: cn-north-4, project_id: P, workspace_id: W}
`))
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	envVars := map[string]string{"HUAWEICLOUD_SDK_AUTH_TOKEN": "tok"}
	e := &env{getenv: func(k string) string { return envVars[k] }}
	for _, tc := range []struct {
		name    string
		flags   remoteFlags
		env     string // WFC_SECMASTER_ENDPOINT
		wantErr string // empty: accepted
	}{
		{"default target names another host", remoteFlags{}, "", `target "ci" in wfc.yaml names the endpoint https://collector.example.net, which is not a SecMaster host (*.myhuaweicloud.com) or loopback; credentials go to such an endpoint only when you name it yourself: pass --endpoint https://collector.example.net or set WFC_SECMASTER_ENDPOINT`},
		{"explicit target names another host", remoteFlags{target: "ci"}, "", `target "ci" in wfc.yaml names the endpoint https://collector.example.net`},
		{"the flag names it", remoteFlags{endpoint: "https://collector.example.net"}, "", ""},
		{"the environment names it", remoteFlags{target: "ci"}, "https://collector.example.net/", ""},
		{"the environment names another", remoteFlags{target: "ci"}, "https://other.example.net", `names the endpoint https://collector.example.net`},
		{"official host", remoteFlags{target: "official"}, "", ""},
		{"loopback", remoteFlags{target: "local"}, "", ""},
	} {
		envVars["WFC_SECMASTER_ENDPOINT"] = tc.env
		got, err := tc.flags.clientConfig(e, cfg)
		switch {
		case tc.wantErr == "" && err != nil:
			t.Errorf("%s: %v", tc.name, err)
		case tc.wantErr == "" && got.Endpoint == "":
			t.Errorf("%s: no endpoint chosen", tc.name)
		case tc.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tc.wantErr)):
			t.Errorf("%s: err = %v, want %q", tc.name, err, tc.wantErr)
		}
	}
}
