package lint

import (
	"github.com/wfc-dev/wfc/bpmn"
	"github.com/wfc-dev/wfc/diag"
)

var ruleLabelRequired = &Rule{
	ID:          "label-required",
	Severity:    diag.Error,
	Recommended: true,
	Scope:       ScopeBPMN,
	Summary:     "tasks, events, forking gateways, conditional flows, pools and lanes have a label",
	Doc: "A diagram is read by people: an unlabelled task, event, decision, conditional flow, pool " +
		"or lane forces the reader to guess what it does. Give each one a short name. Parallel and " +
		"event-based gateways, joining gateways, sub-processes and unconditional flows need no " +
		"label. Mirrors bpmnlint's label-required rule.",
	Check: func(p *Pass) {
		p.walk(func(el *bpmn.Element) {
			if needsLabel(el) && jsTrim(el.Name) == "" {
				p.ReportElement(el, "%s is missing a label; give it a name", labelKind(el))
			}
		})
	},
}

// needsLabel is bpmnlint's label-required element selection.
func needsLabel(el *bpmn.Element) bool {
	switch {
	case el.IsAny("ParallelGateway", "EventBasedGateway"):
		return false
	case el.Is("Gateway") && len(el.Outgoing) <= 1: // joining (or pass-through) gateway
		return false
	case el.Is("SubProcess"):
		return false
	case el.Is("SequenceFlow") && !hasConditionExpression(el):
		return false
	}
	return el.IsAny("FlowNode", "SequenceFlow", "Participant", "Lane")
}

// labelKind names the element's kind for a message.
func labelKind(el *bpmn.Element) string {
	switch {
	case el.Is("SequenceFlow"):
		return "conditional sequence flow"
	case el.Is("Gateway"):
		return "forking gateway"
	case el.Is("Participant"):
		return "participant"
	case el.Is("Lane"):
		return "lane"
	case el.Is("Event"):
		return "event"
	}
	return "element"
}
