package decompile_test

import (
	"testing"

	"github.com/wfc-dev/wfc/bpmn"
	"github.com/wfc-dev/wfc/diag"
	"github.com/wfc-dev/wfc/internal/golden"
	"github.com/wfc-dev/wfc/lint/driver"
	"github.com/wfc-dev/wfc/target/secmaster"
)

var _ = golden.Update // go test ./... -update reaches this package

func bpmnXML(res *secmaster.Result) (string, error) {
	doc, err := res.Document()
	if err != nil {
		return "", err
	}
	b, err := bpmn.EncodeXML(doc, bpmn.XMLOptions{Indent: "  "})
	return string(b), err
}

// lintYAML lints a workflow under the recommended rules, warnings included.
func lintYAML(t *testing.T, src []byte) diag.List {
	t.Helper()
	s, _ := driver.Settings(nil)
	diags, err := driver.File("decompiled.yaml", src, s)
	if err != nil {
		t.Fatal(err)
	}
	return diags
}
