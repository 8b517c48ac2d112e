package bpmn

import (
	"fmt"
	"math"
	"strconv"
)

// Write builds the tree for a model in the SecMaster house shape. Read(Write(defs)) gives
// back an equivalent model: the same elements, ids, types, attributes, references and DI.
//
// Shape of the output:
//   - Attributes are each element's Attrs, in order (the builder keeps id and name first);
//     an element built in code with ID or Name set but no such attribute gets one.
//   - Children of every BPMN element come in this order: documentation, extensionElements,
//     the child references (incoming*, outgoing*, then flowNodeRef, sourceRef, ... from Refs
//     and Unresolved), the string property (<text> of an annotation, <script>), then the
//     other children in model order. In a process or sub-process, the other children are
//     further grouped as bpmn-moddle and the SecMaster modeler write them: lane sets, then
//     flow nodes and data elements, then sequence flows, then artifacts. Within a group the
//     model order is kept, so flows keep their relative order (Flowable evaluates an
//     exclusive gateway's flows in that order). Write therefore does not need the builder
//     to interleave anything.
//   - Reference attributes (sourceRef, default, errorRef, ...) are written from Attrs; the
//     builder keeps Attrs and the pointer fields in step.
//   - Elements of other namespaces are written verbatim under their qualified Type.
//   - Body is written as text, or as CDATA when the element was read from CDATA.
//   - DI: bpmndi:BPMNDiagram > bpmndi:BPMNPlane > all shapes, then all edges; dc:Bounds and
//     di:waypoint coordinates print as the shortest decimal ("150", "150.5"). DI prefixes
//     come from the root's xmlns declarations; missing DI declarations are added to the
//     root when DI is written.
//
// Comments, processing instructions and DI beyond plane, shapes, edges and labels (label
// styles) are not part of the model and are not written.
func Write(defs *Definitions) (*Document, error) {
	if defs == nil || defs.Element == nil {
		return nil, fmt.Errorf("no definitions to write")
	}
	w := &writer{prefix: defs.Prefix}
	root, err := w.element(defs.Element, 0)
	if err != nil {
		return nil, err
	}
	// Declare a DI namespace only when something is written in it, so that a document
	// without shapes (SecMaster's empty plane) keeps exactly its own declarations.
	usesDC, usesDI := diUsage(defs.Diagrams)
	if len(defs.Diagrams) > 0 {
		root.Attrs, w.bpmndi = declarePrefix(root.Attrs, "bpmndi", bpmnDIURI)
	}
	if usesDC {
		root.Attrs, w.dc = declarePrefix(root.Attrs, "dc", ddDCURI)
	}
	if usesDI {
		root.Attrs, w.di = declarePrefix(root.Attrs, "di", ddDIURI)
	}
	for _, d := range defs.Diagrams {
		root.Children = append(root.Children, w.diagram(d))
	}
	return &Document{Children: []*Node{root}}, nil
}

type writer struct {
	prefix, bpmndi, dc, di string
	names                  map[[2]string]string // qualify's results: a tree repeats a few names thousands of times

	// The tree's parts come from slabs (see slab): tens of thousands of small objects for a
	// large workflow otherwise.
	nodes slab[Node]
	attrs slab[Attr]
	kids  slab[*Node]
}

// node returns a copy of n from the writer's slab.
func (w *writer) node(n Node) *Node {
	p := w.nodes.one()
	*p = n
	return p
}

// text returns a list of one text node holding value: the content of an element such as
// <incoming>Flow_1</incoming>.
func (w *writer) text(value string) []*Node {
	kids := w.kids.take(1)
	kids[0] = w.node(Node{Type: TextNode, Value: value})
	return kids
}

// name is qualify(prefix, local), built once per distinct name.
func (w *writer) name(prefix, local string) string {
	if prefix == "" {
		return local
	}
	key := [2]string{prefix, local}
	if q, ok := w.names[key]; ok {
		return q
	}
	if w.names == nil {
		w.names = make(map[[2]string]string)
	}
	q := qualify(prefix, local)
	w.names[key] = q
	return q
}

