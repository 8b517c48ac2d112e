package lint

import (
	"strings"
	"unicode"

	"github.com/wfc-dev/wfc/bpmn"
)

// Helpers shared by the ported bpmnlint rules (more in bpmn_moddle.go, hasConditionExpression
// among them). bpmnlint's rules are visitors called on every node of the bpmn-moddle tree;
// these reproduce that walk and the moddle property reads the rules make, on wfc's model.

// walkModel calls visit on every semantic element of defs, parents before children, in
// document order: the order bpmnlint's traversal reaches flow elements in. Like moddle's
// traversal, it does not descend into elements that have no BPMN type. It keeps its own
// stack so that a deeply nested (or hostile) document cannot exhaust the goroutine stack.
func walkModel(defs *bpmn.Definitions, visit func(el *bpmn.Element)) {
	if defs == nil || defs.Element == nil {
		return
	}
	stack := []*bpmn.Element{defs.Element}
	for len(stack) > 0 {
		el := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		visit(el)
		if strings.Contains(el.Type, ":") {
			// Not a BPMN type (an extension element, or a BPMN-namespace tag moddle cannot
			// parse): moddle treats it as generic or drops it, and never looks inside.
			continue
		}
		// Push in reverse so the first child is visited next.
		for i := len(el.Children) - 1; i >= 0; i-- {
			stack = append(stack, el.Children[i])
		}
	}
}

// flowElementsOf is moddle's flowElements property of a process or sub-process.
func flowElementsOf(el *bpmn.Element) []*bpmn.Element { return el.ChildrenOf("FlowElement") }

// eventDefinitionsOf is moddle's eventDefinitions property of an event (contained
// definitions only; eventDefinitionRef references do not count, as in moddle).
func eventDefinitionsOf(el *bpmn.Element) []*bpmn.Element { return el.ChildrenOf("EventDefinition") }

// childWithTag returns the first child written with the given tag (a moddle property such as
// "conditionExpression" or "condition"), or nil.
func childWithTag(el *bpmn.Element, tag string) *bpmn.Element {
	for _, c := range el.Children {
		if c.Tag == tag {
			return c
		}
	}
	return nil
}

// moddleTrue reads a boolean attribute the way moddle does: only the literal "true" is true.
func moddleTrue(el *bpmn.Element, attr string) bool {
	v, ok := el.Attr(attr)
	return ok && v == "true"
}

// jsTrim is JavaScript's String.prototype.trim: Unicode white space plus the byte-order mark.
func jsTrim(s string) string {
	return strings.TrimFunc(s, func(r rune) bool { return unicode.IsSpace(r) || r == '\uFEFF' })
}
