package bpmn

import (
	"fmt"
	"math"
	"slices"
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
	var t treeSink
	if err := writeModel(defs, &t); err != nil {
		return nil, err
	}
	return &Document{Children: t.done}, nil
}

// xmlSink receives a model as the nodes of its xml-js tree, in document order: an element's
// start, its attributes, its children (elements and text), its end. Write builds the tree
// from these calls (treeSink); the taskflow encoder writes the tree's JSON straight from
// them (jsonSink, model_json.go), so compiling never holds the whole tree. Both therefore
// always agree.
type xmlSink interface {
	start(name *qname)
	attr(name, value string)
	coord(name string, v float64) // an attribute holding a diagram coordinate
	text(kind NodeType, value string)
	end()
}

// qname is an element name, qualified as written, with the start of its xml-js JSON.
type qname struct {
	name string
	json string // {"type":"element","name":NAME
}

func newQName(name string) *qname {
	return &qname{name: name, json: string(appendJSString([]byte(`{"type":"element","name":`), name))}
}

// writeModel walks defs in the house shape (see Write) into out.
func writeModel(defs *Definitions, out xmlSink) error {
	if defs == nil || defs.Element == nil {
		return fmt.Errorf("no definitions to write")
	}
	w := &writer{out: out, prefix: defs.Prefix, root: defs.Element}
	// Declare a DI namespace only when something is written in it, so that a document
	// without shapes (SecMaster's empty plane) keeps exactly its own declarations.
	attrs := elementAttrs(defs.Element)
	usesDC, usesDI := diUsage(defs.Diagrams)
	if len(defs.Diagrams) > 0 {
		attrs, w.bpmndi = declarePrefix(attrs, "bpmndi", bpmnDIURI)
	}
	if usesDC {
		attrs, w.dc = declarePrefix(attrs, "dc", ddDCURI)
	}
	if usesDI {
		attrs, w.di = declarePrefix(attrs, "di", ddDIURI)
	}
	w.rootAttrs, w.diagrams = attrs, defs.Diagrams
	w.incoming, w.outgoing = w.name(w.prefix, "incoming"), w.name(w.prefix, "outgoing")
	return w.element(defs.Element, 0)
}

type writer struct {
	out                    xmlSink
	prefix, bpmndi, dc, di string
	root                   *Element // written with rootAttrs, and the diagrams as its last children
	rootAttrs              []Attr
	diagrams               []*Diagram
	names                  map[[2]string]*qname // name's results: a tree repeats a few names thousands of times
	incoming, outgoing     *qname               // the most written references
	ranks                  []uint8              // childRank of each child, reused
}

// name is qualify(prefix, local), made once per distinct name.
func (w *writer) name(prefix, local string) *qname {
	key := [2]string{prefix, local}
	if q, ok := w.names[key]; ok {
		return q
	}
	if w.names == nil {
		w.names = make(map[[2]string]*qname)
	}
	q := newQName(qualify(prefix, local))
	w.names[key] = q
	return q
}

// tagName is the name e is written under.
func (w *writer) tagName(e *Element) *qname {
	tag := e.Tag
	if tag == "" {
		tag = tagForType(e.Type)
	}
	return w.name(w.prefix, tag)
}

