package dataworks_test

import (
	"slices"
	"testing"

	"github.com/wfc-dev/wfc/lint"
	"github.com/wfc-dev/wfc/lint/driver"
	"github.com/wfc-dev/wfc/target/dataworks"
)

// TestTargetNeutralRulesLintDataWorks: the driver builds a `target: dataworks` workflow for
// DataWorks on its own, and lints it with the target-neutral workflow rules (unreachable
// step, unknown reference, unused input), not with SecMaster's (entity-like-text, about
// SecMaster's canvas, which a step name spelling &amp; would trigger there).
func TestTargetNeutralRulesLintDataWorks(t *testing.T) {
	const src = `wfc: 1
target: dataworks
name: linted
description: ""
inputs:
  - { name: unused }
  - { name: mode }
steps:
  - id: route
    name: "Route &amp; go"
    switch:
      - when: "${inputs.mdoe == 'x'}"
        next: end
    default: work
  - id: work
    run: { command: DIDE_SHELL, code: echo work }
    next: end
  - id: never
    run: { command: DIDE_SHELL, code: echo never }
`
	u := driver.Workflow("w.yaml", []byte(src), driver.Options{Lint: true, Settings: lint.Settings{Extends: lint.All}})
	if u.Target == nil || u.Target.Name() != dataworks.Name || u.Artifact == nil {
		t.Fatalf("target %v, diags %v", u.Target, u.Diags)
	}
	var rules []string
	for _, d := range u.Diags {
		rules = append(rules, d.Rule)
	}
	for _, want := range []string{"unreachable-step", "unknown-reference", "unused-input"} {
		if !slices.Contains(rules, want) {
			t.Errorf("%s did not run on the DataWorks workflow: %v", want, u.Diags)
		}
	}
	if slices.Contains(rules, "entity-like-text") {
		t.Errorf("a SecMaster rule ran on the DataWorks workflow: %v", u.Diags)
	}
}
