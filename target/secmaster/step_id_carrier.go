package secmaster

import "github.com/wfc-dev/wfc/bpmn"

// How a compiled workflow keeps its step ids, so that `wfc decompile` gives them back.
//
// Element ids are hashes of step ids (ids.go), so the step id cannot be read back from
// them. A step's label is its id when it has no name, so only a step whose label differs
// from its id needs more: its main element (the task, event or forking gateway the step is
// drawn as) gets the attribute wfc:step="ID", in a namespace of wfc's own that the root
// declares only when some element uses it. bpmn-js (SecMaster's canvas) keeps attributes of
// a declared foreign namespace when it reads and saves a diagram, as it keeps soar:'s, and
// Flowable ignores them.
const (
	// StepIDAttr is the attribute holding the step id.
	StepIDAttr = "wfc:step"
	// NamespaceURI is the namespace wfc's attributes are in.
	NamespaceURI = "https://wfc.dev/bpmn"
)

// namespaces are the root's namespace declarations for g: SecMaster's, and wfc's when a
// step needs the step id carrier.
func namespaces(g *graph) []bpmn.Attr {
	for _, n := range g.steps {
		if carriesStepID(n) {
			return append(secmasterNamespaces[:len(secmasterNamespaces):len(secmasterNamespaces)],
				bpmn.Attr{Name: "xmlns:wfc", Value: NamespaceURI})
		}
	}
	return secmasterNamespaces
}

// carriesStepID reports whether node n needs the step id carrier: it is a step's main
// element and its label is not its id.
func carriesStepID(n *node) bool {
	return isMainNode(n) && n.name != n.step.ID.Value
}

// appendStepIDAttr appends node n's step id carrier, wfc:step, when it needs one.
func appendStepIDAttr(attrs []bpmn.Attr, n *node) []bpmn.Attr {
	if !carriesStepID(n) {
		return attrs
	}
	return append(attrs, bpmn.Attr{Name: StepIDAttr, Value: n.step.ID.Value})
}
