package lint

import (
	"github.com/wfc-dev/wfc/bpmn"
	"github.com/wfc-dev/wfc/diag"
)

var ruleConditionalEvent = &Rule{
	ID:          "conditional-event",
	Severity:    diag.Error,
	Recommended: false,
	Scope:       ScopeBPMN,
	Summary:     "a conditional event in an executable process has a condition",
	Doc: "A conditional event fires when its condition becomes true; without a condition an engine " +
		"has nothing to evaluate, so the event never fires (or the deployment is rejected). In an " +
		"executable process, give every conditional event definition a condition expression, or use " +
		"another kind of event. Diagrams that are not executable are left alone. Mirrors bpmnlint's " +
		"conditional-event rule.",
	Check: func(p *Pass) {
		executable := executableScopes{}
		p.walk(func(el *bpmn.Element) {
			if !el.Is("Event") || !executable.contains(el) {
				return
			}
			for _, def := range eventDefinitionsOf(el) {
				if !def.Is("ConditionalEventDefinition") {
					continue
				}
				// Only the first conditional definition counts, as in bpmnlint.
				if cond := childWithTag(def, "condition"); cond == nil || cond.Body == "" {
					p.ReportElement(el, "conditional event is missing a condition; add a condition expression to its conditional event definition")
				}
				return
			}
		})
	},
}

// executableScopes answers bpmnlint's isInExecutableProcess: the nearest enclosing process
// has isExecutable="true" (an element outside any process is not executable). It remembers
// the answer per enclosing element, so checking every event stays linear in the document.
type executableScopes map[*bpmn.Element]bool

func (m executableScopes) contains(el *bpmn.Element) bool {
	return m.scope(el.Parent)
}

// scope answers for the elements directly inside el.
func (m executableScopes) scope(el *bpmn.Element) bool {
	if el == nil {
		return false
	}
	if v, ok := m[el]; ok {
		return v
	}
	var v bool
	if el.Is("Process") {
		v = moddleTrue(el, "isExecutable")
	} else {
		v = m.scope(el.Parent)
	}
	m[el] = v
	return v
}
