package bpmn

import "github.com/wfc-dev/wfc/diag"

// The typed model is shaped like bpmn-moddle's object graph, because bpmnlint's rules (which
// wfc ports) are written against it: every semantic element is an *Element with a moddle type
// name, its semantic children, and its references resolved to pointers. DI lives beside it in
// Diagram/Plane/Shape/Edge values that point back at the elements they draw.
//
// Reading: Read(doc) builds Definitions from a tree (model_read.go).
// Writing: Write(defs) builds a tree from Definitions (model_write.go); EncodeModelTaskflow(defs)
// writes the same tree's taskflow JSON without building it (model_json.go).
// Types:   (*Element).Is("FlowNode") answers moddle's is() with BPMN's type hierarchy (types.go).

// Element is one BPMN semantic element.
type Element struct {
	// Type is the bpmn-moddle type name without prefix: "Process", "StartEvent",
	// "SequenceFlow", "TimerEventDefinition", "FormalExpression", "Documentation", ...
	// For an element of a namespace other than BPMN's it is the tag as written, prefix included
	// ("flowable:field"), and Is() knows nothing about it.
	Type string
	// Tag is the local name the XML used ("startEvent", "conditionExpression"); moddle calls
	// this the property name when it differs from the type (conditionExpression is a
	// FormalExpression).
	Tag string

	ID   string
	Name string
	// Attrs holds every attribute as written, id and name included, qualified names kept
	// ("flowable:dueDate", "soar:handlers", "xsi:type"), in document order.
	Attrs []Attr

	Parent   *Element
	Children []*Element // semantic children in document order; incoming/outgoing refs and DI are not children
	Body     string     // text or cdata content (expressions, documentation, text annotations)

	// Resolved references, filled in by Read and by the builder API. Incoming and Outgoing are
	// the sequence flows a flow node lists in its <incoming>/<outgoing> children, in that
	// order, exactly as bpmn-moddle resolves them: a node that lists none has none, even when
	// flows point at it (bpmnlint's rules see it that way; see Read). The builder's Connect
	// keeps both sides in step.
	Incoming, Outgoing   []*Element
	SourceRef, TargetRef *Element // sequence flows, message flows, associations
	Default              *Element // gateway or activity default flow
	AttachedToRef        *Element // boundary event host
	BoundaryEvents       []*Element
	// Refs holds other id references by attribute or child-tag name ("errorRef",
	// "processRef", "messageRef", "signalRef", "escalationRef", "calledElement",
	// "dataObjectRef", "categoryValueRef", "flowNodeRef", ...). A reference that names no
	// element is recorded in Unresolved instead.
	Refs       map[string][]*Element
	Unresolved map[string][]string

	// DI drawing this element, nil when it has none.
	Shape *Shape
	Edge  *Edge

	// Node is the tree node this element was read from (nil for elements built in code);
	// Origin is the YAML range the element was compiled from, so lint and error messages can
	// point at the workflow source; zero (Start not valid) for elements read from BPMN. A value,
	// not an interface: boxing a Range cost an allocation per element (issue 8, item 20).
	Node   *Node
	Origin diag.Range

	kinds *typeSet // Is's answer table, set when the element is made (see typeSet)
}

// Definitions is a whole BPMN document.
type Definitions struct {
	Element  *Element            // the bpmn:definitions element; its Children are root elements
	ByID     map[string]*Element // every semantic element with an id
	Diagrams []*Diagram
	Prefix   string // the BPMN namespace prefix the document uses ("bpmn2", "bpmn" or "")
	// Warnings are the import problems bpmn-moddle would warn about (unresolved references,
	// duplicate ids, unparsable content); Read records them and keeps going.
	Warnings []Warning
	// Namespaces maps declared prefixes to URIs, in declaration order as Attrs on Element.

	// The builder's elements, attribute lists and incoming/outgoing lists come from slabs
	// (see slab): a compiled workflow has thousands, each otherwise an allocation of its own.
	// Elements are filled field by field (newElement). A Definitions is never copied.
	elems slab[Element]
	attrs slab[Attr]
	refs  slab[*Element]
	// xsiType and formalExpression are the names SetExpression writes on every expression.
	xsiType, formalExpression qualifiedName
}

// Diagram is one bpmndi:BPMNDiagram.
type Diagram struct {
	ID    string
	Plane *Plane
	Node  *Node
}

// Plane is a bpmndi:BPMNPlane: the shapes and edges drawn for one process or collaboration.
type Plane struct {
	ID          string
	BPMNElement string   // id as written
	Element     *Element // resolved, nil when dangling
	Shapes      []*Shape
	Edges       []*Edge
	Node        *Node
}

// Shape is a bpmndi:BPMNShape.
type Shape struct {
	ID          string
	BPMNElement string
	Element     *Element
	Bounds      *Bounds // nil when the shape has no dc:Bounds
	// Optional flags as written; nil means absent.
	IsExpanded      *bool
	IsHorizontal    *bool
	IsMarkerVisible *bool
	Label           *Label
	Attrs           []Attr
	Node            *Node
}

// Edge is a bpmndi:BPMNEdge.
type Edge struct {
	ID          string
	BPMNElement string
	Element     *Element
	Waypoints   []Point
	Label       *Label
	Attrs       []Attr
	Node        *Node
}

// Label is a bpmndi:BPMNLabel; Bounds is nil for an empty label element.
type Label struct {
	Bounds *Bounds
}

// Bounds is a dc:Bounds rectangle in diagram units (pixels); X, Y is the top-left corner.
type Bounds struct {
	X, Y, Width, Height float64
}

// Point is a di:waypoint in diagram units.
type Point struct {
	X, Y float64
}
