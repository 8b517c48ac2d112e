package decompile_test

import (
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/wfc-dev/wfc/decompile"
	"github.com/wfc-dev/wfc/internal/golden"
	smdecompile "github.com/wfc-dev/wfc/target/secmaster/decompile"
)

// TestExamplesDecompileGolden keeps the YAML every compiled example decompiles to in
// testdata/golden/examples, so a change in how decompile writes is reviewed like code.
func TestExamplesDecompileGolden(t *testing.T) {
	for name, src := range workflows(t) {
		if !strings.HasPrefix(name, "examples/") {
			continue
		}
		t.Run(name, func(t *testing.T) {
			got := decompileRequest(t, filepath.Base(name), compile(t, name, src))
			golden.Check(t, filepath.Join("testdata", "golden", name), got)
		})
	}
}

// TestInputsDecompileGolden decompiles every file in testdata/inputs (and the real samples
// in ../testdata/reference) as --force would and keeps the YAML and the diagnostics in
// testdata/golden: what a diagram drawn elsewhere becomes, and how what cannot be carried
// is reported.
func TestInputsDecompileGolden(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join("testdata", "inputs", "*"))
	refs, _ := filepath.Glob(filepath.Join("..", "testdata", "reference", "*.json"))
	files = append(files, refs...)
	sort.Strings(files)
	if len(files) < 5 {
		t.Fatalf("found only %d inputs", len(files))
	}
	for _, file := range files {
		base := filepath.Base(file)
		t.Run(base, func(t *testing.T) {
			data, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			srcs, err := smdecompile.ReadSources(base, data)
			if err != nil {
				t.Fatal(err)
			}
			for _, src := range srcs {
				name := strings.TrimSuffix(base, filepath.Ext(base))
				if src.Slug != "" {
					name += "-" + src.Slug
				}
				w, diags := smdecompile.Read(src)
				var out []byte
				if w != nil {
					if out, err = decompile.Format(w); err != nil {
						t.Fatal(err)
					}
				}
				if len(diags) > 0 {
					out = append(out, "# diagnostics:\n# "+strings.ReplaceAll(diags.Error(), "\n", "\n# ")+"\n"...)
				}
				golden.Check(t, filepath.Join("testdata", "golden", name+".yaml"), out)
			}
		})
	}
}
