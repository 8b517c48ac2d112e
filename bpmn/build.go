package bpmn

import (
	"errors"
	"fmt"
	"strings"
)

// The builder constructs a model in code, the way the compiler emits a SecMaster workflow:
//
//	defs := NewDefinitions("diagram_Process_1", "bpmn2", namespaces)
//	proc, _ := defs.AddProcess("Process_1", "Service_Process1")
//	start, _ := defs.AddNode(proc, "StartEvent", "Event_1", "")
//	end, _ := defs.AddNode(proc, "EndEvent", "Event_2", "")
//	defs.Connect("Flow_1", start, end)
//
// Every method keeps the model consistent as Read would build it: ByID, Parent/Children,
// the id/name/reference attributes and the pointer fields they mirror. Methods that take an
// id fail on a duplicate or malformed one rather than produce a document SecMaster or
// bpmn-moddle would reject. Each call costs O(1) plus its attributes, so building is linear.

// validID is bpmn-moddle's id check (moddle-xml Reader addElement) without the optional
// QName prefix: a letter or underscore, then letters, digits, '_', '-' or '.' (the pattern
// ^[A-Za-z_][A-Za-z0-9_.\-]*$, checked by hand: a compiled workflow registers an id for every
// element, and the regular expression was most of the cost of registering it).
func validID(id string) bool {
	if id == "" || idByte[id[0]] != idStart {
		return false
	}
	for i := 1; i < len(id); i++ {
		if idByte[id[i]] == 0 {
			return false
		}
	}
	return true
}

// idByte classes the bytes of an id for validID: idStart for a letter or '_', which may
// begin one; idRest for a digit, '.' or '-', which may only follow; 0 for the rest. One
// table load per byte where the comparisons cost a dozen instructions: every element id
// is checked.
var idByte = func() (class [256]byte) {
	for c := range 256 {
		switch {
		case c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c == '_':
			class[c] = idStart
		case c >= '0' && c <= '9' || c == '.' || c == '-':
			class[c] = idRest
		}
	}
	return class
}()

const (
	idStart = 1 + iota
	idRest
)

// NewDefinitions starts a document. prefix is the BPMN namespace prefix ("bpmn2" for
// SecMaster; "" for a default namespace); namespaces are the root's leading attributes,
// normally its xmlns declarations, in order. The BPMN namespace is declared for prefix if
// namespaces do not declare it.
func NewDefinitions(id, prefix string, namespaces []Attr) *Definitions {
	root := &Element{Type: "Definitions", Tag: "definitions", ID: id}
	root.Attrs = append(root.Attrs, namespaces...)
	decl := "xmlns"
	if prefix != "" {
		decl = "xmlns:" + prefix
	}
	if _, ok := root.Attr(decl); !ok {
		root.Attrs = append(root.Attrs, Attr{Name: decl, Value: bpmnModelURI})
	}
	if id != "" {
		root.Attrs = append(root.Attrs, Attr{Name: "id", Value: id})
	}
	defs := &Definitions{Element: root, ByID: map[string]*Element{}, Prefix: prefix}
	if id != "" {
		defs.ByID[id] = root
	}
	return defs
}

// Grow makes room for n more elements, ids of them with an id, in the array elements are
// cut from and in the id registry, so that building a model of tens of thousands of
// elements neither allocates its elements in many pieces nor rehashes the registry as it
// fills. Give ids exactly: the registry's room is rounded up to a power of two, so an
// overestimate can double it.
func (d *Definitions) Grow(n, ids int) {
	byID := make(map[string]*Element, len(d.ByID)+ids)
	for id, e := range d.ByID {
		byID[id] = e
	}
	d.ByID = byID
	d.elems.reserve(n)
}

// newElement returns a zeroed element from the slab with its type, tag and parent set. The
// fields are set one by one, not copied in as a struct: copying a whole Element into the
// slab while the GC marks runs a write barrier over each of its ~20 pointer fields.
func (d *Definitions) newElement(typ string, kinds *typeSet, parent *Element) *Element {
	e := d.elems.one()
	e.Type, e.Tag, e.Parent, e.kinds = typ, kinds.tag, parent, kinds
	return e
}

// ErrDuplicateID is wrapped in the error of Register, and so of AddNode, Connect and the
// rest, when the model already has the id: a caller that derives ids (the compiler hashes
// them) tries another, and the failed call has left the model as it was.
var ErrDuplicateID = errors.New("duplicate id")

// Register adds e to the id registry. An empty id is not registered; a malformed or
// already used id is an error and leaves the registry unchanged.
func (d *Definitions) Register(e *Element) error {
	if e.ID == "" {
		return nil
	}
	if !validID(e.ID) {
		return fmt.Errorf("id %q is not a valid BPMN id: start it with a letter or '_' and use only letters, digits, '_', '-' and '.'", e.ID)
	}
	if prev, dup := d.ByID[e.ID]; dup {
		return fmt.Errorf("%w %q: it is already used by a %s; give every element its own id", ErrDuplicateID, e.ID, prev.Type)
	}
	d.ByID[e.ID] = e
	return nil
}

