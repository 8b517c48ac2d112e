package bpmn

import (
	"fmt"
	"strconv"
	"strings"
)

// Namespace URIs that decide what an element is. Prefixes are whatever the document binds
// to these URIs (bpmn2:, bpmn:, a default xmlns, omgdc:, ...).
const (
	bpmnModelURI = "http://www.omg.org/spec/BPMN/20100524/MODEL"
	bpmnDIURI    = "http://www.omg.org/spec/BPMN/20100524/DI"
	ddDCURI      = "http://www.omg.org/spec/DD/20100524/DC"
	ddDIURI      = "http://www.omg.org/spec/DD/20100524/DI"
	xsiURI       = "http://www.w3.org/2001/XMLSchema-instance"
)

// maxReadDepth bounds element nesting (in levels) so that a hostile document cannot exhaust
// the stack; real BPMN nests a few dozen levels at most.
const maxReadDepth = 10000

// Warning is a problem bpmn-moddle would report as an import warning: Read records it and
// keeps going, as moddle does in lax mode.
type Warning struct {
	Node    *Node // where, nil when the problem has no single place
	Message string
}

func (w Warning) String() string {
	if w.Node != nil && w.Node.Line > 0 {
		return fmt.Sprintf("%d:%d: %s", w.Node.Line, w.Node.Col, w.Message)
	}
	return w.Message
}

// Read builds the typed model from a tree. It fails only when the document has no BPMN
// definitions root; anything else odd (dangling references, duplicate ids, unknown BPMN
// tags) becomes a Warning and reading goes on. It runs in time linear in the tree size.
//
// What Read mirrors from bpmn-moddle, because bpmnlint's verdicts depend on it:
//
//   - Incoming and Outgoing are exactly the flows a node lists in its <incoming> and
//     <outgoing> children, resolved by id, in that order. moddle computes no inverse of a
//     flow's sourceRef/targetRef, so a node that lists no <outgoing> has an empty
//     node.outgoing in bpmnlint even when flows leave it, and rules such as no-implicit-end
//     and no-disconnected then fire. (All bpmnlint fixtures list their refs consistently, so
//     verdicts.json cannot tell the two readings apart; moddle-xml's resolveReferences only
//     assigns the referenced object to the property that named it.)
//   - An element of the BPMN namespace whose tag is not a BPMN type is "unparsable content"
//     to moddle; Read warns and keeps it verbatim (Type = qualified tag) so that Write can
//     reproduce it, and Is() treats it as no BPMN type at all.
//   - A duplicate id is a warning; the first element keeps the id in ByID and references
//     resolve to it. (moddle drops the duplicate element; Read keeps it in Children.)
//   - Text of Documentation and (Formal)Expression elements is kept verbatim in Body; the
//     <text> of a TextAnnotation and the <script> of a ScriptTask become its Body.
//
// DI: a diagram with several BPMNPlanes keeps the last one, shapes and all (moddle's plane
// property is single-valued; bpmnlint's no-bpmndi verdict on
// no-overlapping-elements__ignore-missing-di shows the earlier plane's shapes are lost).
// Shape.Attrs and Edge.Attrs hold the attributes other than id, bpmnElement and the
// isExpanded/isHorizontal/isMarkerVisible flags, which have fields of their own. A shape or
// edge sets Element.Shape/Edge only for the first drawing of that element.
func Read(doc *Document) (*Definitions, error) {
	if doc == nil {
		return nil, fmt.Errorf("no document to read")
	}
	root := doc.Root()
	if root == nil {
		return nil, fmt.Errorf("document has no root element: a BPMN file needs a <definitions> element in namespace %s", bpmnModelURI)
	}
	r := &reader{ns: map[string][]string{}}
	pushed := r.pushNamespaces(root)
	if LocalName(root.Name) != "definitions" || r.uri(Prefix(root.Name)) != bpmnModelURI {
		return nil, fmt.Errorf("%s%s", position(root), notBPMNRoot(root.Name))
	}
	def := r.newElement("Definitions", "definitions", root, nil)
	def.ID, def.Name = root.AttrOr("id", ""), root.AttrOr("name", "")
	r.defs = &Definitions{Element: def, ByID: map[string]*Element{}, Prefix: Prefix(root.Name)}
	r.register(def)
	for _, c := range root.Children {
		if c.Type != ElementNode {
			continue
		}
		if err := r.readChild(c, def, 1); err != nil {
			return nil, err
		}
	}
	r.popNamespaces(pushed)
	r.resolve()
	return r.defs, nil
}

