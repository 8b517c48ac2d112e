package diff

import (
	"path/filepath"
	"slices"
	"testing"

	"github.com/wfc-dev/wfc/workflow"
)

// FuzzPrograms diffs any two workflows that resolve: it must not panic, a workflow must be
// no change from itself, and the same pair must give the same changes twice.
func FuzzPrograms(f *testing.F) {
	files, _ := filepath.Glob(filepath.Join("..", "examples", "*.yaml"))
	for i, file := range files {
		f.Add(string(readFile(f, file)), string(readFile(f, files[(i+1)%len(files)])))
	}
	f.Add(base, reformatted)
	f.Fuzz(func(t *testing.T, old, new string) {
		p, q := resolved(old), resolved(new)
		if p == nil || q == nil {
			return
		}
		if got := Programs(q, q); len(got) > 0 {
			t.Fatalf("a workflow differs from itself: %q", lines(got))
		}
		if a, b := lines(Programs(p, q)), lines(Programs(p, q)); !slices.Equal(a, b) {
			t.Fatalf("two runs differ:\n%q\n%q", a, b)
		}
	})
}

// resolved is the program of src, or nil when it has errors (the CLI refuses those).
func resolved(src string) *workflow.Program {
	w, diags := workflow.Load("f.yaml", []byte(src))
	if w == nil || diags.HasErrors() {
		return nil
	}
	p, diags := workflow.Resolve(w)
	if diags.HasErrors() {
		return nil
	}
	return p
}
