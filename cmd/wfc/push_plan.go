package main

import (
	"fmt"
	"strings"

	"github.com/wfc-dev/wfc/diff"
	"github.com/wfc-dev/wfc/publish"
	"github.com/wfc-dev/wfc/secmaster"
)

// pushPlan is what a dry run would change in one workflow: the step-level diff from the
// deployed version to the file, as 'wfc diff --remote' prints it. Note says why there is
// none: the deployed version cannot be decompiled (the plan falls back to push's own
// comparison of the compiled versions, in BPMN terms: BPMN is set), or the two differ only
// in what the language does not write (element ids, the diagram's layout), which the plan
// sums up in one line.
type pushPlan struct {
	Steps []diff.Change `json:"step_changes,omitempty"`
	Note  string        `json:"plan_note,omitempty"`
	BPMN  bool          `json:"-"`
}

// planOf works out the plan of a planned outcome against the deployed version push compared
// with; the zero plan (print o.Diff) when there is none, as for a new workflow.
func planOf(o publish.Outcome, local localWorkflow) pushPlan {
	if o.Status != publish.Planned || o.Remote == nil || local.prog == nil {
		return pushPlan{}
	}
	wf := &secmaster.Workflow{ID: o.WorkflowID, Name: o.Remote.Name}
	changes, err := remoteChanges(wf, o.Remote, local)
	if err != nil {
		return pushPlan{Note: fmt.Sprintf("%v; this plan compares the compiled versions instead, in BPMN terms", err), BPMN: true}
	}
	var plan pushPlan
	for _, c := range changes {
		if c.Scope == diff.ScopeWorkflow && workflowOnlyFields[c.Field] {
			continue // push does not change them
		}
		plan.Steps = append(plan.Steps, c)
	}
	if len(plan.Steps) == 0 {
		plan.Note = "no change in the workflow's terms; the new version differs only in what the YAML does not write"
	}
	return plan
}

// planLines are the plan's lines as push prints them under the plan line: the step-level
// changes; or the note and push's comparison in BPMN terms, whole when the deployed version
// cannot be decompiled and summed up otherwise; or, with no deployed version, push's line.
func planLines(o publish.Outcome, plan pushPlan) []string {
	var out []string
	for _, c := range plan.Steps {
		out = append(out, c.Line())
	}
	switch {
	case len(plan.Steps) > 0:
		return out
	case plan.Note != "":
		out = append(out, "("+plan.Note+")")
	}
	switch {
	case o.Diff == nil:
	case plan.Note != "" && !plan.BPMN:
		out = append(out, bpmnSummary(o.Diff))
	default:
		out = append(out, o.Diff.Lines()...)
	}
	return out
}

// bpmnSummary is push's comparison of the compiled versions in one line: "changed fields:
// taskconfig, taskflow; BPMN elements: 25 added, 24 removed, 2 changed; diagram layout".
func bpmnSummary(d *publish.Diff) string {
	s := "changed fields: " + strings.Join(d.Fields, ", ")
	var counts []string
	for _, c := range []struct {
		n    int
		what string
	}{{len(d.Added), "added"}, {len(d.Removed), "removed"}, {len(d.Changed), "changed"}} {
		if c.n > 0 {
			counts = append(counts, fmt.Sprintf("%d %s", c.n, c.what))
		}
	}
	if len(counts) > 0 {
		s += "; BPMN elements: " + strings.Join(counts, ", ")
	}
	if d.Layout {
		s += "; diagram layout"
	}
	return s
}
