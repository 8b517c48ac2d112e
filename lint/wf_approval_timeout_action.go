package lint

import (
	"github.com/wfc-dev/wfc/diag"
	"github.com/wfc-dev/wfc/workflow"
)

var wfApprovalTimeoutAction = &Rule{
	ID:          "approval-timeout-action",
	Severity:    diag.Warning,
	Recommended: true,
	Scope:       ScopeWorkflow,
	Summary:     "an approval says what happens when its timeout passes",
	Doc: "Without on_timeout an approval that nobody answers in time interrupts the whole " +
		"run: nothing after it happens, which is seldom what a containment workflow wants at " +
		"3 a.m. Say it explicitly: on_timeout: interrupt, pass (carry on as if approved) or " +
		"reject. (The schema already requires approvers and a timeout.)",
	Check: func(p *Pass) {
		for _, s := range p.Input.Workflow.AllSteps() {
			a, ok := s.Body.(*workflow.Approval)
			if !ok || !a.Timeout.IsSet() || a.OnTimeout.IsSet() {
				continue
			}
			p.Report(a.Timeout.Range, "approval %s has no on_timeout: after %s without an answer the run is interrupted; set on_timeout: interrupt to say so, or pass or reject", stepName(s), a.Timeout.Raw)
		}
	},
}
