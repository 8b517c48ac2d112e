package rules

import (
	"path/filepath"
	"testing"

	"github.com/wfc-dev/wfc/internal/wanttest"
)

// TestOutputNameProblemPointsAtTheCharacter: the diagnostic covers the offending character
// inside the quoted name (an escape's two source columns for a tab), not the whole value.
func TestOutputNameProblemPointsAtTheCharacter(t *testing.T) {
	for file, want := range map[string]string{"comma.yaml": "3:14-3:15", "control.yaml": "3:14-3:16"} {
		file = filepath.Join("testdata", outputName.ID, file)
		w, src := wanttest.LoadWorkflow(t, file)
		diags := lintOnly(outputName, file, src, w, Target)
		if len(diags) != 1 {
			t.Fatalf("%s: %d diagnostics, want 1: %v", file, len(diags), diags)
		}
		if got := diags[0].Range.Start.String() + "-" + diags[0].Range.End.String(); got != want {
			t.Errorf("%s: diagnostic at %s, want %s", file, got, want)
		}
	}
}
