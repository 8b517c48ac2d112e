package lint

import (
	"github.com/wfc-dev/wfc/bpmn"
	"github.com/wfc-dev/wfc/diag"
)

var ruleNoImplicitStart = &Rule{
	ID:          "no-implicit-start",
	Severity:    diag.Error,
	Recommended: true,
	Scope:       ScopeBPMN,
	Summary:     "every path begins at a start event",
	Doc: "A task, event or gateway with no incoming sequence flow starts a path of its own: " +
		"the engine would never reach it, or the reader cannot tell how it is reached. Connect " +
		"it from a start event (or an earlier element) instead. Start and boundary events, " +
		"event sub-processes, link catch events, compensation handlers and the children of " +
		"ad-hoc sub-processes are exempt. Mirrors bpmnlint's rule of the same name.",
	Check: func(p *Pass) {
		p.walk(func(el *bpmn.Element) {
			if el.IsAny("Event", "Activity", "Gateway") && isImplicitStart(el) {
				p.ReportElement(el, "element is an implicit start; connect it from a start event or an earlier element")
			}
		})
	},
}

func isImplicitStart(el *bpmn.Element) bool {
	switch {
	case el.Is("Activity") && isForCompensation(el),
		el.Parent.Is("AdHocSubProcess"),
		isEventSubProcess(el),
		el.Is("IntermediateCatchEvent") && allDefinitionsAre(el, "LinkEventDefinition"),
		el.IsAny("StartEvent", "BoundaryEvent"):
		return false
	}
	return len(el.Incoming) == 0
}
