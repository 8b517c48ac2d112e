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
		if stepIDAttrs(n) != nil {
			return append(secmasterNamespaces[:len(secmasterNamespaces):len(secmasterNamespaces)],
				bpmn.Attr{Name: "xmlns:wfc", Value: NamespaceURI})
		}
	}
	return secmasterNamespaces
}

// stepIDAttrs is the step id carrier of node n: wfc:step when n is a step's main element
// and its label is not its id; nil otherwise.
func stepIDAttrs(n *node) []bpmn.Attr {
	if !isMainNode(n) || n.name == n.step.ID.Value {
		return nil
	}
	return []bpmn.Attr{{Name: StepIDAttr, Value: n.step.ID.Value}}
}
