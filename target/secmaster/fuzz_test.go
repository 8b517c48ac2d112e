package secmaster_test

import (
	"bytes"
	"fmt"
	"os"
	"testing"

	"github.com/wfc-dev/wfc/bpmn"
	"github.com/wfc-dev/wfc/diag"
	"github.com/wfc-dev/wfc/target/secmaster"
)

// FuzzCompileFile feeds arbitrary bytes to the compiler: it must never panic, must give
// either a result or an error, must give the same request and diagnostics for the same
// bytes twice, and a result must carry a taskflow that decodes and reads.
func FuzzCompileFile(f *testing.F) {
	for _, file := range exampleFiles(f) {
		src, err := os.ReadFile(file)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(src)
	}
	f.Add([]byte("wfc: 1\nname: x\ndescription: \"\"\nsteps:\n  - id: a\n    next: a\n    action: p/a\n"))
	f.Add([]byte("steps: [{id: p, parallel: [{steps: []}]}]"))
	f.Fuzz(func(t *testing.T, src []byte) {
		res, diags := secmaster.CompileFile("fuzz.yaml", src, secmaster.Options{})
		assertCompilesAlike(t, src, res, diags)
		if res == nil {
			if !diags.HasErrors() {
				t.Fatalf("no result and no error")
			}
			return
		}
		if diags.HasErrors() {
			t.Fatalf("a result despite errors: %v", diags)
		}
		doc, err := bpmn.DecodeTaskflow(mustRequest(t, res).Taskflow)
		if err != nil {
			t.Fatalf("taskflow does not decode: %v", err)
		}
		if _, err := bpmn.Read(doc); err != nil {
			t.Fatalf("taskflow does not read: %v", err)
		}
	})
}

// assertCompilesAlike compiles src again and wants the same request body and diagnostics.
func assertCompilesAlike(t *testing.T, src []byte, res *secmaster.Result, diags diag.List) {
	t.Helper()
	res2, diags2 := secmaster.CompileFile("fuzz.yaml", src, secmaster.Options{})
	if fmt.Sprint(diags) != fmt.Sprint(diags2) || (res == nil) != (res2 == nil) {
		t.Fatalf("two compiles differ: %v / %v", diags, diags2)
	}
	if res == nil {
		return
	}
	a, err1 := res.RequestJSON()
	b, err2 := res2.RequestJSON()
	if err1 != nil || err2 != nil || !bytes.Equal(a, b) {
		t.Fatalf("two compiles give different requests (%v, %v)", err1, err2)
	}
}