// position renders a node's place as "line:col: " for message prefixes, or "" when unknown.
// notBPMNRoot says that a document whose root element is named name is not BPMN.
func notBPMNRoot(name string) string {
	return fmt.Sprintf("root element is <%s>, not a BPMN <definitions> in namespace %s: is this a BPMN 2.0 file?", name, bpmnModelURI)
}

func position(n *Node) string {
	if n == nil || n.Line == 0 {
		return ""
	}
	return fmt.Sprintf("%d:%d: ", n.Line, n.Col)
}

type reader struct {
	defs    *Definitions
	ns      map[string][]string // prefix ("" = default) -> URIs declared in scope, innermost last
	pending []pendingRef
}

// pendingRef is a reference seen before all ids are known; resolve() links it. It is kept
// small (24 bytes) because a document holds several per flow node: the key and id are
// read back from the node when resolving.
type pendingRef struct {
	from *Element
	node *Node // the referencing element, or the child element holding the id
	attr int   // index of the attribute in node.Attrs, or -1 for a child element (<incoming>)
}

func (p pendingRef) keyAndID() (key, id string) {
	if p.attr < 0 {
		return LocalName(p.node.Name), strings.TrimSpace(p.node.InnerText())
	}
	a := p.node.Attrs[p.attr]
	return a.Name, a.Value
}

// pushNamespaces brings n's xmlns declarations into scope and returns the prefixes pushed.
func (r *reader) pushNamespaces(n *Node) []string {
	var pushed []string
	for _, a := range n.Attrs {
		var prefix string
		switch {
		case a.Name == "xmlns":
			prefix = ""
		case strings.HasPrefix(a.Name, "xmlns:"):
			prefix = a.Name[len("xmlns:"):]
		default:
			continue
		}
		r.ns[prefix] = append(r.ns[prefix], a.Value)
		pushed = append(pushed, prefix)
	}
	return pushed
}

func (r *reader) popNamespaces(pushed []string) {
	for _, p := range pushed {
		s := r.ns[p]
		r.ns[p] = s[:len(s)-1]
	}
}

// uri is the namespace bound to prefix in the current scope, "" when unbound.
func (r *reader) uri(prefix string) string {
	if s := r.ns[prefix]; len(s) > 0 {
		return s[len(s)-1]
	}
	return ""
}

// xsiType returns n's xsi:type value, whatever prefix the document binds to XML Schema
// instance.
func (r *reader) xsiType(n *Node) string {
	for _, a := range n.Attrs {
		if LocalName(a.Name) == "type" && Prefix(a.Name) != "" && r.uri(Prefix(a.Name)) == xsiURI {
			return a.Value
		}
	}
	return ""
}

func (r *reader) warn(n *Node, format string, args ...any) {
	r.defs.Warnings = append(r.defs.Warnings, Warning{Node: n, Message: fmt.Sprintf(format, args...)})
}

func (r *reader) newElement(typ, tag string, n *Node, parent *Element) *Element {
	e := &Element{Type: typ, Tag: tag, Node: n, Parent: parent, kinds: typeSetOf(typ)}
	if len(n.Attrs) > 0 {
		e.Attrs = append([]Attr(nil), n.Attrs...)
	}
	return e
}

