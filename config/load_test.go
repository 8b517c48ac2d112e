package config

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/wfc-dev/wfc/diag"
	"github.com/wfc-dev/wfc/internal/readlimit"
)

const fullConfig = `# a complete config
lint:
  extends: all
  rules: { fake-join: off, secret-in-with: error, label-required: warn, superfluous-label: warning, style: info }
  catalog: ci/catalog.json
targets:
  prod: { region: cn-north-4, project_id: p123, workspace_id: w456 }
  dev:
    region: cn-south-1
    project_id: "0042"
    workspace_id: w1
    endpoint: http://127.0.0.1:8080
workflows:
  workflows/block-ip.yaml: 0f3b9a
  ./workflows/../notify.yaml: { name: Notify on-call }
  sub\win.yaml: { id: abc }
default_target: prod
`

func TestParseFullConfig(t *testing.T) {
	dir := t.TempDir()
	c, diags := Parse(filepath.Join(dir, FileName), []byte(fullConfig))
	if len(diags) != 0 {
		t.Fatalf("unexpected diagnostics:\n%v", diags)
	}
	if c.Lint.Extends != PresetAll || c.DefaultTarget != "prod" || c.Dir != dir {
		t.Errorf("extends %q, default_target %q, dir %q", c.Lint.Extends, c.DefaultTarget, c.Dir)
	}
	if want := filepath.Join(dir, "ci", "catalog.json"); c.Lint.Catalog != want {
		t.Errorf("catalog = %q, want %q", c.Lint.Catalog, want)
	}
	got := map[string]string{}
	for _, id := range c.Lint.RuleIDs() {
		s := c.Lint.Rules[id]
		got[id] = s.Severity.String()
		if s.Off {
			got[id] = "off"
		}
	}
	want := map[string]string{"fake-join": "off", "secret-in-with": "error", "label-required": "warning", "superfluous-label": "warning", "style": "info"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("rules (-want +got):\n%s", diff)
	}
	if r := c.Lint.Rules["secret-in-with"].Range; r.Start != (diag.Pos{Line: 4, Column: 28}) || r.End != (diag.Pos{Line: 4, Column: 42}) {
		t.Errorf("secret-in-with range = %+v", r)
	}
	if diff := cmp.Diff([]string{"dev", "prod"}, c.TargetNames()); diff != "" {
		t.Errorf("target names (-want +got):\n%s", diff)
	}
	dev := c.Targets["dev"]
	dev.Range = diag.Range{}
	if want := (Target{Name: "dev", Platform: PlatformSecMaster, Region: "cn-south-1", ProjectID: "0042", WorkspaceID: "w1", Endpoint: "http://127.0.0.1:8080"}); dev != want {
		t.Errorf("dev = %+v, want %+v", dev, want)
	}
	var files []string
	for _, w := range c.Workflows() {
		files = append(files, w.File+"="+w.ID+"/"+w.Name)
	}
	if diff := cmp.Diff([]string{"notify.yaml=/Notify on-call", "sub/win.yaml=abc/", "workflows/block-ip.yaml=0f3b9a/"}, files); diff != "" {
		t.Errorf("workflows (-want +got):\n%s", diff)
	}
}

func TestEmptyConfigIsDefault(t *testing.T) {
	for _, src := range []string{"", "# only a comment\n", "---\n", "~\n", "lint:\ntargets:\n"} {
		c, diags := Parse("wfc.yaml", []byte(src))
		if len(diags) != 0 || c.Lint.Extends != PresetRecommended || len(c.Targets) != 0 {
			t.Errorf("Parse(%q) = %+v, %v; want the default config", src, c, diags)
		}
	}
}

