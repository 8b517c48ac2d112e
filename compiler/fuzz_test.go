package compiler_test

import (
	"os"
	"testing"

	"github.com/wfc-dev/wfc/bpmn"
	"github.com/wfc-dev/wfc/compiler"
)

// FuzzCompileFile feeds arbitrary bytes to the compiler: it must never panic, must give
// either a result or an error, and a result must carry a taskflow that decodes and reads.
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
		res, diags := compiler.CompileFile("fuzz.yaml", src, compiler.Options{})
		if res == nil {
			if !diags.HasErrors() {
				t.Fatalf("no result and no error")
			}
			return
		}
		if diags.HasErrors() {
			t.Fatalf("a result despite errors: %v", diags)
		}
		doc, err := bpmn.DecodeTaskflow(res.Request.Taskflow)
		if err != nil {
			t.Fatalf("taskflow does not decode: %v", err)
		}
		if _, err := bpmn.Read(doc); err != nil {
			t.Fatalf("taskflow does not read: %v", err)
		}
	})
}
