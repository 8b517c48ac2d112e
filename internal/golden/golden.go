// Package golden is the one -update switch of every golden-file test: `go test ./... -update`
// rewrites every golden file from the current output, and without it Check compares. It is
// imported only by tests.
package golden

import (
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// update is defined once here, so every test binary that imports golden accepts -update and
// no package declares its own.
var update = flag.Bool("update", false, "rewrite golden files in testdata/ from the current output")

// Update reports whether the test run was asked to rewrite golden files.
func Update() bool { return *update }

// Check compares got with the golden file at path or, under -update, writes got there
// (creating its directory). A difference is reported as a -want +got diff.
func Check(t testing.TB, path string, got []byte) {
	t.Helper()
	if Update() {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test with -update to create it)", err)
	}
	if diff := cmp.Diff(string(want), string(got)); diff != "" {
		t.Errorf("%s differs from the output (-want +got; run go test with -update if intended):\n%s", path, diff)
	}
}
