package dataworks

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/wfc-dev/wfc/internal/golden"
	"github.com/wfc-dev/wfc/target"
	_ "github.com/wfc-dev/wfc/target/secmaster" // a workflow without target key builds for it
)

// TestErrorsGolden builds every workflow in testdata/errors for its target and compares the
// diagnostics ("line:col: message [rule]") with NAME.errors: each construct DataWorks cannot
// run is an error at the YAML that writes it, naming the target, and nothing is compiled.
func TestErrorsGolden(t *testing.T) {
	files, _ := filepath.Glob("testdata/errors/*.yaml")
	if len(files) < 5 {
		t.Fatalf("want the cases in testdata/errors, got %d", len(files))
	}
	for _, file := range files {
		t.Run(filepath.Base(file), func(t *testing.T) {
			src, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			u := target.BuildFor("", file, src, target.Options{})
			if u.Artifact != nil || !u.Diags.HasErrors() {
				t.Fatalf("compiled with no error: %v", u.Diags)
			}
			var b strings.Builder
			for _, d := range u.Diags {
				fmt.Fprintf(&b, "%d:%d: %s [%s]\n", d.Range.Start.Line, d.Range.Start.Column, d.Message, d.Rule)
			}
			golden.Check(t, strings.TrimSuffix(file, ".yaml")+".errors", []byte(b.String()))
		})
	}
}