func (r *reader) register(e *Element) {
	if e.ID == "" {
		return
	}
	if prev, dup := r.defs.ByID[e.ID]; dup {
		r.warn(e.Node, "duplicate id %q (first used by the %s at %s); references resolve to the first", e.ID, prev.Type, nodePlace(prev.Node))
		return
	}
	r.defs.ByID[e.ID] = e
}

func nodePlace(n *Node) string {
	if n == nil || n.Line == 0 {
		return "an unknown position"
	}
	return fmt.Sprintf("%d:%d", n.Line, n.Col)
}

// readChild reads element node n found inside BPMN element parent.
func (r *reader) readChild(n *Node, parent *Element, depth int) error {
	if depth > maxReadDepth {
		return fmt.Errorf("%selements nest deeper than %d levels; this is not a BPMN diagram wfc can read", position(n), maxReadDepth)
	}
	pushed := r.pushNamespaces(n)
	defer r.popNamespaces(pushed)

	local := LocalName(n.Name)
	switch r.uri(Prefix(n.Name)) {
	case bpmnModelURI:
	case bpmnDIURI:
		if local == "BPMNDiagram" && parent.Type == "Definitions" {
			r.readDiagram(n)
			return nil
		}
		r.warn(n, "unexpected DI element <%s> inside <%s>; ignored", n.Name, parent.Tag)
		return nil
	default:
		return r.keepVerbatim(n, parent, depth)
	}

	if childRefTagSet[local] {
		r.pending = append(r.pending, pendingRef{from: parent, node: n, attr: -1})
		return nil
	}
	if tag, ok := bodyPropertyTags[parent.Type]; ok && tag == local {
		parent.Body += n.InnerText()
		return nil
	}
	typ := TypeForTag(local, r.xsiType(n))
	if typ == "" {
		r.warn(n, "unparsable content <%s>: not a BPMN element; kept as is", n.Name)
		return r.keepVerbatim(n, parent, depth)
	}

	e := r.newElement(typ, local, n, parent)
	parent.Children = append(parent.Children, e)
	for i, a := range n.Attrs {
		switch {
		case a.Name == "id":
			e.ID = a.Value
		case a.Name == "name":
			e.Name = a.Value
		case refAttrs[a.Name] && a.Value != "":
			r.pending = append(r.pending, pendingRef{from: e, node: n, attr: i})
		}
	}
	r.register(e)
	if hasBody(typ) {
		e.Body = n.InnerText()
	}
	for _, c := range n.Children {
		if c.Type != ElementNode {
			continue
		}
		if err := r.readChild(c, e, depth+1); err != nil {
			return err
		}
	}
	return nil
}

// hasBody reports whether moddle keeps the element's text (an isBody property).
func hasBody(typ string) bool {
	return typ == "Documentation" || typ == "Expression" || typ == "FormalExpression"
}

// keepVerbatim keeps an element of another namespace (extension content such as
// flowable:field or soar:*) as written: Type is the qualified tag, and its subtree is kept
// the same way, with no typing, ids or references.
func (r *reader) keepVerbatim(n *Node, parent *Element, depth int) error {
	e, err := r.verbatim(n, parent, depth)
	if err != nil {
		return err
	}
	parent.Children = append(parent.Children, e)
	return nil
}

func (r *reader) verbatim(n *Node, parent *Element, depth int) (*Element, error) {
	if depth > maxReadDepth {
		return nil, fmt.Errorf("%selements nest deeper than %d levels; this is not a BPMN diagram wfc can read", position(n), maxReadDepth)
	}
	e := r.newElement(n.Name, LocalName(n.Name), n, parent)
	e.Body = n.InnerText()
	for _, c := range n.Children {
		if c.Type != ElementNode {
			continue
		}
		child, err := r.verbatim(c, e, depth+1)
		if err != nil {
			return nil, err
		}
		e.Children = append(e.Children, child)
	}
	return e, nil
}

