package lint

import (
	"go/parser"
	"go/token"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// TestLintDoesNotImportCompiler keeps the rules on the resolved program (workflow.Program):
// control flow is worked out once, by workflow.Resolve, and the compiler is one of its
// readers, not a source of facts for the linter (docs/architecture.md).
func TestLintDoesNotImportCompiler(t *testing.T) {
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	fset := token.NewFileSet()
	for _, file := range files {
		if strings.HasSuffix(file, "_test.go") {
			continue // tests may compile a workflow to get a BPMN model
		}
		f, err := parser.ParseFile(fset, file, nil, parser.ImportsOnly)
		if err != nil {
			t.Fatal(err)
		}
		for _, imp := range f.Imports {
			if path, _ := strconv.Unquote(imp.Path.Value); path == "github.com/wfc-dev/wfc/target/secmaster" {
				t.Errorf("%s imports the compiler; read workflow.Program (Pass.Program) instead", file)
			}
		}
	}
}
