package secmaster

import "github.com/wfc-dev/wfc/workflow"

// Names of the elements that route an approval's outcome (see withOutcomeGateway).
const (
	outcomeGatewayName = "Rejected?"
	rejectedFlowName   = "rejected"
	approvedFlowName   = "approved"
)

// withOutcomeGateway adds, when approval step s has an on_reject, the exclusive gateway that
// follows its user task and routes on the outcome, and records it as r.outcome; it returns
// the task. The gateway is plain BPMN; the condition it tests is SecMaster's
// (rejectedCondition, inferred).
func (b *graphBuilder) withOutcomeGateway(s *workflow.Step, r *stepNodes, task *node) *node {
	if onReject := &b.prog.Of(s).OnReject; onReject.Resolved() {
		r.outcome = b.add(keyOf(s.ID.Value).with("/outcome"), "ExclusiveGateway", outcomeGatewayName, s, &onReject.Range)
	}
	return task
}

// connectApproval adds the flows leaving approval step s (its nodes r). With an
// on_reject, the task flows into its outcome gateway, whose conditional flow takes a
// rejection to the on_reject target and whose default flow goes on to the step's next;
// without one, the task flows to its next. The next flow keeps its key either way, so
// adding on_reject renumbers no flow that was there before.
func (b *graphBuilder) connectApproval(s *workflow.Step, r *stepNodes, branch int) {
	id, succ := keyOf(s.ID.Value), b.prog.Of(s)
	n, gw := r.main, r.outcome
	if gw == nil {
		b.addEdge(id.with("/next"), n, b.node(succ.Next), &succ.Next.Range, branch)
		return
	}
	b.addEdge(id.with("/outcome/in"), n, gw, &succ.OnReject.Range, branch)
	rejected := b.addEdge(id.with("/reject"), gw, b.node(succ.OnReject), &succ.OnReject.Range, branch)
	rejected.name, rejected.cond = rejectedFlowName, rejectedCondition(s.ID.Value)
	approved := b.addEdge(id.with("/next"), gw, b.node(succ.Next), &succ.Next.Range, branch)
	approved.name, approved.isDefault = approvedFlowName, true
}