// resolve links every pending reference once all ids are known.
func (r *reader) resolve() {
	for _, p := range r.pending {
		key, id := p.keyAndID()
		target := r.defs.ByID[id]
		if target == nil {
			if softRefAttrs[key] || id == "" {
				continue
			}
			addUnresolved(p.from, key, id)
			r.warn(p.node, "unresolved reference <%s> in %s of %s %q", id, key, p.from.Type, p.from.ID)
			continue
		}
		linkRef(p.from, key, target, p.attr < 0)
	}
	r.pending = nil
	for _, d := range r.defs.Diagrams {
		p := d.Plane
		if p == nil {
			continue
		}
		p.Element = r.lookupDI(p.BPMNElement, p.Node)
		for _, s := range p.Shapes {
			if s.Element = r.lookupDI(s.BPMNElement, s.Node); s.Element != nil && s.Element.Shape == nil {
				s.Element.Shape = s
			}
		}
		for _, e := range p.Edges {
			if e.Element = r.lookupDI(e.BPMNElement, e.Node); e.Element != nil && e.Element.Edge == nil {
				e.Element.Edge = e
			}
		}
	}
}

func (r *reader) lookupDI(id string, n *Node) *Element {
	if id == "" {
		return nil
	}
	e := r.defs.ByID[id]
	if e == nil {
		r.warn(n, "unresolved reference <%s> in bpmnElement of DI", id)
	}
	return e
}

// linkRef stores a resolved reference where the model keeps it. child says the reference
// was written as a child element: a DataAssociation's <sourceRef> goes to Refs, a flow's
// sourceRef attribute to SourceRef.
func linkRef(from *Element, key string, to *Element, child bool) {
	switch {
	case key == "incoming" && child:
		from.Incoming = append(from.Incoming, to)
	case key == "outgoing" && child:
		from.Outgoing = append(from.Outgoing, to)
	case key == "sourceRef" && !child:
		from.SourceRef = to
	case key == "targetRef" && !child:
		from.TargetRef = to
	case key == "default" && !child:
		from.Default = to
	case key == "attachedToRef" && !child:
		from.AttachedToRef = to
		to.BoundaryEvents = append(to.BoundaryEvents, from)
	default:
		if from.Refs == nil {
			from.Refs = map[string][]*Element{}
		}
		from.Refs[key] = append(from.Refs[key], to)
	}
}

func addUnresolved(from *Element, key, id string) {
	if from.Unresolved == nil {
		from.Unresolved = map[string][]string{}
	}
	from.Unresolved[key] = append(from.Unresolved[key], id)
}

// readDiagram reads a bpmndi:BPMNDiagram and its plane's shapes and edges.
func (r *reader) readDiagram(n *Node) {
	d := &Diagram{ID: n.AttrOr("id", ""), Node: n}
	r.defs.Diagrams = append(r.defs.Diagrams, d)
	for _, c := range n.Children {
		if c.Type != ElementNode {
			continue
		}
		pushed := r.pushNamespaces(c)
		if r.isDI(c, bpmnDIURI, "BPMNPlane") {
			// BPMNDiagram.plane is single-valued in moddle, so a later plane replaces an
			// earlier one, shapes and all; bpmnlint's no-bpmndi verdicts show it.
			if d.Plane != nil {
				r.warn(c, "diagram %q has more than one BPMNPlane; only the last is used", d.ID)
			}
			d.Plane = r.readPlane(c)
		}
		r.popNamespaces(pushed)
	}
}

func (r *reader) isDI(n *Node, uri, local string) bool {
	return LocalName(n.Name) == local && r.uri(Prefix(n.Name)) == uri
}