func qualify(prefix, local string) string {
	if prefix == "" {
		return local
	}
	return prefix + ":" + local
}

// diUsage reports whether the diagrams hold any dc:Bounds and any di:waypoint.
func diUsage(diagrams []*Diagram) (usesDC, usesDI bool) {
	for _, d := range diagrams {
		if d.Plane == nil {
			continue
		}
		for _, s := range d.Plane.Shapes {
			if s.Bounds != nil || (s.Label != nil && s.Label.Bounds != nil) {
				usesDC = true
			}
		}
		for _, e := range d.Plane.Edges {
			if len(e.Waypoints) > 0 {
				usesDI = true
			}
			if e.Label != nil && e.Label.Bounds != nil {
				usesDC = true
			}
		}
	}
	return usesDC, usesDI
}

// declarePrefix finds the prefix attrs bind to uri, adding an xmlns:want declaration after
// the last existing one when there is none (and want+"2", ... if want is taken).
func declarePrefix(attrs []Attr, want, uri string) ([]Attr, string) {
	lastNS := -1
	taken := map[string]bool{}
	for i, a := range attrs {
		if a.Name == "xmlns" || Prefix(a.Name) == "xmlns" {
			lastNS = i
			p := LocalName(a.Name)
			if a.Name == "xmlns" {
				p = ""
			}
			if a.Value == uri && p != "" {
				return attrs, p
			}
			taken[p] = true
		}
	}
	p := want
	for n := 2; taken[p]; n++ {
		p = want + strconv.Itoa(n)
	}
	decl := Attr{Name: "xmlns:" + p, Value: uri}
	out := make([]Attr, 0, len(attrs)+1)
	out = append(out, attrs[:lastNS+1]...)
	out = append(out, decl)
	out = append(out, attrs[lastNS+1:]...)
	return out, p
}

// Child groups, in output order (see Write).
const (
	rankDocumentation = iota
	rankExtensions
	rankRefs
	rankOther
	rankLaneSets
	rankFlowElements
	rankSequenceFlows
	rankArtifacts
	rankCount
)

func childRank(parent, c *Element) int {
	switch {
	case c.Type == "Documentation":
		return rankDocumentation
	case c.Type == "ExtensionElements":
		return rankExtensions
	case !parent.Is("FlowElementsContainer"):
		return rankOther
	case c.Type == "LaneSet":
		return rankLaneSets
	case c.Type == "SequenceFlow":
		return rankSequenceFlows
	case c.Is("FlowElement"):
		return rankFlowElements
	case c.Is("Artifact"):
		return rankArtifacts
	}
	return rankOther
}

func (w *writer) element(e *Element, depth int) (*Node, error) {
	if depth > maxReadDepth {
		return nil, fmt.Errorf("elements nest deeper than %d levels", maxReadDepth)
	}
	if e.Type == "" {
		return nil, fmt.Errorf("element %q has no type", e.ID)
	}
	if !knownType(e.Type) {
		return w.verbatim(e, depth)
	}
	tag := e.Tag
	if tag == "" {
		tag = tagForType(e.Type)
	}
	n := w.node(Node{Type: ElementNode, Name: w.name(w.prefix, tag), Attrs: elementAttrs(e)})
	if hasBody(e.Type) && e.Body != "" {
		n.Children = append(n.Children, bodyNode(e))
	}

	// Bucket the children by rank in one pass: linear, and stable within a rank.
	var buckets [rankCount][]*Element
	for _, c := range e.Children {
		r := childRank(e, c)
		buckets[r] = append(buckets[r], c)
	}
	for r, group := range buckets {
		if r == rankOther {
			n.Children = append(n.Children, w.childRefs(e)...)
			if tag, ok := bodyPropertyTags[e.Type]; ok && e.Body != "" {
				n.Children = append(n.Children, w.node(Node{Type: ElementNode, Name: w.name(w.prefix, tag),
					Children: w.text(e.Body)}))
			}
		}
		for _, c := range group {
			cn, err := w.element(c, depth+1)
			if err != nil {
				return nil, err
			}
			n.Children = append(n.Children, cn)
		}
	}
	return n, nil
}