// TestParseErrors covers every error Parse reports: each line is diag's one-line form.
func TestParseErrors(t *testing.T) {
	cases := []struct {
		name, src string
		want      []string
	}{
		{"severity typo", "lint:\n  rules:\n    fake-join: eror\n",
			[]string{`wfc.yaml:3:16: unknown severity "eror" for rule fake-join; did you mean "error"? Use error, warn (or warning), info or off [config]`}},
		{"spec example position", "lint:\n  rules: {fake-join: eror}\n",
			[]string{`wfc.yaml:2:22: unknown severity "eror" for rule fake-join; did you mean "error"? Use error, warn (or warning), info or off [config]`}},
		{"severity typo of info", "lint:\n  rules: {fake-join: infp}\n",
			[]string{`wfc.yaml:2:22: unknown severity "infp" for rule fake-join; did you mean "info"? Use error, warn (or warning), info or off [config]`}},
		{"severity unknown", "lint:\n  rules: {fake-join: fatal}\n",
			[]string{`wfc.yaml:2:22: unknown severity "fatal" for rule fake-join; use error, warn (or warning), info or off [config]`}},
		{"severity not a scalar", "lint:\n  rules:\n    fake-join: [error, {max: 1}]\n",
			[]string{`wfc.yaml:3:16: rule fake-join takes a severity (error, warn (or warning), info or off), not a list [config]`}},
		{"severity empty", "lint:\n  rules:\n    fake-join:\n",
			[]string{`wfc.yaml:3:15: rule fake-join takes a severity (error, warn (or warning), info or off), not empty [config]`}},
		{"unknown top key with suggestion", "targts: {}\n",
			[]string{`wfc.yaml:1:1: unknown key "targts" in the top level of wfc.yaml; did you mean "targets"? [config]`}},
		{"unknown top key without suggestion", "version: 2\n",
			[]string{`wfc.yaml:1:1: unknown key "version" in the top level of wfc.yaml; expected lint, targets, workflows or default_target [config]`}},
		{"unknown lint key", "lint:\n  rule: {}\n",
			[]string{`wfc.yaml:2:3: unknown key "rule" in lint; did you mean "rules"? [config]`}},
		{"extends typo", "lint:\n  extends: recomended\n",
			[]string{`wfc.yaml:2:12: unknown preset "recomended" for lint.extends; did you mean "recommended"? [config]`}},
		{"extends unknown", "lint:\n  extends: bpmnlint:correctness\n",
			[]string{`wfc.yaml:2:12: unknown preset "bpmnlint:correctness" for lint.extends; use recommended or all [config]`}},
		{"extends list", "lint:\n  extends: [all]\n",
			[]string{`wfc.yaml:2:12: lint.extends must be a single value, not a list [config]`}},
		{"catalog empty", "lint:\n  catalog: \"\"\n",
			[]string{`wfc.yaml:2:12: lint.catalog is empty; give a value or remove the key [config]`}},
		{"not a mapping", "- a\n- b\n",
			[]string{`wfc.yaml:1:1: wfc.yaml must be a mapping with the keys lint, targets, workflows or default_target, not a list [config]`}},
		{"section not a mapping", "lint: strict\n",
			[]string{`wfc.yaml:1:7: lint must be a mapping, not a single value [config]`}},
		{"duplicate key", "lint: {}\nlint: {}\n",
			[]string{`wfc.yaml:2:1: "lint" is set twice in the top level of wfc.yaml (first on line 1); keep one [config]`}},
		{"merge key", "base: &b {region: r}\n",
			[]string{`wfc.yaml:1:1: unknown key "base" in the top level of wfc.yaml; expected lint, targets, workflows or default_target [config]`}},
		{"merge key in target", "targets:\n  prod:\n    <<: {region: r}\n    project_id: p\n    workspace_id: w\n",
			[]string{
				`wfc.yaml:2:3: target prod has no region; add the region of the SecMaster workspace, e.g. cn-north-4 [config]`,
				`wfc.yaml:3:5: merge keys (<<) are not supported in wfc.yaml; write the keys out [config]`,
			}},
		{"non-scalar key", "? [a]\n: 1\n",
			[]string{`wfc.yaml:1:3: keys in the top level of wfc.yaml must be plain words, not a list [config]`}},
		{"target missing fields", "targets:\n  prod: {region: cn-north-4}\n",
			[]string{
				`wfc.yaml:2:3: target prod has no project_id; add the project id of that region [config]`,
				`wfc.yaml:2:3: target prod has no workspace_id; add the SecMaster workspace id [config]`,
			}},
		{"target empty", "targets:\n  prod:\n",
			[]string{`wfc.yaml:2:3: target prod is empty; give its region, project_id and workspace_id (SecMaster) or platform: dataworks, region and project_id [config]`}},
		{"target a scalar", "targets:\n  prod: cn-north-4\n",
			[]string{`wfc.yaml:2:9: target prod must be a mapping, not a single value [config]`}},
		{"target field empty", "targets:\n  prod: {region: '', project_id: p, workspace_id: w}\n",
			[]string{`wfc.yaml:2:18: target prod region is empty; give a value or remove the key [config]`}},
		{"target unknown key", "targets:\n  prod: {region: r, project: p, project_id: p, workspace_id: w}\n",
			[]string{`wfc.yaml:2:21: unknown key "project" in target prod; did you mean "project_id"? [config]`}},
		{"bad endpoint", "targets:\n  prod: {region: r, project_id: p, workspace_id: w, endpoint: secmaster.example}\n",
			[]string{`wfc.yaml:2:63: target prod endpoint "secmaster.example" is not an http(s) URL; write it like https://secmaster.cn-north-4.myhuaweicloud.com [config]`}},
		{"endpoint with password", "targets:\n  prod: {region: r, project_id: p, workspace_id: w, endpoint: 'https://u:pw@h'}\n",
			[]string{`wfc.yaml:2:63: target prod endpoint must not carry a user or password; credentials come from HUAWEICLOUD_SDK_AK / HUAWEICLOUD_SDK_SK or HUAWEICLOUD_SDK_AUTH_TOKEN [config]`}},
		{"default target unknown", "targets:\n  prod: {region: r, project_id: p, workspace_id: w}\ndefault_target: prd\n",
			[]string{`wfc.yaml:3:17: default_target "prd" is not defined under targets; did you mean "prod"? [config]`}},
		{"default target without targets", "default_target: prod\n",
			[]string{`wfc.yaml:1:17: default_target "prod" is not defined under targets [config]`}},
		{"workflow absolute", "workflows:\n  /abs/w.yaml: x\n",
			[]string{`wfc.yaml:2:3: workflow file "/abs/w.yaml" must be relative to wfc.yaml, so the config works in every checkout [config]`}},
		{"workflow dot", "workflows:\n  ./: x\n",
			[]string{`wfc.yaml:2:3: workflow file "./" names the config's directory, not a file [config]`}},
		{"workflow listed twice", "workflows:\n  a.yaml: x\n  ./a.yaml: y\n",
			[]string{`wfc.yaml:3:3: workflow file a.yaml is listed twice (first on line 2); keep one [config]`}},
		{"workflow no id", "workflows:\n  a.yaml:\n",
			[]string{`wfc.yaml:2:10: workflow a.yaml needs the workflow id, or {id: ...} or {name: ...}, not empty [config]`}},
		{"workflow empty id", "workflows:\n  a.yaml: ''\n",
			[]string{`wfc.yaml:2:11: workflow a.yaml has an empty id; give the workflow id, or {name: ...} [config]`}},
		{"workflow id and name", "workflows:\n  a.yaml: {id: x, name: y}\n",
			[]string{`wfc.yaml:2:11: workflow a.yaml sets both id and name; keep one (id is exact, name is looked up) [config]`}},
		{"workflow empty mapping", "workflows:\n  a.yaml: {}\n",
			[]string{`wfc.yaml:2:11: workflow a.yaml needs an id or a name [config]`}},
		{"workflow unknown key", "workflows:\n  a.yaml: {uid: x}\n",
			[]string{
				`wfc.yaml:2:11: workflow a.yaml needs an id or a name [config]`,
				`wfc.yaml:2:12: unknown key "uid" in workflow a.yaml; did you mean "id"? [config]`,
			}},
		{"workflow list", "workflows: [a.yaml]\n",
			[]string{`wfc.yaml:1:12: workflows must be a mapping, not a list [config]`}},
		// yaml.v3 reports the line where the open flow mapping's context starts, counted from 0.
		{"syntax", "lint:\n  rules: {a: b\n",
			[]string{`wfc.yaml:1:1: invalid YAML: did not find expected ',' or '}' [syntax]`}},
		{"two documents", "lint: {}\n---\ntargets: {}\n",
			[]string{`wfc.yaml:2:1: wfc.yaml holds more than one YAML document; keep only the first [config]`}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, diags := Parse("wfc.yaml", []byte(c.src))
			var got []string
			for _, d := range diags {
				if d.Severity != diag.Error {
					t.Errorf("severity %v for %q", d.Severity, d.Message)
				}
				got = append(got, d.Error())
			}
			if diff := cmp.Diff(c.want, got); diff != "" {
				t.Errorf("diagnostics (-want +got):\n%s", diff)
			}
		})
	}
}

