package lint

import (
	"fmt"
	"strings"
	"testing"

	"github.com/wfc-dev/wfc/bpmn"
	"github.com/wfc-dev/wfc/diag"
)

// runRuleOnXML reads a BPMN document given as the body of bpmn:definitions (namespaces are
// added here) and runs one rule on it, at its default severity.
func runRuleOnXML(t testing.TB, rule *Rule, body string) diag.List {
	t.Helper()
	xml := `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" ` +
		`xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI" xmlns:dc="http://www.omg.org/spec/DD/20100524/DC" ` +
		`xmlns:di="http://www.omg.org/spec/DD/20100524/DI" id="Definitions_1" targetNamespace="http://bpmn.io/schema/bpmn">
` + body + `
</bpmn:definitions>`
	doc, err := bpmn.DecodeXML([]byte(xml))
	if err != nil {
		t.Fatalf("decode: %v", err)
	}
	defs, err := bpmn.Read(doc)
	if err != nil {
		t.Fatalf("read: %v", err)
	}
	return runRules(&Input{File: "test.bpmn", Defs: defs, Settings: Settings{Extends: All}}, []*Rule{rule})
}

// reportLines renders diagnostics as "element: message" lines, sorted by position, for
// comparison in tests.
func reportLines(ds diag.List) string {
	var b strings.Builder
	for _, d := range ds {
		fmt.Fprintf(&b, "%s: %s\n", d.Element, d.Message)
	}
	return b.String()
}
