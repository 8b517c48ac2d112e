package secmaster

import "github.com/wfc-dev/wfc/workflow"

// Names of the elements that route an approval's outcome (see withOutcomeGateway).
const (
	outcomeGatewayName = "Rejected?"
	rejectedFlowName   = "rejected"
	approvedFlowName   = "approved"
)

// withOutcomeGateway adds, when approval step s has an on_reject, the exclusive gateway that
// follows its user task and routes on the outcome; it returns the task. The gateway is plain
// BPMN; the condition it tests is SecMaster's (rejectedCondition, inferred).
func (b *graphBuilder) withOutcomeGateway(s *workflow.Step, task *node) *node {
	if onReject := b.prog.Of(s).OnReject; onReject.Resolved() {
		b.outcomeOf[s] = b.add(&node{key: s.ID.Value + "/outcome", typ: "ExclusiveGateway",
			name: outcomeGatewayName, step: s, origin: onReject.Range})
	}
	return task
}

// connectApproval adds the flows leaving approval step s (its user task n). With an
// on_reject, the task flows into its outcome gateway, whose conditional flow takes a
// rejection to the on_reject target and whose default flow goes on to the step's next;
// without one, the task flows to its next. The next flow keeps its key either way, so
// adding on_reject renumbers no flow that was there before.
func (b *graphBuilder) connectApproval(s *workflow.Step, n *node, branch int) {
	id, succ := s.ID.Value, b.prog.Of(s)
	gw := b.outcomeOf[s]
	if gw == nil {
		b.addEdge(id+"/next", n, b.node(succ.Next), succ.Next.Range, branch)
		return
	}
	b.addEdge(id+"/outcome/in", n, gw, succ.OnReject.Range, branch)
	rejected := b.addEdge(id+"/reject", gw, b.node(succ.OnReject), succ.OnReject.Range, branch)
	rejected.name, rejected.cond = rejectedFlowName, rejectedCondition(id)
	approved := b.addEdge(id+"/next", gw, b.node(succ.Next), succ.Next.Range, branch)
	approved.name, approved.isDefault = approvedFlowName, true
}
