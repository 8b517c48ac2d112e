package lint

import (
	"github.com/wfc-dev/wfc/bpmn"
	"github.com/wfc-dev/wfc/diag"
)

var ruleSuperfluousLabel = &Rule{
	ID:          "superfluous-label",
	Severity:    diag.Warning,
	Recommended: true,
	Scope:       ScopeBPMN,
	Summary:     "only conditional, default and decision flows are labelled",
	Doc: "A label on a sequence flow reads as the condition under which the flow is taken. " +
		"On a flow that has no condition, is not a default flow and does not leave an " +
		"exclusive or inclusive decision, the label describes nothing the diagram does and may " +
		"hide a missing condition. Remove the label, or add the condition it stands for. " +
		"Mirrors bpmnlint's rule of the same name.",
	Check: func(p *Pass) {
		p.walk(func(el *bpmn.Element) {
			if el.Is("SequenceFlow") && jsTrim(el.Name) != "" && !labelBelongs(el) {
				p.ReportElement(el, "sequence flow %q is labelled but has no condition; remove the label or add the condition", el.Name)
			}
		})
	},
}

// labelBelongs reports whether a sequence flow is one whose label means something: it has a
// condition, is its source's default flow, or leaves an exclusive or inclusive gateway that
// decides between several flows.
func labelBelongs(flow *bpmn.Element) bool {
	if hasConditionExpression(flow) {
		return true
	}
	src := flow.SourceRef
	if src == nil {
		return false
	}
	if src.Default == flow {
		return true
	}
	return src.IsAny("ExclusiveGateway", "InclusiveGateway") && len(src.Outgoing) > 1
}
