package config

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/wfc-dev/wfc/diag"
)

const mixedConfig = `targets:
  soc: { region: cn-north-4, project_id: p123, workspace_id: w456 }
  etl: { platform: dataworks, region: cn-hangzhou, project_id: "10000" }
  etl-dev: { platform: dataworks, project_id: "20000", endpoint: http://127.0.0.1:8787 }
default_target: [soc, etl]
`

// A DataWorks target has a platform, a region or endpoint and a numeric project id, and
// default_target may name one target per platform (issue 10, push and publish).
func TestDataWorksTargets(t *testing.T) {
	c, diags := Parse("wfc.yaml", []byte(mixedConfig))
	if len(diags) != 0 {
		t.Fatalf("unexpected diagnostics:\n%v", diags)
	}
	etl := c.Targets["etl"]
	etl.Range = diag.Range{}
	if want := (Target{Name: "etl", Platform: PlatformDataWorks, Region: "cn-hangzhou", ProjectID: "10000"}); etl != want {
		t.Errorf("etl = %+v, want %+v", etl, want)
	}
	if c.DefaultTarget != "soc" || c.DefaultTargetFor(PlatformDataWorks) != "etl" {
		t.Errorf("defaults: SecMaster %q, DataWorks %q; want soc, etl", c.DefaultTarget, c.DefaultTargetFor(PlatformDataWorks))
	}
	got := map[string]string{}
	for _, q := range []struct{ name, platform string }{
		{"", PlatformSecMaster}, {"", PlatformDataWorks}, {"etl-dev", PlatformDataWorks},
		{"soc", PlatformDataWorks}, {"etl", PlatformSecMaster},
	} {
		tg, err := c.TargetFor(q.name, q.platform)
		key := q.name + "/" + q.platform
		if err != nil {
			got[key] = "error: " + err.Error()
		} else {
			got[key] = tg.Name
		}
	}
	want := map[string]string{
		"/secmaster":        "soc",
		"/dataworks":        "etl",
		"etl-dev/dataworks": "etl-dev",
		"soc/dataworks":     `error: target "soc" is a SecMaster target, not a DataWorks one (set platform: dataworks in wfc.yaml to make it one)`,
		"etl/secmaster":     `error: target "etl" is a DataWorks target, not a SecMaster one (set platform: secmaster in wfc.yaml to make it one)`,
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("TargetFor (-want +got):\n%s", diff)
	}
}

func TestDataWorksTargetWithoutDefault(t *testing.T) {
	c, diags := Parse("wfc.yaml", []byte("targets:\n  soc: { region: r, project_id: p, workspace_id: w }\n  etl: { platform: dataworks, region: cn-hangzhou, project_id: \"1\" }\ndefault_target: soc\n"))
	if len(diags) != 0 {
		t.Fatal(diags)
	}
	_, err := c.TargetFor("", PlatformDataWorks)
	if want := "no DataWorks target chosen; pass --target NAME or name one in default_target in wfc.yaml (targets: etl)"; err == nil || err.Error() != want {
		t.Errorf("error = %v, want %q", err, want)
	}
}

func TestDataWorksTargetErrors(t *testing.T) {
	cases := []struct{ name, src string }{
		{"no project id", "targets:\n  etl: { platform: dataworks, region: cn-hangzhou }\n"},
		{"project id not a number", "targets:\n  etl: { platform: dataworks, region: cn-hangzhou, project_id: p-1 }\n"},
		{"no region or endpoint", "targets:\n  etl: { platform: dataworks, project_id: \"1\" }\n"},
		{"workspace id", "targets:\n  etl: { platform: dataworks, region: r, project_id: \"1\", workspace_id: w }\n"},
		{"unknown platform", "targets:\n  etl: { platform: datawork, region: r, project_id: \"1\" }\n"},
		{"bad endpoint", "targets:\n  etl: { endpoint: dataworks.example, platform: dataworks, project_id: \"1\" }\n"},
		{"endpoint with password", "targets:\n  etl: { platform: dataworks, project_id: \"1\", endpoint: 'https://u:pw@h' }\n"},
		{"two defaults of a platform", "targets:\n  a: { platform: dataworks, region: r, project_id: \"1\" }\n  b: { platform: dataworks, region: r, project_id: \"2\" }\ndefault_target: [a, b]\n"},
		{"unknown default in a list", "targets:\n  etl: { platform: dataworks, region: r, project_id: \"1\" }\ndefault_target: [etl, sco]\n"},
	}
	want := map[string]string{
		"no project id":              `wfc.yaml:2:3: target etl has no project_id; add the DataWorks workspace id (a number, e.g. "10000") [config]`,
		"project id not a number":    `wfc.yaml:2:64: target etl project_id "p-1" is not a DataWorks workspace id: it is a number, e.g. "10000" [config]`,
		"no region or endpoint":      `wfc.yaml:2:3: target etl has no region; add the region of the DataWorks workspace, e.g. cn-hangzhou (or an endpoint) [config]`,
		"workspace id":               `wfc.yaml:2:59: target etl is a DataWorks target, which has no workspace_id: the DataWorks workspace is its project_id [config]`,
		"unknown platform":           `wfc.yaml:2:20: target etl platform "datawork" is unknown; use secmaster or dataworks; did you mean "dataworks"? [config]`,
		"bad endpoint":               `wfc.yaml:2:20: target etl endpoint "dataworks.example" is not an http(s) URL; write it like https://dataworks.cn-hangzhou.aliyuncs.com [config]`,
		"endpoint with password":     `wfc.yaml:2:58: target etl endpoint must not carry a user or password; credentials come from ALIBABA_CLOUD_ACCESS_KEY_ID / ALIBABA_CLOUD_ACCESS_KEY_SECRET (+ ALIBABA_CLOUD_SECURITY_TOKEN) [config]`,
		"two defaults of a platform": `wfc.yaml:4:21: default_target names two DataWorks targets, a and b; keep one per platform [config]`,
		"unknown default in a list":  `wfc.yaml:3:23: default_target "sco" is not defined under targets [config]`,
	}
	got := map[string]string{}
	for _, c := range cases {
		_, diags := Parse("wfc.yaml", []byte(c.src))
		var lines []string
		for _, d := range diags {
			lines = append(lines, d.Error())
		}
		got[c.name] = strings.Join(lines, "\n")
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("diagnostics (-want +got):\n%s", diff)
	}
}

// The error about a credential in the config names where each platform's credentials go.
func TestCredentialErrorNamesBothPlatforms(t *testing.T) {
	_, diags := Parse("wfc.yaml", []byte("targets:\n  etl: { platform: dataworks, region: r, project_id: \"1\", access_key_secret: x }\n"))
	if len(diags) != 1 || !strings.Contains(diags[0].Message, "ALIBABA_CLOUD_ACCESS_KEY_ID") || !strings.Contains(diags[0].Message, "HUAWEICLOUD_SDK_AK") {
		t.Errorf("diagnostics = %v, want one naming both platforms' variables", diags)
	}
}
