package main

import (
	"fmt"

	"github.com/wfc-dev/wfc/diff"
	"github.com/wfc-dev/wfc/publish"
	"github.com/wfc-dev/wfc/secmaster"
)

// pushPlan is what a dry run would change in one workflow: the step-level diff from the
// deployed version to the file, as 'wfc diff --remote' prints it. Note says when the plan
// falls back to push's own comparison of the compiled versions (BPMN terms): when the
// deployed version cannot be decompiled, or when the two differ only in what the language
// does not write (the diagram's layout, the process id).
type pushPlan struct {
	Steps []diff.Change `json:"step_changes,omitempty"`
	Note  string        `json:"plan_note,omitempty"`
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
		return pushPlan{Note: fmt.Sprintf("%v; this plan compares the compiled versions instead, in BPMN terms", err)}
	}
	var plan pushPlan
	for _, c := range changes {
		if c.Scope == diff.ScopeWorkflow && workflowOnlyFields[c.Field] {
			continue // push does not change them
		}
		plan.Steps = append(plan.Steps, c)
	}
	if len(plan.Steps) == 0 {
		plan.Note = "no change in the workflow's terms; the compiled versions differ only in what the YAML does not write:"
	}
	return plan
}

// planLines are the plan's lines as push prints them under the plan line: the step-level
// changes, or the note and push's comparison in BPMN terms.
func planLines(o publish.Outcome, plan pushPlan) []string {
	var out []string
	for _, c := range plan.Steps {
		out = append(out, c.Line())
	}
	if len(plan.Steps) > 0 {
		return out
	}
	if plan.Note != "" {
		out = append(out, "("+plan.Note+")")
	}
	if o.Diff != nil {
		out = append(out, o.Diff.Lines()...)
	}
	return out
}