// A config must never hold credentials, whatever the key is called and wherever it is; the
// error must not repeat the secret.
func TestCredentialsRejected(t *testing.T) {
	const secret = "S3CR3T-VALUE"
	for _, src := range []string{
		"targets:\n  prod: {region: r, project_id: p, workspace_id: w, sk: " + secret + "}\n",
		"targets:\n  prod: {region: r, project_id: p, workspace_id: w, AK: " + secret + "}\n",
		"targets:\n  prod: {region: r, project_id: p, workspace_id: w, auth-token: " + secret + "}\n",
		"targets:\n  prod: {region: r, project_id: p, workspace_id: w, password: " + secret + "}\n",
		"targets:\n  prod: {region: r, project_id: p, workspace_id: w, secret_access_key: " + secret + "}\n",
		"token: " + secret + "\n",
		"lint:\n  access_key: " + secret + "\n",
	} {
		_, diags := Parse("wfc.yaml", []byte(src))
		if len(diags) != 1 {
			t.Fatalf("%q: got %d diagnostics, want 1:\n%v", src, len(diags), diags)
		}
		msg := diags[0].Message
		if !strings.HasPrefix(msg, "credentials do not belong in wfc.yaml") ||
			!strings.Contains(msg, "HUAWEICLOUD_SDK_AK") || !strings.Contains(msg, "HUAWEICLOUD_SDK_SK") || !strings.Contains(msg, "HUAWEICLOUD_SDK_AUTH_TOKEN") {
			t.Errorf("%q: message %q does not point to the environment variables", src, msg)
		}
		if strings.Contains(diags.Error(), secret) {
			t.Errorf("%q: the error repeats the secret: %s", src, diags.Error())
		}
	}
	for _, ok := range []string{"region", "project_id", "workspace_id", "endpoint", "task", "desk"} {
		if isCredentialKey(ok) {
			t.Errorf("isCredentialKey(%q) = true", ok)
		}
	}
}