// elementAttrs is e.Attrs, with id and name added in front when set on the struct only.
func elementAttrs(e *Element) []Attr {
	_, hasID := e.Attr("id")
	_, hasName := e.Attr("name")
	if (hasID || e.ID == "") && (hasName || e.Name == "") {
		if len(e.Attrs) == 0 {
			return nil
		}
		return append([]Attr(nil), e.Attrs...)
	}
	out := make([]Attr, 0, len(e.Attrs)+2)
	if !hasID && e.ID != "" {
		out = append(out, Attr{Name: "id", Value: e.ID})
	}
	if !hasName && e.Name != "" {
		out = append(out, Attr{Name: "name", Value: e.Name})
	}
	return append(out, e.Attrs...)
}

func bodyNode(e *Element) *Node {
	kind := TextNode
	if e.Node != nil {
		for _, c := range e.Node.Children {
			if c.Type == CDataNode {
				kind = CDataNode
				break
			}
		}
	}
	return &Node{Type: kind, Value: e.Body}
}

// childRefs writes the references BPMN keeps as child elements, in childRefTags order,
// resolved ones first and then the dangling ones. A key that e also carries as an
// attribute (a flow's sourceRef) was read from the attribute and is not repeated.
func (w *writer) childRefs(e *Element) []*Node {
	var out []*Node
	add := func(tag, id string) {
		out = append(out, w.node(Node{Type: ElementNode, Name: w.name(w.prefix, tag), Children: w.text(id)}))
	}
	tags := childRefTags
	if len(e.Refs) == 0 && len(e.Unresolved) == 0 {
		tags = tags[:2] // incoming and outgoing: the rest come only from Refs and Unresolved
	}
	for _, tag := range tags {
		var resolved []*Element
		switch tag {
		case "incoming":
			resolved = e.Incoming
		case "outgoing":
			resolved = e.Outgoing
		default:
			if _, isAttr := e.Attr(tag); isAttr {
				continue
			}
			resolved = e.Refs[tag]
		}
		for _, r := range resolved {
			add(tag, r.ID)
		}
		for _, id := range e.Unresolved[tag] {
			add(tag, id)
		}
	}
	return out
}

func (w *writer) verbatim(e *Element, depth int) (*Node, error) {
	if depth > maxReadDepth {
		return nil, fmt.Errorf("elements nest deeper than %d levels", maxReadDepth)
	}
	n := &Node{Type: ElementNode, Name: e.Type, Attrs: elementAttrs(e)}
	if e.Body != "" {
		n.Children = append(n.Children, bodyNode(e))
	}
	for _, c := range e.Children {
		cn, err := w.verbatim(c, depth+1)
		if err != nil {
			return nil, err
		}
		n.Children = append(n.Children, cn)
	}
	return n, nil
}

// formatCoord prints a diagram coordinate in the shortest form that reads back exactly:
// 150 -> "150", 150.5 -> "150.5".
func formatCoord(v float64) string {
	if v == 0 {
		return "0" // also for -0
	}
	if v == math.Trunc(v) && math.Abs(v) < 1e15 {
		return strconv.FormatInt(int64(v), 10) // the same digits, without the shortest-float search
	}
	return strconv.FormatFloat(v, 'f', -1, 64)
}

// idAttrs returns the id and bpmnElement attributes of a DI element (each when set), with
// room for extra more.
func (w *writer) idAttrs(id, bpmnElement string, extra int) []Attr {
	var attrs []Attr
	if n := len(id) + len(bpmnElement) + extra; n > 0 {
		attrs = w.attrs.take(2 + extra)[:0]
	}
	if id != "" {
		attrs = append(attrs, Attr{Name: "id", Value: id})
	}
	if bpmnElement != "" {
		attrs = append(attrs, Attr{Name: "bpmnElement", Value: bpmnElement})
	}
	return attrs
}

