package main

import (
	"os"
	"strings"
	"testing"

	"github.com/wfc-dev/wfc/diag"
	"github.com/wfc-dev/wfc/secmaster"
)

const planOld = `wfc: 1
name: Triage
description: Triage an alert.
dataclass: dc
steps:
  - id: enrich
    name: Enrich
    action: threat_intel/query_ip
    with: { ip: 1.2.3.4 }
  - id: close
    name: Close it
    action: secmaster/close_alert
    with: { alert_id: x }
`

const planNew = `wfc: 1
name: Triage
description: Triage an alert.
dataclass: another
steps:
  - id: enrich
    name: Enrich
    action: threat_intel/query_ip
    with: { ip: 5.6.7.8 }
  - id: mint
    name: Make an id
    action: secmaster/uuid
`

// pushPlanned pushes planOld, then runs push --dry-run of planNew with decompile replaced by
// dec, returning the exit code and output.
func pushPlanned(t *testing.T, dec func(v *secmaster.WorkflowVersion) ([]byte, diag.List), args ...string) (int, string) {
	t.Helper()
	t.Chdir(t.TempDir())
	srv, wfc := cliAgainst(t)
	newWorkflow(t, srv, "Triage")
	os.WriteFile("old.yaml", []byte(planOld), 0o644)
	os.WriteFile("new.yaml", []byte(planNew), 0o644)
	if code, out, errs := wfc("push", "old.yaml"); code != 0 {
		t.Fatalf("push: exit %d\n%s%s", code, out, errs)
	}
	saved := decompileVersion
	t.Cleanup(func() { decompileVersion = saved })
	decompileVersion = func(_ string, _ *secmaster.Workflow, v *secmaster.WorkflowVersion) ([]byte, diag.List) { return dec(v) }
	code, out, _ := wfc(append([]string{"push", "--dry-run"}, append(args, "new.yaml")...)...)
	return code, out
}

// decompilePlanSides is a decompiler that knows the two sides by their content: the IP each
// one's taskconfig holds.
func decompilePlanSides(v *secmaster.WorkflowVersion) ([]byte, diag.List) {
	if strings.Contains(v.Taskconfig, "5.6.7.8") {
		return []byte(planNew), nil
	}
	return []byte(planOld), nil
}

// The plan is the step-level diff from the deployed version to the file; the dataclass, which
// a new version does not carry, is not in it.
func TestPushPlanIsTheStepDiff(t *testing.T) {
	code, out := pushPlanned(t, decompilePlanSides)
	want := `      ~ step enrich: with.ip "1.2.3.4" → "5.6.7.8"
      - step close (action secmaster/close_alert)
      + step mint (action secmaster/uuid) after enrich
`
	if code != 0 || !strings.HasSuffix(out, "new version\n"+want) {
		t.Errorf("push --dry-run: exit %d\n%s\nwant the plan line and\n%s", code, out, want)
	}
	if strings.Contains(out, "Activity_") || strings.Contains(out, "dataclass") {
		t.Errorf("the plan names BPMN elements or the dataclass:\n%s", out)
	}
	_, out = pushPlanned(t, decompilePlanSides, "--format", "json")
	for _, want := range []string{`"step_changes": [`, `"field": "with.ip"`, `"old": "\"1.2.3.4\""`} {
		if !strings.Contains(out, want) {
			t.Errorf("push --dry-run --format json lacks %s:\n%s", want, out)
		}
	}
}

// A deployed version that cannot be decompiled gets push's BPMN-terms plan, saying why.
func TestPushPlanFallsBackToBPMNTerms(t *testing.T) {
	code, out := pushPlanned(t, func(v *secmaster.WorkflowVersion) ([]byte, diag.List) {
		return nil, diag.List{diag.Errorf(diag.Range{File: "x"}, "decompile", "an inclusive gateway has no step")}
	})
	for _, want := range []string{
		"(the deployed version cannot be decompiled: an inclusive gateway has no step; this plan compares the compiled versions instead, in BPMN terms)",
		"changed fields: taskconfig, taskflow",
		"+ serviceTask Activity_",
	} {
		if code != 0 || !strings.Contains(out, want) {
			t.Errorf("push --dry-run: exit %d\n%s\nwant a line with %q", code, out, want)
		}
	}
	// No change in the language's terms, yet the versions differ: the note, and push's
	// comparison summed up in one line.
	_, out = pushPlanned(t, func(*secmaster.WorkflowVersion) ([]byte, diag.List) { return []byte(planNew), nil })
	want := "      (no change in the workflow's terms; the new version differs only in what the YAML does not write)\n" +
		"      changed fields: taskconfig, taskflow; BPMN elements: 2 added, 2 removed, 4 changed; diagram layout\n"
	if !strings.HasSuffix(out, want) {
		t.Errorf("push --dry-run with no step change:\n%s", out)
	}
}
