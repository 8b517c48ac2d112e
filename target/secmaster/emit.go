package secmaster

import (
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/wfc-dev/wfc/bpmn"
)

// secmasterNamespaces are the root's namespace declarations, in the order of SecMaster's own
// taskflows (testdata/reference/taskFlow2.decoded.json).
var secmasterNamespaces = []bpmn.Attr{
	{Name: "xmlns:xsi", Value: "http://www.w3.org/2001/XMLSchema-instance"},
	{Name: "xmlns:bpmn2", Value: "http://www.omg.org/spec/BPMN/20100524/MODEL"},
	{Name: "xmlns:bpmndi", Value: "http://www.omg.org/spec/BPMN/20100524/DI"},
	{Name: "xmlns:dc", Value: "http://www.omg.org/spec/DD/20100524/DC"},
	{Name: "xmlns:di", Value: "http://www.omg.org/spec/DD/20100524/DI"},
	{Name: "xmlns:flowable", Value: "http://flowable.org/bpmn"},
	{Name: "xmlns:soar", Value: "https://soc.cloudsre.com/soar/v2"},
}

const (
	targetNamespace = "http://flowable.org/bpmn"
	schemaLocation  = "http://www.omg.org/spec/BPMN/20100524/MODEL BPMN20.xsd"
)

// flowPrefix is bpmn-js's id prefix for a sequence flow.
const flowPrefix = "Flow_"

// idPrefix is bpmn-js's id prefix for an element type (BpmnFactory._ensureId).
func idPrefix(typ string) string {
	switch {
	case strings.HasSuffix(typ, "Gateway"):
		return "Gateway_"
	case strings.HasSuffix(typ, "Event"):
		return "Event_"
	}
	return "Activity_"
}

// documentOrder is the order flow nodes are written in: the start and end events first, as
// SecMaster's editor writes them, then the steps' nodes in declaration order, each joining
// gateway just before the node it feeds.
func documentOrder(g *graph) []*node {
	out := make([]*node, 0, len(g.steps)+4)
	out = append(out, g.start)
	out = append(out, g.end.joinsBefore...)
	out = append(out, g.end)
	for _, n := range g.steps {
		if len(n.joinsBefore) > 0 { // appending none still calls the runtime's copy
			out = append(out, n.joinsBefore...)
		}
		out = append(out, n)
	}
	return out
}

// emitter builds the BPMN model of a graph.
type emitter struct {
	defs *bpmn.Definitions
	proc *bpmn.Element
	ids  *idAllocator
	// attrs and json are scratch space, reused from element to element: AddNode and Connect
	// copy the attributes they are given, and an approval's handlers are written through
	// json, so an element's attributes cost no allocation of their own.
	attrs []bpmn.Attr
	json  *jsonWriter
}

// emit builds the BPMN model of g. It returns the configurable tasks in document order,
// which is all the taskconfig needs of the graph: the graph (~420 bytes a step, dense with
// pointers) is garbage once emit returns, and the collections during layout and the
// taskflow writer do not mark it (issue 8, item 20).
func emit(g *graph, processNumber int64) (*bpmn.Definitions, []taskNode, error) {
	num := strconv.FormatInt(processNumber, 10)
	defs := bpmn.NewDefinitions("diagram_Process_"+num, "bpmn2", namespaces(g))
	defs.Element.SetAttr("targetNamespace", targetNamespace)
	defs.Element.SetAttr("xsi:schemaLocation", schemaLocation)
	proc, err := defs.AddProcess("Process_"+num, "Service_Process"+num)
	if err != nil {
		return nil, nil, err
	}
	nodes := documentOrder(g)
	size := modelSize(nodes, g.edges)
	defs.Grow(size.elements, size.ids)
	proc.Children = make([]*bpmn.Element, 0, len(nodes)+len(g.edges)) // its nodes and flows
	em := &emitter{defs: defs, proc: proc, ids: newIDAllocator(size.idBytes),
		attrs: make([]bpmn.Attr, 0, 8), json: newJSONWriter(64)}
	for _, n := range nodes {
		if err := em.node(n); err != nil {
			return nil, nil, err
		}
	}
	for _, e := range g.edges {
		if err := em.edge(e); err != nil {
			return nil, nil, err
		}
	}
	return defs, configurableTasks(nodes), nil
}

// modelCounts are the sizes of what emit adds to a model.
type modelCounts struct {
	elements int // elements
	ids      int // elements with an id
	idBytes  int // the length of their ids together
}

