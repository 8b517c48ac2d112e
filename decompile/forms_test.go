package decompile_test

import (
	"bytes"
	"encoding/json"
	"os"
	"strings"
	"testing"

	"github.com/wfc-dev/wfc/bpmn"
	"github.com/wfc-dev/wfc/decompile"
	smdecompile "github.com/wfc-dev/wfc/target/secmaster/decompile"
)

// decompileAs decompiles data read as name, as one workflow with no diagnostics, without
// its head comment (which names the input).
func decompileAs(t *testing.T, name string, data []byte) string {
	t.Helper()
	srcs, err := smdecompile.ReadSources(name, data)
	if err != nil || len(srcs) != 1 {
		t.Fatalf("%s: %v (%d sources)", name, err, len(srcs))
	}
	w, diags := smdecompile.Read(srcs[0])
	if len(diags) > 0 {
		t.Fatalf("%s: %v", name, diags)
	}
	w.Source = ""
	out, err := decompile.Format(w)
	if err != nil {
		t.Fatal(err)
	}
	return string(out)
}

// TestEveryFormDecompilesAlike: the forms that carry the create-version fields (a request,
// an API response) give the same YAML, and so do the forms that carry the BPMN alone (an
// envelope, a bare base64 taskflow, an xml-js tree, BPMN XML), which keep the steps, their
// ids, names and flows.
func TestEveryFormDecompilesAlike(t *testing.T) {
	src, err := os.ReadFile("../examples/block-malicious-ip.yaml")
	if err != nil {
		t.Fatal(err)
	}
	res := compile(t, "block.yaml", src)
	request, _ := res.RequestJSON()
	var fields map[string]any
	if err := json.Unmarshal(request, &fields); err != nil {
		t.Fatal(err)
	}
	response, _ := json.Marshal(map[string]any{"code": "00000000", "data": fields})
	taskflow, _ := fields["taskflow"].(string)
	doc, err := res.Document()
	if err != nil {
		t.Fatal(err)
	}
	envelope, err := bpmn.EncodeTaskflowJSON(doc)
	if err != nil {
		t.Fatal(err)
	}
	tree, _ := bpmn.EncodeTreeJSON(doc, "  ")
	xml, _ := bpmn.EncodeXML(doc, bpmn.XMLOptions{Indent: "  ", DefaultDeclaration: true})

	full := decompileAs(t, "request", request)
	if got := decompileAs(t, "response", response); got != full {
		t.Errorf("the API response decompiles otherwise than the request:\n%s\nwant\n%s", got, full)
	}
	if !strings.Contains(full, "with: {ip: \"${inputs.src_ip}\"}") || !strings.Contains(full, "inputs:") {
		t.Errorf("the request's taskconfig and inputs are not in its YAML:\n%s", full)
	}
	bare := decompileAs(t, "xml", xml)
	for name, data := range map[string][]byte{"envelope": envelope, "taskflow": []byte(taskflow), "tree": tree} {
		if got := decompileAs(t, name, data); got != bare {
			t.Errorf("the %s decompiles otherwise than the XML:\n%s\nwant\n%s", name, got, bare)
		}
	}
	for _, want := range []string{"  - id: enrich\n    name: Query threat intelligence\n", "    next: end\n", "approval: {approvers: [soc-lead], timeout: 4h, on_timeout: interrupt, on_reject: close}"} {
		if !strings.Contains(bare, want) {
			t.Errorf("the BPMN alone decompiles without %q:\n%s", want, bare)
		}
	}
	if bytes.Contains([]byte(bare), []byte("with:")) {
		t.Errorf("the BPMN alone has no taskconfig, yet its YAML has a with:\n%s", bare)
	}
}
