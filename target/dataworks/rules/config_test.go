package rules

import (
	"strings"
	"testing"

	"github.com/wfc-dev/wfc/config"
	"github.com/wfc-dev/wfc/lint"
	"github.com/wfc-dev/wfc/lint/driver"
)

// TestConfigKnowsTheRules: wfc.yaml may set a DataWorks rule's severity or turn it off, and a
// misspelt id gets a did-you-mean. The rules register in this package's init, which runs
// after lint/driver's (which hands config the rule ids), so config must ask for the ids when
// it parses, not take them at init.
func TestConfigKnowsTheRules(t *testing.T) {
	src := "lint:\n  rules:\n    dataworks-empty-script: off\n    dataworks-schedule: warn\n    dataworks-shcedule: error\n"
	c, diags := config.Parse("/p/wfc.yaml", []byte(src))
	if len(diags) != 1 || !strings.Contains(diags[0].Error(), `/p/wfc.yaml:5:5: unknown rule "dataworks-shcedule" in lint.rules; did you mean "dataworks-schedule"?`) {
		t.Fatalf("diagnostics:\n%v\nwant one for the misspelt id, with a suggestion", diags)
	}
	s, more := driver.Settings(c)
	if len(more) != 0 {
		t.Errorf("driver.Settings: %v", more)
	}
	if s.Rules[emptyScript.ID] != lint.Off || s.Rules[schedule.ID].String() != "warning" {
		t.Errorf("settings %v; want %s off and %s a warning", s.Rules, emptyScript.ID, schedule.ID)
	}
}