// modelSize counts what emit adds for nodes and edges: each node and flow, a boundary
// event's error definition and a wait's timer definition have an id; a main node's
// documentation, the timer's duration and a flow's condition have none. Counted first so
// that the model's element array, its id registry and the ids' arena are made once at
// their size (issue 8, item 20). An id is its prefix and idSuffixLen characters, however
// often the allocator rehashes it.
func modelSize(nodes []*node, edges []*edge) modelCounts {
	c := modelCounts{elements: len(nodes) + len(edges), ids: len(nodes) + len(edges)}
	c.idBytes = len(edges) * (len(flowPrefix) + idSuffixLen)
	for _, n := range nodes {
		c.idBytes += len(idPrefix(n.typ)) + idSuffixLen
		if hasDocumentation(n) {
			c.elements++
		}
		switch n.typ {
		case "BoundaryEvent":
			c.elements, c.ids = c.elements+1, c.ids+1
			c.idBytes += len(errorDefinitionPrefix) + idSuffixLen
		case "IntermediateCatchEvent":
			c.elements, c.ids = c.elements+2, c.ids+1
			c.idBytes += len(timerDefinitionPrefix) + idSuffixLen
		}
	}
	for _, e := range edges {
		if e.cond != "" {
			c.elements++
		}
	}
	return c
}

// hasDocumentation reports whether n's element gets a documentation child. SecMaster's
// console writes every userTask with one, empty when the task has no description
// (reference/taskFlow2.decoded.json).
func hasDocumentation(n *node) bool {
	return isMainNode(n) && (n.step.Description.Value != "" || n.typ == "UserTask")
}

// withID calls add with the id of key under prefix and, while the model already has that
// id (two keys' hashes collide), with the ids of the key rehashed (idAllocator.id).
func (em *emitter) withID(prefix string, key roleKey, add func(id string) (*bpmn.Element, error)) (*bpmn.Element, error) {
	for attempt := 0; ; attempt++ {
		el, err := add(em.ids.id(prefix, key, attempt))
		if err == nil || !errors.Is(err, bpmn.ErrDuplicateID) { // nil first: errors.Is is a call
			return el, err
		}
	}
}

// node adds the element of n, its documentation and its event definition.
func (em *emitter) node(n *node) error {
	attrs := em.attrs[:0]
	switch n.typ {
	case "ServiceTask":
		attrs = appendServiceTaskAttrs(attrs, n.step)
	case "UserTask":
		a, err := appendUserTaskAttrs(attrs, n.step, em.json)
		if err != nil {
			return err
		}
		attrs = a
	case "CallActivity":
		attrs = appendCallActivityAttrs(attrs, n.step)
	case "BoundaryEvent":
		attrs = append(attrs, bpmn.Attr{Name: "attachedToRef", Value: n.host.el.ID})
	}
	attrs = withPlatformAttrs(appendStepIDAttr(attrs, n), n)
	em.attrs = attrs[:0] // keep what it grew to
	el, err := em.withID(idPrefix(n.typ), n.key, func(id string) (*bpmn.Element, error) {
		return em.defs.AddNode(em.proc, n.typ, id, n.name, attrs...)
	})
	if err != nil {
		return err
	}
	el.Origin = *n.origin
	n.el = el
	if hasDocumentation(n) {
		doc, err := em.defs.AddNode(el, "Documentation", "", "")
		if err != nil {
			return err
		}
		doc.Body = n.step.Description.Value
	}
	return em.eventDefinition(n)
}

// Event definition types and their id prefixes (bpmn-js's: the type and '_').
const (
	errorDefinition       = "ErrorEventDefinition"
	timerDefinition       = "TimerEventDefinition"
	errorDefinitionPrefix = errorDefinition + "_"
	timerDefinitionPrefix = timerDefinition + "_"
)

// eventDefinition gives a boundary event its error definition and a wait its timer.
// The definition's id is bpmn-js's (its type, '_', seven characters), hashed from the
// event's key and the role "definition" like every other compiled id.
func (em *emitter) eventDefinition(n *node) error {
	var typ, prefix string
	switch n.typ {
	case "BoundaryEvent":
		typ, prefix = errorDefinition, errorDefinitionPrefix
	case "IntermediateCatchEvent":
		typ, prefix = timerDefinition, timerDefinitionPrefix
	default:
		return nil
	}
	def, err := em.withID(prefix, n.key.with("/definition"), func(id string) (*bpmn.Element, error) {
		return em.defs.AddEventDefinition(n.el, typ, id)
	})
	if err != nil || typ != timerDefinition {
		return err
	}
	em.defs.SetExpression(def, "timeDuration", timerDuration(n.step))
	return nil
}

// isMainNode reports whether n is the node a step is drawn as (not its join, boundary
// event or converging gateway), the one that carries the step's description.
func isMainNode(n *node) bool {
	return n.main
}

// edge adds the sequence flow of e, its condition, and its place as its gateway's default.
func (em *emitter) edge(e *edge) error {
	attrs := em.attrs[:0]
	if e.name != "" {
		attrs = append(attrs, bpmn.Attr{Name: "name", Value: e.name})
	}
	f, err := em.withID(flowPrefix, e.key, func(id string) (*bpmn.Element, error) {
		return em.defs.Connect(id, e.from.el, e.to.el, attrs...)
	})
	if err != nil {
		return err
	}
	f.Origin = *e.origin
	if e.cond != "" {
		if _, err := em.defs.SetCondition(f, e.cond); err != nil {
			return err
		}
	}
	if e.isDefault {
		if err := em.defs.SetDefault(e.from.el, f); err != nil {
			return fmt.Errorf("default flow of %s: %w", e.from.el.ID, err)
		}
	}
	return nil
}
