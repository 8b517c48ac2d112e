package lint

import (
	"strings"

	"github.com/wfc-dev/wfc/bpmn"
	"github.com/wfc-dev/wfc/diag"
)

var ruleGlobal = &Rule{
	ID:          "global",
	Severity:    diag.Warning,
	Recommended: true,
	Scope:       ScopeBPMN,
	Summary:     "global errors, escalations, messages and signals are named, used and uniquely named",
	Doc: "Errors, escalations, messages and signals are declared once at the top of a diagram and " +
		"referenced by the events (and message flows, send and receive tasks) that use them. A " +
		"declaration nobody references is dead weight, one with an empty name cannot be told apart " +
		"in tools, and two of the same kind with one name are easily confused at runtime. Name each " +
		"one, give names of one kind distinct values, and remove the unused ones. Mirrors " +
		"bpmnlint's global rule.",
	Check: func(p *Pass) {
		defs := p.Input.Defs
		if defs == nil || defs.Element == nil {
			return
		}
		var globals []*bpmn.Element
		for _, el := range defs.Element.Children {
			if el.IsAny(globalKinds...) {
				globals = append(globals, el)
			}
		}
		if len(globals) == 0 {
			return
		}
		used := referencedGlobals(defs.Element)
		// Names per kind, to find duplicates in one pass; a missing name is its own key, as
		// bpmnlint compares undefined with undefined.
		type kindName struct {
			kind, name string
			named      bool
		}
		count := map[kindName]int{}
		key := func(el *bpmn.Element) kindName {
			n, ok := el.Attr("name")
			return kindName{el.Type, n, ok}
		}
		for _, el := range globals {
			count[key(el)]++
		}
		for _, el := range globals {
			kind := strings.ToLower(el.Type)
			// bpmnlint treats an absent name as present; only an empty or blank one is missing.
			if n, ok := el.Attr("name"); ok && jsTrim(n) == "" {
				p.ReportElement(el, "%s is missing a name; give it one", kind)
			}
			if !used[el] {
				p.ReportElement(el, "%s is unused; reference it from an event or remove it", kind)
			}
			if count[key(el)] > 1 {
				if _, named := el.Attr("name"); named {
					p.ReportElement(el, "%s name %q is not unique; give each %s a distinct name", kind, el.Name, kind)
				} else {
					p.ReportElement(el, "%s has no name, like another %s; give each %s a distinct name", kind, kind, kind)
				}
			}
		}
	},
}

// globalKinds are the root element types the global rule checks.
var globalKinds = []string{"Error", "Escalation", "Message", "Signal"}

// referencedGlobals collects the globals referenced where bpmnlint looks: event definitions
// of events in processes and sub-processes, message flows of collaborations, and send and
// receive tasks. A reference counts by id, as in bpmnlint.
func referencedGlobals(definitions *bpmn.Element) map[*bpmn.Element]bool {
	// Which types reference a global through which attribute, and the kind it must name.
	refs := []struct{ from, attr, kind string }{
		{"ErrorEventDefinition", "errorRef", "Error"},
		{"EscalationEventDefinition", "escalationRef", "Escalation"},
		{"MessageEventDefinition", "messageRef", "Message"},
		{"SignalEventDefinition", "signalRef", "Signal"},
		{"MessageFlow", "messageRef", "Message"},
		{"ReceiveTask", "messageRef", "Message"},
		{"SendTask", "messageRef", "Message"},
	}
	ids := map[string]bool{} // kind + "#" + id of every referenced global
	note := func(el *bpmn.Element) {
		for _, r := range refs {
			if !el.Is(r.from) {
				continue
			}
			for _, ref := range el.Refs[r.attr] {
				if ref != nil {
					ids[r.kind+"#"+ref.ID] = true
				}
			}
		}
	}
	// The same walk as bpmnlint: root elements, flow elements of containers (recursively),
	// event definitions of events, message flows of collaborations.
	var visit func(el *bpmn.Element)
	visit = func(el *bpmn.Element) {
		if el.Is("FlowElementsContainer") {
			for _, fe := range flowElementsOf(el) {
				visit(fe)
			}
		}
		if el.Is("Event") {
			for _, def := range eventDefinitionsOf(el) {
				note(def)
			}
		}
		if el.Is("Collaboration") {
			for _, mf := range el.ChildrenOf("MessageFlow") {
				visit(mf)
			}
		}
		if el.IsAny("MessageFlow", "ReceiveTask", "SendTask") {
			note(el)
		}
	}
	for _, root := range definitions.Children {
		visit(root)
	}
	used := map[*bpmn.Element]bool{}
	for _, el := range definitions.Children {
		if el.IsAny(globalKinds...) && ids[el.Type+"#"+el.ID] {
			used[el] = true
		}
	}
	return used
}
