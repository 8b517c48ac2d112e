package decompile_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/wfc-dev/wfc/decompile"
	smdecompile "github.com/wfc-dev/wfc/target/secmaster/decompile"
)

// FuzzDecompile feeds any bytes through every step of wfc decompile: reading the input,
// decompiling and writing the YAML must end in a result or an error, never a panic or a
// hang, whatever the diagram's shape.
func FuzzDecompile(f *testing.F) {
	inputs, _ := filepath.Glob(filepath.Join("testdata", "inputs", "*.bpmn"))
	for _, file := range inputs {
		data, err := os.ReadFile(file)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		srcs, err := smdecompile.ReadSources("in", data)
		if err != nil {
			return
		}
		for _, src := range srcs {
			w, _ := smdecompile.Read(src)
			if w == nil {
				continue
			}
			if _, err := decompile.Format(w); err != nil {
				t.Fatalf("Format: %v", err)
			}
		}
	})
}
