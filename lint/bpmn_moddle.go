package lint

import "github.com/wfc-dev/wfc/bpmn"

// Helpers that read the BPMN model the way bpmnlint's rules read bpmn-moddle's object graph,
// so the ported rules can stay close to the originals (more in bpmn_moddle_props.go).

// eventDefinitions is moddle's event.eventDefinitions: the event definitions written inside
// the event (references to global definitions are not counted, as in bpmnlint).
func eventDefinitions(event *bpmn.Element) []*bpmn.Element {
	return event.ChildrenOf("EventDefinition")
}

// flowElements is moddle's container.flowElements.
func flowElements(container *bpmn.Element) []*bpmn.Element {
	return container.ChildrenOf("FlowElement")
}

// moddleBool reads a boolean attribute as moddle coerces it: only the exact text "true" is
// true; an absent attribute takes the schema default def (isInterrupting defaults to true).
func moddleBool(el *bpmn.Element, name string, def bool) bool {
	v, ok := el.Attr(name)
	if !ok {
		return def
	}
	return v == "true"
}

// isEventSubProcess reports a sub-process started by an event (triggeredByEvent="true").
func isEventSubProcess(el *bpmn.Element) bool {
	return el.Is("SubProcess") && moddleBool(el, "triggeredByEvent", false)
}

// isForCompensation reads the activity flag that marks a compensation handler.
func isForCompensation(el *bpmn.Element) bool {
	return moddleBool(el, "isForCompensation", false)
}

// hasConditionExpression reports whether a sequence flow carries a condition, as bpmnlint's
// !!flow.conditionExpression does (an empty expression still counts).
func hasConditionExpression(flow *bpmn.Element) bool {
	for _, c := range flow.Children {
		if c.Tag == "conditionExpression" {
			return true
		}
	}
	return false
}

// allDefinitionsAre reports whether the event has at least one event definition and every
// one of them is of type t: bpmnlint's isLinkEvent / isCompensationEvent.
func allDefinitionsAre(event *bpmn.Element, t string) bool {
	defs := eventDefinitions(event)
	if len(defs) == 0 {
		return false
	}
	for _, d := range defs {
		if !d.Is(t) {
			return false
		}
	}
	return true
}

// containerKind names a process or sub-process in messages, as bpmnlint does.
func containerKind(el *bpmn.Element) string {
	if el.Is("SubProcess") {
		return "sub-process"
	}
	return "process"
}
