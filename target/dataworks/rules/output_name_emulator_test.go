package rules_test

import (
	"context"
	"errors"
	"strconv"
	"testing"

	"github.com/wfc-dev/wfc/dataworks"
	"github.com/wfc-dev/wfc/dataworks/dataworkstest"
	"github.com/wfc-dev/wfc/diag"
	"github.com/wfc-dev/wfc/internal/apitest"
	"github.com/wfc-dev/wfc/lint"
	"github.com/wfc-dev/wfc/lint/driver"
	dw "github.com/wfc-dev/wfc/target/dataworks"
	"github.com/wfc-dev/wfc/target/dataworks/rules"
)

const outputNameRule = "dataworks-output-name"

// TestOutputNameRuleAgreesWithTheEmulator: for each workflow name, dataworks-output-name
// reports it exactly when the emulator refuses the compiled spec's import (the lint rule is
// skipped for the import, as a user who ignored it would), so lint catches before deploy what
// the platform would refuse after, and lets through what it would take.
func TestOutputNameRuleAgreesWithTheEmulator(t *testing.T) {
	srv := dataworkstest.NewTestServer(dataworkstest.Options{})
	t.Cleanup(srv.Close)
	creds := dataworks.Credentials{AccessKeyID: dataworkstest.DefaultAccessKeyID, AccessKeySecret: dataworkstest.DefaultAccessKeySecret}
	client, _ := srv.NewClient(t, creds, &apitest.Sleeps{}, nil)
	for _, tc := range []struct {
		name    string
		refused bool
	}{
		{"orders", false},
		{"订单 daily.v2", false},
		{" orders (nightly)", false},
		{"orders,daily", true},
		{"orders\ndaily", true},
		{"orders\tdaily", true},
	} {
		t.Run(strconv.Quote(tc.name), func(t *testing.T) {
			src := []byte("wfc: 1\ntarget: dataworks\nname: " + strconv.Quote(tc.name) + "\ndescription: \"\"\nsteps:\n" +
				"  - id: load\n    run: { command: DIDE_SHELL, code: \"echo load\" }\n" +
				"  - id: report\n    run: { command: DIDE_SHELL, code: \"echo report\" }\n")
			linted := lintsOutputName(t, src)
			refused := emulatorRefuses(t, client, compileSpec(t, src))
			if linted != tc.refused || refused != tc.refused {
				t.Errorf("name %q: lint reports it %v, the emulator refuses it %v; want both %v", tc.name, linted, refused, tc.refused)
			}
		})
	}
}

// lintsOutputName reports whether lint, with dataworks-output-name alone, reports src.
func lintsOutputName(t *testing.T, src []byte) bool {
	t.Helper()
	s := lint.Settings{Extends: lint.All, Rules: map[string]diag.Severity{}}
	for _, r := range rules.All {
		if r.ID != outputNameRule {
			s.Rules[r.ID] = lint.Off
		}
	}
	for _, r := range lint.Rules() {
		if r.Target == "" {
			s.Rules[r.ID] = lint.Off
		}
	}
	u := driver.Workflow("a.yaml", src, driver.Options{Lint: true, Settings: s})
	found := false
	for _, d := range u.Diags {
		if d.Rule != outputNameRule {
			t.Fatalf("unexpected diagnostic: %v", d)
		}
		found = true
	}
	return found
}

// compileSpec compiles src for DataWorks, with no lint rules, to ImportWorkflowDefinition's Spec.
func compileSpec(t *testing.T, src []byte) string {
	t.Helper()
	u := driver.Workflow("a.yaml", src, driver.Options{})
	a, ok := u.Artifact.(*dw.Artifact)
	if !ok || u.Diags.HasErrors() {
		t.Fatalf("compile: %v", u.Diags)
	}
	spec, err := a.Spec()
	if err != nil {
		t.Fatal(err)
	}
	return string(spec)
}

// emulatorRefuses imports spec and reports whether the emulator refused it as malformed; an
// import it takes must also finish.
func emulatorRefuses(t *testing.T, c *dataworks.Client, spec string) bool {
	t.Helper()
	job, err := c.ImportWorkflowDefinition(context.Background(), spec)
	var ae *dataworks.APIError
	if errors.As(err, &ae) && ae.Code == dataworks.CodeMalformedSpec {
		return true
	}
	if err != nil {
		t.Fatalf("import: %v", err)
	}
	if _, err := c.WaitJob(context.Background(), job.ID); err != nil {
		t.Fatalf("import job: %v", err)
	}
	return false
}