func (r *reader) readPlane(n *Node) *Plane {
	p := &Plane{ID: n.AttrOr("id", ""), BPMNElement: n.AttrOr("bpmnElement", ""), Node: n}
	for _, c := range n.Children {
		if c.Type != ElementNode {
			continue
		}
		pushed := r.pushNamespaces(c)
		switch {
		case r.isDI(c, bpmnDIURI, "BPMNShape"):
			p.Shapes = append(p.Shapes, r.readShape(c))
		case r.isDI(c, bpmnDIURI, "BPMNEdge"):
			p.Edges = append(p.Edges, r.readEdge(c))
		}
		r.popNamespaces(pushed)
	}
	return p
}

func (r *reader) readShape(n *Node) *Shape {
	s := &Shape{Node: n}
	for _, a := range n.Attrs {
		switch a.Name {
		case "id":
			s.ID = a.Value
		case "bpmnElement":
			s.BPMNElement = a.Value
		case "isExpanded":
			s.IsExpanded = r.readBool(n, a)
		case "isHorizontal":
			s.IsHorizontal = r.readBool(n, a)
		case "isMarkerVisible":
			s.IsMarkerVisible = r.readBool(n, a)
		default:
			s.Attrs = append(s.Attrs, a)
		}
	}
	for _, c := range n.Children {
		if c.Type != ElementNode {
			continue
		}
		pushed := r.pushNamespaces(c)
		switch {
		case r.isDI(c, ddDCURI, "Bounds"):
			s.Bounds = r.readBounds(c)
		case r.isDI(c, bpmnDIURI, "BPMNLabel"):
			s.Label = r.readLabel(c)
		}
		r.popNamespaces(pushed)
	}
	return s
}

func (r *reader) readEdge(n *Node) *Edge {
	e := &Edge{Node: n}
	for _, a := range n.Attrs {
		switch a.Name {
		case "id":
			e.ID = a.Value
		case "bpmnElement":
			e.BPMNElement = a.Value
		default:
			e.Attrs = append(e.Attrs, a)
		}
	}
	for _, c := range n.Children {
		if c.Type != ElementNode {
			continue
		}
		pushed := r.pushNamespaces(c)
		switch {
		case r.isDI(c, ddDIURI, "waypoint"):
			e.Waypoints = append(e.Waypoints, Point{X: r.readNumber(c, "x"), Y: r.readNumber(c, "y")})
		case r.isDI(c, bpmnDIURI, "BPMNLabel"):
			e.Label = r.readLabel(c)
		}
		r.popNamespaces(pushed)
	}
	return e
}

func (r *reader) readLabel(n *Node) *Label {
	l := &Label{}
	for _, c := range n.Children {
		if c.Type != ElementNode {
			continue
		}
		pushed := r.pushNamespaces(c)
		if r.isDI(c, ddDCURI, "Bounds") {
			l.Bounds = r.readBounds(c)
		}
		r.popNamespaces(pushed)
	}
	return l
}

func (r *reader) readBounds(n *Node) *Bounds {
	return &Bounds{X: r.readNumber(n, "x"), Y: r.readNumber(n, "y"), Width: r.readNumber(n, "width"), Height: r.readNumber(n, "height")}
}

// readNumber parses a DI coordinate; a missing or malformed one reads as 0 with a warning.
func (r *reader) readNumber(n *Node, name string) float64 {
	v, ok := n.Attr(name)
	if !ok {
		r.warn(n, "<%s> has no %s; using 0", n.Name, name)
		return 0
	}
	f, err := strconv.ParseFloat(strings.TrimSpace(v), 64)
	if err != nil {
		r.warn(n, "<%s> %s=%q is not a number; using 0", n.Name, name, v)
		return 0
	}
	return f
}

func (r *reader) readBool(n *Node, a Attr) *bool {
	var b bool
	switch strings.TrimSpace(a.Value) {
	case "true":
		b = true
	case "false":
		b = false
	default:
		r.warn(n, "%s=%q is not true or false; ignored", a.Name, a.Value)
		return nil
	}
	return &b
}
