package dataworks

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/wfc-dev/wfc/internal/golden"
	"github.com/wfc-dev/wfc/target"
)

// compileDir compiles testdata/compile/NAME/workflow.yaml for the target it names, with no
// diagnostic, and returns its spec form.
func compileDir(t *testing.T, dir string) []byte {
	t.Helper()
	file := filepath.Join(dir, "workflow.yaml")
	src, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	u := target.BuildFor("", file, src, target.Options{})
	if len(u.Diags) > 0 || u.Artifact == nil {
		t.Fatalf("compile: %v", u.Diags)
	}
	if u.Target.Name() != Name {
		t.Fatalf("built for %s", u.Target.Name())
	}
	spec, err := u.Artifact.Emit(FormSpec)
	if err != nil {
		t.Fatal(err)
	}
	return spec
}

// TestCompileGolden compiles every workflow under testdata/compile to the FlowSpec document
// in its spec.json, and checks each document's nodes, scripts, triggers and dependencies
// against the published FlowSpec schemas.
func TestCompileGolden(t *testing.T) {
	dirs, _ := filepath.Glob("testdata/compile/*")
	if len(dirs) == 0 {
		t.Fatal("no cases in testdata/compile")
	}
	for _, dir := range dirs {
		t.Run(filepath.Base(dir), func(t *testing.T) {
			spec := compileDir(t, dir)
			golden.Check(t, filepath.Join(dir, "spec.json"), spec)
			validateFlowSpec(t, spec)
		})
	}
}

func mustRead(t *testing.T, file string) []byte {
	t.Helper()
	src, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	return src
}
