package main

import (
	"fmt"
	"io"

	"github.com/wfc-dev/wfc/dataworks"
	"github.com/wfc-dev/wfc/dataworks/deploy"
)

// dwOutcome is what push did with one DataWorks workflow; --format json prints it.
type dwOutcome struct {
	File       string               `json:"file"`
	Platform   string               `json:"platform"`
	Status     string               `json:"status"` // planned, created, updated, unchanged or failed
	Workflow   string               `json:"workflow,omitempty"`
	WorkflowID dataworks.ID         `json:"workflow_id,omitempty"`
	Plan       *deploy.WorkflowPlan `json:"plan,omitempty"`
	PlanLines  []string             `json:"plan_lines,omitempty"` // the plan in step terms, as text prints it
	Result     *deploy.Result       `json:"result,omitempty"`
	Publish    *dwPublished         `json:"publish,omitempty"`
	Unknown    bool                 `json:"outcome_unknown,omitempty"`
	Error      string               `json:"error,omitempty"`
}

// dwPublished is how --publish ended.
type dwPublished struct {
	RunID       dataworks.ID `json:"run_id,omitempty"`
	Status      string       `json:"status"`
	FailedStage string       `json:"failed_stage,omitempty"`
	Message     string       `json:"message,omitempty"`
}

// statusUpdated is the status of a DataWorks workflow imported over the deployed one.
const statusUpdated = "updated"

// printDataWorksOutcome writes the one-line result, with the plan's changes indented below.
func printDataWorksOutcome(w io.Writer, o dwOutcome) {
	if o.Status == "failed" {
		fmt.Fprintf(w, "FAIL  %s  %s\n", o.File, o.Error)
		return
	}
	lines := o.PlanLines
	if o.Status == "planned" {
		fmt.Fprintf(w, "plan  %s  %s\n", o.File, lines[0])
	} else {
		fmt.Fprintf(w, "ok  %s  %s\n", o.File, dataWorksSummary(o))
	}
	for _, l := range lines[1:] {
		fmt.Fprintf(w, "      %s\n", l)
	}
	if o.Result != nil {
		for _, l := range o.Result.StoredDifferently {
			fmt.Fprintf(w, "      stored differently: %s\n", l)
		}
		for _, n := range o.Result.Notes {
			fmt.Fprintf(w, "      note: %s\n", n)
		}
	}
}

// dataWorksSummary is "workflow ID (new)  created, published (pipeline run N)" and the like.
func dataWorksSummary(o dwOutcome) string {
	wf := fmt.Sprintf("workflow %q %s", o.Workflow, o.WorkflowID)
	if o.Status == "created" {
		wf += " (new)"
	}
	what := o.Status
	if o.Result != nil && o.Result.Resolved {
		what += " (confirmed by looking the workflow up after the import's answer was lost)"
	}
	if o.Publish != nil {
		what += fmt.Sprintf(", published (pipeline run %s)", o.Publish.RunID)
	}
	return wf + "  " + what
}

// dataWorksExitCode is exitUnknown when an outcome is unknown, exitProblems when a workflow
// failed, else exitOK, as for SecMaster.
func dataWorksExitCode(outcomes []dwOutcome) int {
	code := exitOK
	for _, o := range outcomes {
		switch {
		case o.Unknown:
			return exitUnknown
		case o.Status == "failed":
			code = exitProblems
		}
	}
	return code
}

// worseExit is the exit code that tells more: unknown before problems before success.
func worseExit(a, b int) int {
	rank := map[int]int{exitOK: 0, exitProblems: 1, exitUsage: 2, exitUnknown: 3}
	if rank[b] > rank[a] {
		return b
	}
	return a
}

// addDataWorksJSON adds the DataWorks outcomes to the --format json report, before the
// SecMaster ones as they were pushed first; the summary counts "updated" too when there are any.
func addDataWorksJSON(rep *pushJSON, dw []dwOutcome) {
	if len(dw) > 0 {
		rep.Summary[statusUpdated] = 0
	}
	for _, o := range dw {
		rep.Workflows = append(rep.Workflows, o)
		rep.Summary[o.Status]++
	}
}

// finishDataWorksPush ends a push that had DataWorks workflows only (or stopped after them).
func finishDataWorksPush(e *env, f *pushFlags, dw []dwOutcome, code int) int {
	if dw == nil && code != exitOK {
		return code
	}
	if f.format == "json" {
		if err := writePushJSON(e, nil, nil, dw); err != nil {
			return fail(e, exitUsage, "push: %v", err)
		}
	}
	return dataWorksExitCode(dw)
}
