package lint

import (
	"strings"
	"testing"

	"github.com/wfc-dev/wfc/diag"
	"github.com/wfc-dev/wfc/workflow"
)

// TestEveryKindLints walks a step of every kind in workflow.Kinds (its example, between two
// actions, the second reading the step's output) through every rule: no rule fails on the
// kind, and a reference to the output of a kind without one (the table's Output) is
// reported, and only then.
func TestEveryKindLints(t *testing.T) {
	for _, info := range workflow.Kinds {
		t.Run(info.Key, func(t *testing.T) {
			if !info.RunsOn(workflow.TargetSecMaster) {
				// compiledInput compiles for SecMaster, which refuses the kind
				// (TestEveryKindCompiles); the DataWorks target's tests lint it.
				t.Skipf("%s steps run only on %v", info.Key, info.Targets)
			}
			src := subsumeHead + "  - {id: before, action: plugin/act}\n  - id: it\n    " +
				strings.ReplaceAll(info.Example, "\n", "\n    ") +
				"\n  - {id: after, action: plugin/act, with: {v: \"${steps.it.output}\"}}\n" +
				"inputs:\n  - {name: x}\n"
			src = strings.ReplaceAll(strings.ReplaceAll(src, "next: end", "next: after"), "default: end", "default: after")
			in := compiledInput(t, src)
			var errors []string
			noOutput := false
			for _, d := range Run(in) {
				if d.Rule == wfUnknownReference.ID && strings.Contains(d.Message, `step "it" is a `+info.Key+` step and has no output`) {
					noOutput = true
					continue
				}
				if d.Severity == diag.Error {
					errors = append(errors, d.Rule+": "+d.Message)
				}
			}
			if noOutput == info.Output {
				t.Errorf("a reference to the output of a %s step: reported %v; the kind has an output: %v", info.Key, noOutput, info.Output)
			}
			if len(errors) > 0 {
				t.Errorf("errors on the %s example:\n%s", info.Key, strings.Join(errors, "\n"))
			}
		})
	}
}