func TestLoad(t *testing.T) {
	dir := t.TempDir()
	good := filepath.Join(dir, FileName)
	if err := os.WriteFile(good, []byte(fullConfig), 0o644); err != nil {
		t.Fatal(err)
	}
	c, diags := Load(good)
	if c == nil || len(diags) != 0 || c.Path != good {
		t.Fatalf("Load(good) = %v, %v", c, diags)
	}

	bad := filepath.Join(dir, "bad.yaml")
	if err := os.WriteFile(bad, []byte("lint: {extends: most}\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if c, diags := Load(bad); c != nil || !diags.HasErrors() || diags[0].Range.File != bad {
		t.Errorf("Load(bad) = %v, %v; want nil and a positioned error", c, diags)
	}

	_, diags = Load(filepath.Join(dir, "missing.yaml"))
	if len(diags) != 1 || diags[0].Rule != diag.RuleIO || diags[0].Message != "cannot read the config: no such file or directory" {
		t.Errorf("Load(missing) = %v", diags)
	}

	huge := filepath.Join(dir, "huge.yaml")
	if err := os.WriteFile(huge, []byte("# "+strings.Repeat("x", readlimit.Config)+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, diags = Load(huge)
	if len(diags) != 1 || !strings.Contains(diags[0].Message, "larger than 1 MiB") {
		t.Errorf("Load(huge) = %v", diags)
	}
}

// A device is not read at all: /dev/zero would otherwise be read up to the limit and then
// blamed for its size.
func TestLoadRefusesDevice(t *testing.T) {
	if _, err := os.Stat("/dev/zero"); err != nil {
		t.Skip("no /dev/zero here")
	}
	_, diags := Load("/dev/zero")
	if len(diags) != 1 || diags[0].Message != "cannot read the config: it is a character device, not a regular file" {
		t.Errorf("Load(/dev/zero) = %v", diags)
	}
}

func TestCheckRules(t *testing.T) {
	c, diags := Parse("wfc.yaml", []byte("lint:\n  rules:\n    fake-jion: off\n    label-required: warn\n    zzz: error\n"))
	if len(diags) != 0 {
		t.Fatal(diags)
	}
	var got []string
	for _, d := range c.CheckRules([]string{"fake-join", "label-required"}) {
		got = append(got, d.Error())
	}
	want := []string{
		`wfc.yaml:3:5: unknown rule "fake-jion" in lint.rules; did you mean "fake-join"? [config]`,
		`wfc.yaml:5:5: unknown rule "zzz" in lint.rules [config]`,
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

func TestTarget(t *testing.T) {
	c, diags := Parse("wfc.yaml", []byte(fullConfig))
	if len(diags) != 0 {
		t.Fatal(diags)
	}
	if tg, err := c.Target(""); err != nil || tg.Name != "prod" || tg.Region != "cn-north-4" {
		t.Errorf("Target(\"\") = %+v, %v; want the default, prod", tg, err)
	}
	if tg, err := c.Target("dev"); err != nil || tg.WorkspaceID != "w1" {
		t.Errorf("Target(dev) = %+v, %v", tg, err)
	}
	errs := []struct {
		cfg  *Config
		name string
		want string
	}{
		{c, "prd", `unknown target "prd"; did you mean "prod"?`},
		{c, "staging", `unknown target "staging"; wfc.yaml defines dev, prod`},
		{&Config{Path: "wfc.yaml", Targets: c.Targets}, "", "no target chosen; pass --target NAME or set default_target in wfc.yaml (targets: dev, prod)"},
		{Default("."), "", "no target chosen and no wfc.yaml found; create one with a targets section, or pass --config"},
		{Default("."), "prod", `unknown target "prod"; the default config defines no targets`},
	}
	for _, e := range errs {
		if _, err := e.cfg.Target(e.name); err == nil || err.Error() != e.want {
			t.Errorf("Target(%q) error = %v, want %q", e.name, err, e.want)
		}
	}
}

// FuzzParse: no input may panic the config reader, and every diagnostic is positioned in
// the file or names it.
func FuzzParse(f *testing.F) {
	f.Add([]byte(fullConfig))
	f.Add([]byte("a: &x [*x]\n"))
	f.Add([]byte("targets: {p: &t {region: r}, q: *t}\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		_, diags := Parse("wfc.yaml", data)
		for _, d := range diags {
			if d.Range.File != "wfc.yaml" || d.Message == "" || d.Severity != diag.Error {
				t.Fatalf("bad diagnostic %+v", d)
			}
		}
	})
}
