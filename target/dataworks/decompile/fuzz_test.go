package decompile

import (
	"os"
	"path/filepath"
	"testing"

	lang "github.com/wfc-dev/wfc/decompile"
)

// FuzzRead: whatever a FlowSpec document holds (cycles, joins that watch themselves, nodes
// reached twice, branches without outputs), reading it ends with a workflow or a
// diagnostic, never a panic, and what it reads formats as YAML.
func FuzzRead(f *testing.F) {
	seeds, _ := filepath.Glob("testdata/inputs/*.json")
	more, _ := filepath.Glob("../testdata/server/*.json")
	for _, s := range append(seeds, more...) {
		if b, err := os.ReadFile(s); err == nil {
			f.Add(b)
		}
	}
	f.Add([]byte(`{"version":"1","kind":"x","spec":{"workflows":[{"nodes":[{"id":"j","script":{"runtime":{"command":"CONTROLLER_JOIN"}},"join":{"branches":[{"name":"b1","output":{"data":"j"},"assertion":{"field":"status","in":["1"]}}],"logic":{"expression":"b1"}},"outputs":{"nodeOutputs":[{"data":"j"}]}}]}]}}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		src, err := ReadSource("fuzz.json", data)
		if err != nil {
			return
		}
		w, _ := Read(src)
		if w == nil {
			return
		}
		if _, err := lang.Format(w); err != nil {
			t.Logf("format: %v", err) // a value nesting too deep is reported, not a crash
		}
	})
}
