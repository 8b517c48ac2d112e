package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/txtar"
)

// TestConsoleExportsConfigDocumented keeps the wfc.yaml docs/ci.md recommends for console
// exports and the one lint_console_exports.txtar proves clean on the real samples the same
// file, so the docs cannot recommend a config no test runs.
func TestConsoleExportsConfigDocumented(t *testing.T) {
	ar, err := txtar.ParseFile(filepath.Join("testdata", "script", "lint_console_exports.txtar"))
	if err != nil {
		t.Fatal(err)
	}
	var tested string
	for _, f := range ar.Files {
		if f.Name == "console-exports.yaml" {
			tested = string(f.Data)
		}
	}
	if tested == "" {
		t.Fatal("lint_console_exports.txtar has no console-exports.yaml")
	}
	doc, err := os.ReadFile(filepath.Join("..", "..", "docs", "ci.md"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(doc), "```yaml\n"+tested+"```\n") {
		t.Errorf("docs/ci.md has no ```yaml block equal to the tested config:\n%s", tested)
	}
}