// drawnID is the id a DI element points at: its resolved element's, else the id as written.
func drawnID(e *Element, written string) string {
	if e != nil && e.ID != "" {
		return e.ID
	}
	return written
}

func (w *writer) diagram(d *Diagram) *Node {
	n := w.node(Node{Type: ElementNode, Name: w.name(w.bpmndi, "BPMNDiagram"), Attrs: w.idAttrs(d.ID, "", 0)})
	if p := d.Plane; p != nil {
		pn := w.node(Node{Type: ElementNode, Name: w.name(w.bpmndi, "BPMNPlane"),
			Attrs: w.idAttrs(p.ID, drawnID(p.Element, p.BPMNElement), 0)})
		if k := len(p.Shapes) + len(p.Edges); k > 0 {
			pn.Children = w.kids.take(k)[:0]
		}
		for _, s := range p.Shapes {
			pn.Children = append(pn.Children, w.shape(s))
		}
		for _, e := range p.Edges {
			pn.Children = append(pn.Children, w.edge(e))
		}
		n.Children = append(n.Children, pn)
	}
	return n
}

func (w *writer) shape(s *Shape) *Node {
	attrs := w.idAttrs(s.ID, drawnID(s.Element, s.BPMNElement), 3+len(s.Attrs))
	flag := func(name string, v *bool) {
		if v != nil {
			attrs = append(attrs, Attr{Name: name, Value: strconv.FormatBool(*v)})
		}
	}
	flag("isHorizontal", s.IsHorizontal)
	flag("isExpanded", s.IsExpanded)
	flag("isMarkerVisible", s.IsMarkerVisible)
	attrs = append(attrs, s.Attrs...)
	if len(attrs) == 0 {
		attrs = nil // no attributes is nil, as everywhere else in the tree
	}
	n := w.node(Node{Type: ElementNode, Name: w.name(w.bpmndi, "BPMNShape"), Attrs: attrs})
	if s.Bounds != nil || s.Label != nil {
		n.Children = w.kids.take(2)[:0]
	}
	if s.Bounds != nil {
		n.Children = append(n.Children, w.bounds(s.Bounds))
	}
	if s.Label != nil {
		n.Children = append(n.Children, w.label(s.Label))
	}
	return n
}

func (w *writer) edge(e *Edge) *Node {
	attrs := append(w.idAttrs(e.ID, drawnID(e.Element, e.BPMNElement), len(e.Attrs)), e.Attrs...)
	n := w.node(Node{Type: ElementNode, Name: w.name(w.bpmndi, "BPMNEdge"), Attrs: attrs})
	if len(e.Waypoints) > 0 || e.Label != nil {
		n.Children = w.kids.take(len(e.Waypoints) + 1)[:0]
	}
	for _, p := range e.Waypoints {
		xy := w.attrs.take(2)
		xy[0], xy[1] = Attr{Name: "x", Value: formatCoord(p.X)}, Attr{Name: "y", Value: formatCoord(p.Y)}
		n.Children = append(n.Children, w.node(Node{Type: ElementNode, Name: w.name(w.di, "waypoint"), Attrs: xy}))
	}
	if e.Label != nil {
		n.Children = append(n.Children, w.label(e.Label))
	}
	return n
}

func (w *writer) bounds(b *Bounds) *Node {
	attrs := w.attrs.take(4)
	attrs[0], attrs[1] = Attr{Name: "x", Value: formatCoord(b.X)}, Attr{Name: "y", Value: formatCoord(b.Y)}
	attrs[2], attrs[3] = Attr{Name: "width", Value: formatCoord(b.Width)}, Attr{Name: "height", Value: formatCoord(b.Height)}
	return w.node(Node{Type: ElementNode, Name: w.name(w.dc, "Bounds"), Attrs: attrs})
}

func (w *writer) label(l *Label) *Node {
	n := w.node(Node{Type: ElementNode, Name: w.name(w.bpmndi, "BPMNLabel")})
	if l.Bounds != nil {
		n.Children = w.kids.take(1)
		n.Children[0] = w.bounds(l.Bounds)
	}
	return n
}