// AddProcess adds an executable process (SecMaster runs only executable ones) as a root
// element.
func (d *Definitions) AddProcess(id, name string) (*Element, error) {
	return d.AddNode(d.Element, "Process", id, name, Attr{Name: "isExecutable", Value: "true"})
}

// AddNode adds a BPMN element of type typ ("UserTask" or "bpmn:UserTask") as the last child
// of parent, with attributes id, name (when not empty) and attrs in that order. Reference
// attributes among attrs (attachedToRef, errorRef, ...) are resolved against the elements
// added so far; one that names no element yet is recorded in Unresolved, so add referenced
// elements (an Error, the host of a boundary event) first.
func (d *Definitions) AddNode(parent *Element, typ, id, name string, attrs ...Attr) (*Element, error) {
	typ = strings.TrimPrefix(typ, "bpmn:")
	kinds := typeSetOf(typ)
	if kinds == nil {
		return nil, fmt.Errorf("cannot add %q: not a BPMN element type (use the moddle type name, such as \"UserTask\")", typ)
	}
	if parent == nil {
		return nil, fmt.Errorf("cannot add %s %q: no parent element", typ, id)
	}
	e := d.newElement(typ, kinds, parent)
	e.ID, e.Name = id, name
	if n := attrRoom(kinds, id, name, attrs); n > 0 {
		e.Attrs = d.attrs.take(n)[:0] // room for all: they are set one by one
	}
	if id != "" {
		e.Attrs = append(e.Attrs, Attr{Name: "id", Value: id})
	}
	if name != "" {
		e.Attrs = append(e.Attrs, Attr{Name: "name", Value: name})
	}
	if err := d.Register(e); err != nil {
		return nil, err
	}
	for _, a := range attrs {
		d.setAttr(e, a)
	}
	parent.Children = d.appendRef(parent.Children, e)
	return e, nil
}

// attrRoom is how many attributes AddNode makes room for: id and name when given, attrs,
// and default on a gateway that can have one, which SetDefault adds once its flow exists.
// Room for exactly these, where a fixed two for id and name left one unused on every
// unnamed element and SetDefault's append copied a switch's list (issue 8, item 20).
func attrRoom(kinds *typeSet, id, name string, attrs []Attr) int {
	n := len(attrs)
	if id != "" {
		n++
	}
	if name != "" {
		n++
	}
	if n > 0 && kinds.defaultable {
		n++
	}
	return n
}

// setAttr sets one attribute on a built element and links it when it is a reference.
func (d *Definitions) setAttr(e *Element, a Attr) {
	e.SetAttr(a.Name, a.Value)
	if !isRefAttr(a.Name) || a.Value == "" {
		return
	}
	if target := d.ByID[a.Value]; target != nil {
		linkRef(e, a.Name, target, false)
	} else if !softRefAttrs[a.Name] {
		addUnresolved(e, a.Name, a.Value)
	}
}

// Connect adds sequence flow flowID from one flow node to another, in their common
// container, and records it on both ends (Outgoing of from, Incoming of to). Its attributes
// are id, name (when attrs has one), sourceRef, targetRef, then the rest of attrs.
func (d *Definitions) Connect(flowID string, from, to *Element, attrs ...Attr) (*Element, error) {
	if from == nil || to == nil {
		return nil, fmt.Errorf("cannot connect flow %q: both ends are needed", flowID)
	}
	if !isFlowNode(from) || !isFlowNode(to) {
		return nil, fmt.Errorf("cannot connect flow %q from %s %q to %s %q: sequence flows join flow nodes (events, activities, gateways)",
			flowID, from.Type, from.ID, to.Type, to.ID)
	}
	if from.Parent != to.Parent {
		return nil, fmt.Errorf("cannot connect flow %q from %q to %q: they are in different processes or sub-processes; a sequence flow stays inside one",
			flowID, from.ID, to.ID)
	}
	f := d.newElement("SequenceFlow", sequenceFlowTypes, from.Parent)
	f.ID, f.Attrs = flowID, d.attrs.take(3 + len(attrs))[:0]
	f.Attrs = append(f.Attrs, Attr{Name: "id", Value: flowID})
	for _, a := range attrs {
		if a.Name == "name" {
			f.SetAttr(a.Name, a.Value)
		}
	}
	f.Attrs = append(f.Attrs, Attr{Name: "sourceRef", Value: from.ID}, Attr{Name: "targetRef", Value: to.ID})
	if err := d.Register(f); err != nil {
		return nil, err
	}
	for _, a := range attrs {
		if a.Name != "name" {
			f.SetAttr(a.Name, a.Value)
		}
	}
	f.SourceRef, f.TargetRef = from, to
	from.Outgoing = d.appendRef(from.Outgoing, f)
	to.Incoming = d.appendRef(to.Incoming, f)
	from.Parent.Children = d.appendRef(from.Parent.Children, f)
	return f, nil
}

// isFlowNode is e.Is("FlowNode"), from e's type set when it still holds: a flag where Is
// compares type names, for both ends of every flow Connect makes.
func isFlowNode(e *Element) bool {
	if e.kinds != nil && e.kinds.of == e.Type {
		return e.kinds.flowNode
	}
	return e.Is("FlowNode")
}

