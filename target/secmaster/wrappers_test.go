package secmaster

import (
	"testing"

	"github.com/wfc-dev/wfc/bpmn"
)

// TestWrappersReadTheRequestAndAResponse: with SecMaster's wrappers, bpmn.DecodeAny reads
// the taskflow of the request this target writes and of an API response holding it; without
// them it reads neither (package bpmn knows no SecMaster shape).
func TestWrappersReadTheRequestAndAResponse(t *testing.T) {
	res, diags := CompileFile("w.yaml", []byte("wfc: 1\nname: W\ndescription: D\nsteps:\n  - id: a\n    name: A\n    action: x/y\n"), Options{})
	if res == nil {
		t.Fatal(diags)
	}
	req, err := res.RequestJSON()
	if err != nil {
		t.Fatal(err)
	}
	want, err := res.Document()
	if err != nil {
		t.Fatal(err)
	}
	response := []byte(`{"code":"00000000","data":` + string(req) + `}`)
	for _, in := range [][]byte{req, response} {
		doc, form, err := bpmn.DecodeAny(in, Wrappers...)
		if err != nil || form != bpmn.FormWrapped || doc.Root() == nil || doc.Root().Name != want.Root().Name {
			t.Errorf("DecodeAny(%.40s…, Wrappers) = %v, %v", in, form, err)
		}
		if _, _, err := bpmn.DecodeAny(in); err == nil {
			t.Errorf("DecodeAny(%.40s…) without wrappers read a SecMaster shape", in)
		}
	}
}
