package lint

import (
	"github.com/wfc-dev/wfc/bpmn"
	"github.com/wfc-dev/wfc/diag"
)

var ruleNoImplicitEnd = &Rule{
	ID:          "no-implicit-end",
	Severity:    diag.Error,
	Recommended: true,
	Scope:       ScopeBPMN,
	Summary:     "every path ends in an end event",
	Doc: "A task, event or gateway with no outgoing sequence flow ends its path silently: a " +
		"reader cannot tell whether the path is meant to end there or a flow was forgotten. " +
		"Connect the element to an explicit end event instead. Event sub-processes, link throw " +
		"events, compensation handlers and the children of ad-hoc sub-processes are exempt, " +
		"since they never continue with a sequence flow. Mirrors bpmnlint's rule of the same name.",
	Check: func(p *Pass) {
		p.walk(func(el *bpmn.Element) {
			if el.IsAny("Event", "Activity", "Gateway") && isImplicitEnd(el) {
				p.ReportElement(el, "element is an implicit end; connect it to an end event")
			}
		})
	},
}

func isImplicitEnd(el *bpmn.Element) bool {
	switch {
	case isEventSubProcess(el),
		el.Is("IntermediateThrowEvent") && allDefinitionsAre(el, "LinkEventDefinition"),
		el.Parent.Is("AdHocSubProcess"),
		el.Is("EndEvent"),
		el.Is("BoundaryEvent") && allDefinitionsAre(el, "CompensateEventDefinition") && hasCompensationAssociation(el),
		el.Is("Activity") && isForCompensation(el):
		return false
	}
	return len(el.Outgoing) == 0
}

// hasCompensationAssociation reports whether an association of the enclosing process starts
// at the compensation boundary event (and so leads to its compensation handler). Like
// bpmnlint it looks at the artifacts of the process only, not of an enclosing sub-process.
func hasCompensationAssociation(event *bpmn.Element) bool {
	scope := event
	for scope.Parent != nil {
		scope = scope.Parent
		if scope.Is("Process") {
			break
		}
	}
	for _, a := range scope.ChildrenOf("Artifact") {
		if a.Is("Association") && a.SourceRef != nil && a.SourceRef.ID == event.ID {
			return true
		}
	}
	return false
}
