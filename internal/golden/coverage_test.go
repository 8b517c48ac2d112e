package golden

import (
	"go/parser"
	"go/token"
	"io/fs"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

const importPath = "github.com/wfc-dev/wfc/internal/golden"

// TestEveryTestPackageAcceptsUpdate keeps `go test ./... -update` (the README's way to
// regenerate golden files) working: a test binary that does not define -update fails on it,
// so every directory with tests must import this package from one of its test files.
func TestEveryTestPackageAcceptsUpdate(t *testing.T) {
	root := filepath.Join("..", "..")
	self := filepath.Join(root, "internal", "golden") // defines the flag itself
	importers := map[string]bool{}                    // directory → some test file imports golden
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if path != root && (d.Name() == "testdata" || strings.HasPrefix(d.Name(), ".") || strings.HasPrefix(d.Name(), "_")) {
				return filepath.SkipDir
			}
			return nil
		}
		if !strings.HasSuffix(path, "_test.go") {
			return nil
		}
		dir := filepath.Dir(path)
		f, err := parser.ParseFile(token.NewFileSet(), path, nil, parser.ImportsOnly)
		if err != nil {
			return err
		}
		importers[dir] = importers[dir] || dir == self
		for _, imp := range f.Imports {
			if p, _ := strconv.Unquote(imp.Path.Value); p == importPath {
				importers[dir] = true
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(importers) < 10 {
		t.Fatalf("found tests in only %d directories under %s; is the walk rooted right?", len(importers), root)
	}
	for dir, ok := range importers {
		if !ok {
			t.Errorf("%s has tests but none imports %s, so go test ./... -update fails there; add a golden_flag_test.go like the one in ../../lint", dir, importPath)
		}
	}
}
