package lint

// Rules is the explicit list of every rule wfc has, in the order they run and are documented:
// first the BPMN graph rules (bpmnlint's, ported), then the workflow rules only YAML input has.
// The lists live beside the rules (rules_bpmn.go, rules_workflow.go); nothing registers itself.
func Rules() []*Rule {
	out := make([]*Rule, 0, len(bpmnRules)+len(workflowRules))
	out = append(out, bpmnRules...)
	return append(out, workflowRules...)
}

// Lookup returns the rule with the given id, or nil.
func Lookup(id string) *Rule {
	for _, r := range Rules() {
		if r.ID == id {
			return r
		}
	}
	return nil
}
