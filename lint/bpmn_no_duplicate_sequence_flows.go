package lint

import (
	"github.com/wfc-dev/wfc/bpmn"
	"github.com/wfc-dev/wfc/diag"
)

var ruleNoDuplicateSequenceFlows = &Rule{
	ID:          "no-duplicate-sequence-flows",
	Severity:    diag.Error,
	Recommended: true,
	Scope:       ScopeBPMN,
	Summary:     "no two sequence flows share source, target and condition",
	Doc: "Two sequence flows with the same source, target and condition are an accidental fork: " +
		"the target runs twice for every token that leaves the source. This usually comes from a " +
		"copy-paste or a tool glitch. Remove the duplicate flow. Mirrors bpmnlint's " +
		"no-duplicate-sequence-flows rule.",
	Check: func(p *Pass) {
		type flowKey struct {
			source, target string
			hasCond        bool
			cond           string
		}
		first := map[flowKey]*bpmn.Element{}
		outgoingReported := map[string]bool{}
		incomingReported := map[string]bool{}
		p.walk(func(el *bpmn.Element) {
			if !el.Is("SequenceFlow") {
				return
			}
			// A flow with a missing end is keyed by its own id, so it matches nothing.
			k := flowKey{source: el.ID, target: el.ID}
			if el.SourceRef != nil {
				k.source = el.SourceRef.ID
			}
			if el.TargetRef != nil {
				k.target = el.TargetRef.ID
			}
			if c := childWithTag(el, "conditionExpression"); c != nil {
				k.hasCond, k.cond = true, c.Body
			}
			orig, dup := first[k]
			if !dup {
				first[k] = el
				return
			}
			p.ReportElement(el, "sequence flow is a duplicate of %s (same source, target and condition); remove it", orig.ID)
			if el.SourceRef != nil && !outgoingReported[k.source] {
				outgoingReported[k.source] = true
				p.ReportElement(el.SourceRef, "duplicate outgoing sequence flows (%s repeats %s); remove the duplicates", el.ID, orig.ID)
			}
			if el.TargetRef != nil && !incomingReported[k.target] {
				incomingReported[k.target] = true
				p.ReportElement(el.TargetRef, "duplicate incoming sequence flows (%s repeats %s); remove the duplicates", el.ID, orig.ID)
			}
		})
	},
}
