package lint

import (
	"path/filepath"
	"testing"
)

// TestTargetRulesRunOnlyForTheirTarget: entity-like-text is about SecMaster's editor, so it
// runs on a workflow compiled for SecMaster, and on one whose target is not known, but not
// on a workflow compiled for another target.
func TestTargetRulesRunOnlyForTheirTarget(t *testing.T) {
	file := filepath.Join(workflowTestdata, wfEntityLikeText.ID, "entities.yaml")
	w, src := loadTestWorkflow(t, file)
	for _, tc := range []struct {
		target string
		runs   bool
	}{{"secmaster", true}, {"", true}, {"dataworks", false}} {
		in := &Input{File: file, Source: src, Workflow: w, Settings: Settings{Extends: All}, Target: tc.target}
		got := runRules(in, []*Rule{wfEntityLikeText})
		if (len(got) > 0) != tc.runs {
			t.Errorf("target %q: %d diagnostics; want the rule to run: %v", tc.target, len(got), tc.runs)
		}
	}
}
