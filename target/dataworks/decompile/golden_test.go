package decompile

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	lang "github.com/wfc-dev/wfc/decompile"
	"github.com/wfc-dev/wfc/internal/golden"
)

// TestDecompileGolden decompiles the real specs, the do-while example and the hand-made
// inputs in testdata/inputs as --force would and keeps the YAML and the diagnostics in
// testdata/golden (go test -update rewrites them): what a definition DataWorks returns
// becomes, and how what cannot be carried is reported.
func TestDecompileGolden(t *testing.T) {
	files := realSpecs(t)
	inputs, _ := filepath.Glob("testdata/inputs/*.json")
	files = append(append(files, inputs...), "../testdata/flowspec-examples/dowhile.json")
	for _, file := range files {
		base := filepath.Base(file)
		t.Run(base, func(t *testing.T) {
			data, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			src, err := ReadSource(base, data)
			if err != nil {
				t.Fatal(err)
			}
			w, diags := Read(src)
			out, err := lang.Format(w)
			if err != nil {
				t.Fatal(err)
			}
			if len(diags) > 0 {
				out = append(out, "# diagnostics:\n# "+strings.ReplaceAll(diags.Error(), "\n", "\n# ")+"\n"...)
			}
			golden.Check(t, filepath.Join("testdata", "golden", strings.TrimSuffix(base, ".json")+".yaml"), out)
		})
	}
}

// TestExamplesDecompileGolden keeps the YAML every DataWorks example and compiler golden
// case decompiles to (after compiling) in testdata/golden/compiled, so a change in how
// decompile writes is reviewed like code.
func TestExamplesDecompileGolden(t *testing.T) {
	for _, file := range roundTripCases(t) {
		name := filepath.Base(filepath.Dir(file)) + "-" + strings.TrimSuffix(filepath.Base(file), ".yaml")
		t.Run(name, func(t *testing.T) {
			src, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			got, _ := decompileSpec(t, "spec.json", compileFile(t, file, src))
			golden.Check(t, filepath.Join("testdata", "golden", "compiled", name+".yaml"), got)
		})
	}
}
