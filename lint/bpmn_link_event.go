package lint

import (
	"github.com/wfc-dev/wfc/bpmn"
	"github.com/wfc-dev/wfc/diag"
)

var ruleLinkEvent = &Rule{
	ID:          "link-event",
	Severity:    diag.Error,
	Recommended: true,
	Scope:       ScopeBPMN,
	Summary:     "link events are named and every link throw has exactly one matching catch in its scope",
	Doc: "Link events are a go-to inside one process level: a throwing link event jumps to the " +
		"catching link event with the same link name in the same process or sub-process. A link " +
		"without a name, a throw with no catch (or a catch with no throw), and two catches with one " +
		"name all leave the jump undefined. Name every link event definition, and pair each name " +
		"with exactly one catch in the same scope. Mirrors bpmnlint's link-event rule.",
	Check: func(p *Pass) {
		p.walk(func(el *bpmn.Element) {
			if el.Is("FlowElementsContainer") {
				checkLinkScope(p, el)
			}
		})
	},
}

// unnamedLink is the group bpmnlint's groupBy puts unnamed links in (min-dash groups a falsy
// key as "_"), so unnamed links are also matched against each other.
const unnamedLink = "_"

func checkLinkScope(p *Pass, scope *bpmn.Element) {
	var names []string // in first-seen order, for a deterministic report order
	groups := map[string][]*bpmn.Element{}
	for _, fe := range flowElementsOf(scope) {
		def := linkDefinition(fe)
		if def == nil {
			continue
		}
		name, _ := def.Attr("name")
		if name == "" {
			p.ReportElement(fe, "link event is missing a link name; name its link event definition")
			name = unnamedLink
		}
		if _, seen := groups[name]; !seen {
			names = append(names, name)
		}
		groups[name] = append(groups[name], fe)
	}
	for _, name := range names {
		events := groups[name]
		if len(events) == 1 {
			ev := events[0]
			if ev.Is("ThrowEvent") {
				p.ReportElement(ev, "link catch event with %s is missing in this scope; add one, or fix the name", linkNameText(name))
			} else {
				p.ReportElement(ev, "link throw event with %s is missing in this scope; add one, or fix the name", linkNameText(name))
			}
			continue
		}
		var catches []*bpmn.Element
		for _, ev := range events {
			if ev.Is("CatchEvent") {
				catches = append(catches, ev)
			}
		}
		switch {
		case len(catches) > 1:
			for _, ev := range catches {
				p.ReportElement(ev, "duplicate link catch event with %s in this scope; keep one catch per name", linkNameText(name))
			}
		case len(catches) == 0:
			for _, ev := range events {
				p.ReportElement(ev, "link catch event with %s is missing in this scope; add one, or fix the name", linkNameText(name))
			}
		}
	}
}

// linkDefinition returns the first link event definition of an event, or nil.
func linkDefinition(el *bpmn.Element) *bpmn.Element {
	if !el.Is("Event") {
		return nil
	}
	for _, def := range eventDefinitionsOf(el) {
		if def.Is("LinkEventDefinition") {
			return def
		}
	}
	return nil
}

// linkNameText shows a link name group in a message.
func linkNameText(name string) string {
	if name == unnamedLink {
		return "no link name"
	}
	return "link name \"" + diag.Shorten(name) + "\""
}