// textElement writes <name>value</name>: a child reference such as <incoming>Flow_1</incoming>.
func (w *writer) textElement(name *qname, value string) {
	w.out.start(name)
	w.out.text(TextNode, value)
	w.out.end()
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

func (w *writer) element(e *Element, depth int) error {
	if depth > maxReadDepth {
		return fmt.Errorf("elements nest deeper than %d levels", maxReadDepth)
	}
	if e.Type == "" {
		return fmt.Errorf("element %q has no type", e.ID)
	}
	if !knownType(e.Type) {
		return w.verbatim(e, depth)
	}
	w.out.start(w.tagName(e))
	w.attrs(e)
	if hasBody(e.Type) && e.Body != "" {
		w.out.text(bodyKind(e), e.Body)
	}

	// Write the children rank by rank (stable within a rank), from their ranks worked out
	// once: linear, and no list per rank.
	mark := len(w.ranks)
	w.ranks = slices.Grow(w.ranks, len(e.Children))
	present := 0
	for _, c := range e.Children {
		r := childRank(e, c)
		w.ranks = append(w.ranks, uint8(r))
		present |= 1 << r
	}
	for r := range rankCount {
		if r == rankOther {
			w.childRefs(e)
			if tag, ok := bodyPropertyTags[e.Type]; ok && e.Body != "" {
				w.textElement(w.name(w.prefix, tag), e.Body)
			}
		}
		if present&(1<<r) == 0 {
			continue
		}
		for i, c := range e.Children {
			if int(w.ranks[mark+i]) != r {
				continue
			}
			if err := w.element(c, depth+1); err != nil {
				return err
			}
		}
	}
	w.ranks = w.ranks[:mark]
	if e == w.root {
		for _, d := range w.diagrams {
			w.diagram(d)
		}
	}
	w.out.end()
	return nil
}

// attrs writes e's attributes (see elementAttrs); the root's come with the namespace
// declarations Write adds.
func (w *writer) attrs(e *Element) {
	if e == w.root {
		for _, a := range w.rootAttrs {
			w.out.attr(a.Name, a.Value)
		}
		return
	}
	hasID, hasName := e.ID == "", e.Name == "" // nothing to add when unset
	for _, a := range e.Attrs {
		hasID = hasID || a.Name == "id"
		hasName = hasName || a.Name == "name"
	}
	if !hasID {
		w.out.attr("id", e.ID)
	}
	if !hasName {
		w.out.attr("name", e.Name)
	}
	for _, a := range e.Attrs {
		w.out.attr(a.Name, a.Value)
	}
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

// bodyKind is how e's Body is written: as CDATA when it was read from CDATA, else as text.
func bodyKind(e *Element) NodeType {
	if e.Node != nil {
		for _, c := range e.Node.Children {
			if c.Type == CDataNode {
				return CDataNode
			}
		}
	}
	return TextNode
}

// childRefs writes the references BPMN keeps as child elements, in childRefTags order,
// resolved ones first and then the dangling ones. A key that e also carries as an
// attribute (a flow's sourceRef) was read from the attribute and is not repeated.
func (w *writer) childRefs(e *Element) {
	for _, r := range e.Incoming {
		w.textElement(w.incoming, r.ID)
	}
	for _, id := range e.Unresolved["incoming"] {
		w.textElement(w.incoming, id)
	}
	for _, r := range e.Outgoing {
		w.textElement(w.outgoing, r.ID)
	}
	for _, id := range e.Unresolved["outgoing"] {
		w.textElement(w.outgoing, id)
	}
	if len(e.Refs) == 0 && len(e.Unresolved) == 0 {
		return // the rest come only from Refs and Unresolved
	}
	for _, tag := range childRefTags[2:] {
		if _, isAttr := e.Attr(tag); isAttr {
			continue
		}
		resolved, dangling := e.Refs[tag], e.Unresolved[tag]
		if len(resolved)+len(dangling) == 0 {
			continue
		}
		name := w.name(w.prefix, tag)
		for _, r := range resolved {
			w.textElement(name, r.ID)
		}
		for _, id := range dangling {
			w.textElement(name, id)
		}
	}
}

func (w *writer) verbatim(e *Element, depth int) error {
	if depth > maxReadDepth {
		return fmt.Errorf("elements nest deeper than %d levels", maxReadDepth)
	}
	w.out.start(newQName(e.Type))
	if e == w.root {
		w.attrs(e)
	} else {
		for _, a := range elementAttrs(e) {
			w.out.attr(a.Name, a.Value)
		}
	}
	if e.Body != "" {
		w.out.text(bodyKind(e), e.Body)
	}
	for _, c := range e.Children {
		if err := w.verbatim(c, depth+1); err != nil {
			return err
		}
	}
	if e == w.root {
		for _, d := range w.diagrams {
			w.diagram(d)
		}
	}
	w.out.end()
	return nil
}

// formatCoord prints a diagram coordinate in the shortest form that reads back exactly:
// 150 -> "150", 150.5 -> "150.5".
func formatCoord(v float64) string {
	if i, ok := coordInt(v); ok {
		return strconv.FormatInt(i, 10) // no allocation below 100
	}
	return strconv.FormatFloat(v, 'f', -1, 64)
}

// appendCoord appends formatCoord(v) to buf.
func appendCoord(buf []byte, v float64) []byte {
	if i, ok := coordInt(v); ok {
		return strconv.AppendInt(buf, i, 10)
	}
	return strconv.AppendFloat(buf, v, 'f', -1, 64)
}

// coordInt is v as an integer when it is one that prints with the same digits, which spares
// the shortest-float search; -0 is 0.
func coordInt(v float64) (int64, bool) {
	if v == math.Trunc(v) && math.Abs(v) < 1e15 {
		return int64(v), true
	}
	return 0, false
}

// diIDs writes the id and bpmnElement attributes of a DI element, each when set.
func (w *writer) diIDs(id, bpmnElement string) {
	if id != "" {
		w.out.attr("id", id)
	}
	if bpmnElement != "" {
		w.out.attr("bpmnElement", bpmnElement)
	}
}

// drawnID is the id a DI element points at: its resolved element's, else the id as written.
func drawnID(e *Element, written string) string {
	if e != nil && e.ID != "" {
		return e.ID
	}
	return written
}

func (w *writer) diagram(d *Diagram) {
	w.out.start(w.name(w.bpmndi, "BPMNDiagram"))
	w.diIDs(d.ID, "")
	if p := d.Plane; p != nil {
		w.out.start(w.name(w.bpmndi, "BPMNPlane"))
		w.diIDs(p.ID, drawnID(p.Element, p.BPMNElement))
		shape, edge := w.name(w.bpmndi, "BPMNShape"), w.name(w.bpmndi, "BPMNEdge")
		for _, s := range p.Shapes {
			w.shape(shape, s)
		}
		for _, e := range p.Edges {
			w.edge(edge, e)
		}
		w.out.end()
	}
	w.out.end()
}

func (w *writer) shape(name *qname, s *Shape) {
	w.out.start(name)
	w.diIDs(s.ID, drawnID(s.Element, s.BPMNElement))
	flag := func(name string, v *bool) {
		if v != nil {
			w.out.attr(name, strconv.FormatBool(*v))
		}
	}
	flag("isHorizontal", s.IsHorizontal)
	flag("isExpanded", s.IsExpanded)
	flag("isMarkerVisible", s.IsMarkerVisible)
	for _, a := range s.Attrs {
		w.out.attr(a.Name, a.Value)
	}
	if s.Bounds != nil {
		w.bounds(s.Bounds)
	}
	if s.Label != nil {
		w.label(s.Label)
	}
	w.out.end()
}

func (w *writer) edge(name *qname, e *Edge) {
	w.out.start(name)
	w.diIDs(e.ID, drawnID(e.Element, e.BPMNElement))
	for _, a := range e.Attrs {
		w.out.attr(a.Name, a.Value)
	}
	if len(e.Waypoints) > 0 {
		waypoint := w.name(w.di, "waypoint")
		for _, p := range e.Waypoints {
			w.out.start(waypoint)
			w.out.coord("x", p.X)
			w.out.coord("y", p.Y)
			w.out.end()
		}
	}
	if e.Label != nil {
		w.label(e.Label)
	}
	w.out.end()
}

func (w *writer) bounds(b *Bounds) {
	w.out.start(w.name(w.dc, "Bounds"))
	w.out.coord("x", b.X)
	w.out.coord("y", b.Y)
	w.out.coord("width", b.Width)
	w.out.coord("height", b.Height)
	w.out.end()
}

func (w *writer) label(l *Label) {
	w.out.start(w.name(w.bpmndi, "BPMNLabel"))
	if l.Bounds != nil {
		w.bounds(l.Bounds)
	}
	w.out.end()
}

// treeSink builds the xml-js tree of what it is given. The tree's parts come from slabs
// (see slab): tens of thousands of small objects for a large workflow otherwise.
type treeSink struct {
	nodes slab[Node]
	attrs slab[Attr]
	kids  slab[*Node]

	open    []*Node // elements started and not yet ended, innermost last
	marks   []int   // for each open element, where its children start in done
	pending []Attr  // attributes of the innermost open element, until its first child
	done    []*Node // finished nodes whose parent is still open; after the walk, the top level
}

func (t *treeSink) node(n Node) *Node {
	p := t.nodes.one()
	*p = n
	return p
}

// settle gives the innermost open element the attributes written since it started.
func (t *treeSink) settle() {
	if len(t.pending) == 0 {
		return
	}
	n := t.open[len(t.open)-1]
	n.Attrs = t.attrs.take(len(t.pending))
	copy(n.Attrs, t.pending)
	t.pending = t.pending[:0]
}

func (t *treeSink) start(name *qname) {
	t.settle()
	t.open = append(t.open, t.node(Node{Type: ElementNode, Name: name.name}))
	t.marks = append(t.marks, len(t.done))
}

func (t *treeSink) attr(name, value string) {
	t.pending = append(t.pending, Attr{Name: name, Value: value})
}

func (t *treeSink) coord(name string, v float64) { t.attr(name, formatCoord(v)) }

func (t *treeSink) text(kind NodeType, value string) {
	t.settle()
	t.done = append(t.done, t.node(Node{Type: kind, Value: value}))
}

func (t *treeSink) end() {
	t.settle()
	last := len(t.open) - 1
	n, mark := t.open[last], t.marks[last]
	t.open, t.marks = t.open[:last], t.marks[:last]
	if kids := t.done[mark:]; len(kids) > 0 {
		n.Children = t.kids.take(len(kids))
		copy(n.Children, kids)
	}
	t.done = append(t.done[:mark], n)
}