// Type sets of the elements the builder makes without being told their type.
var (
	sequenceFlowTypes     = typeSetOf("SequenceFlow")
	formalExpressionTypes = typeSetOf("FormalExpression")
)

// qualifiedName is one qualified name, made again only when its prefix or local name
// changes: SetExpression writes the same two names on every expression, each otherwise a
// string concatenation of its own.
type qualifiedName struct{ prefix, local, name string }

func (q *qualifiedName) of(prefix, local string) string {
	if q.name == "" || q.prefix != prefix || q.local != local {
		q.prefix, q.local, q.name = prefix, local, qualify(prefix, local)
	}
	return q.name
}

// appendRef is append(list, e), growing list from the slab: the incoming and outgoing
// lists of flow nodes, and child lists, which most elements but the process have one of
// at most (a documentation, an event definition, a condition), each otherwise an
// allocation of its own. A list starts with room for one: most flow nodes have one
// incoming and one outgoing flow, and room for two left half of every such list unused
// (issue 8, item 20).
func (d *Definitions) appendRef(list []*Element, e *Element) []*Element {
	if len(list) < cap(list) {
		return append(list, e)
	}
	grown := d.refs.take(max(2*len(list), 1))
	if len(list) > 0 { // copy calls the runtime even for nothing, and most lists start empty
		copy(grown, list)
	}
	grown[len(list)] = e
	return grown[:len(list)+1]
}

// SetCondition gives a sequence flow the condition expr (a Flowable UEL expression such as
// "${score > 80}"), replacing any earlier one, and returns the expression element.
func (d *Definitions) SetCondition(flow *Element, expr string) (*Element, error) {
	if flow == nil || flow.Type != "SequenceFlow" {
		return nil, fmt.Errorf("a condition belongs on a sequence flow, not on %s %q", typeOf(flow), idOf(flow))
	}
	return d.SetExpression(flow, "conditionExpression", expr), nil
}

// SetExpression sets parent's Expression-typed property tag (conditionExpression,
// timeDuration, timeDate, timeCycle, loopCardinality, completionCondition, condition) to
// body, replacing an earlier one: a FormalExpression child with xsi:type
// "<prefix>:tFormalExpression", as bpmn-js writes it, and body as its text. The xsi
// namespace is declared on the root if it is not yet.
func (d *Definitions) SetExpression(parent *Element, tag, body string) *Element {
	var xsi string
	d.Element.Attrs, xsi = declarePrefix(d.Element.Attrs, "xsi", xsiURI)
	expr := d.newElement("FormalExpression", formalExpressionTypes, parent)
	expr.Tag, expr.Body = tag, body
	expr.Attrs = d.attrs.take(1)
	expr.Attrs[0] = Attr{Name: d.xsiType.of(xsi, "type"), Value: d.formalExpression.of(d.Prefix, "tFormalExpression")}
	kept := parent.Children[:0]
	for _, c := range parent.Children {
		if c.Tag != tag {
			kept = append(kept, c)
		}
	}
	parent.Children = d.appendRef(kept, expr)
	return expr
}

// SetDefault makes flow the default flow of gw (an exclusive, inclusive or complex gateway,
// or an activity): the flow taken when no condition holds. flow must leave gw.
func (d *Definitions) SetDefault(gw, flow *Element) error {
	if gw == nil || flow == nil {
		return fmt.Errorf("a default flow needs both a gateway and a flow")
	}
	if !gw.IsAny("ExclusiveGateway", "InclusiveGateway", "ComplexGateway", "Activity") {
		return fmt.Errorf("%s %q cannot have a default flow: only exclusive, inclusive and complex gateways and activities can", gw.Type, gw.ID)
	}
	if flow.SourceRef != gw {
		return fmt.Errorf("flow %q cannot be the default of %q: it does not leave %q", flow.ID, gw.ID, gw.ID)
	}
	gw.SetAttr("default", flow.ID)
	gw.Default = flow
	return nil
}

// AddEventDefinition adds an event definition of type typ ("ErrorEventDefinition",
// "TimerEventDefinition", ...) to an event. id may be empty. Reference attributes such as
// errorRef are resolved as in AddNode.
func (d *Definitions) AddEventDefinition(event *Element, typ, id string, attrs ...Attr) (*Element, error) {
	if !event.Is("Event") {
		return nil, fmt.Errorf("cannot add an event definition to %s %q: only events have them", typeOf(event), idOf(event))
	}
	t := strings.TrimPrefix(typ, "bpmn:")
	if !knownType(t) || !(&Element{Type: t}).Is("EventDefinition") || t == "EventDefinition" {
		return nil, fmt.Errorf("%q is not an event definition type (such as \"TimerEventDefinition\")", typ)
	}
	return d.AddNode(event, t, id, "", attrs...)
}

func typeOf(e *Element) string {
	if e == nil {
		return "nil element"
	}
	return e.Type
}

func idOf(e *Element) string {
	if e == nil {
		return ""
	}
	return e.ID
}
