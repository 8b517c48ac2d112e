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
//
// The diagram's small elements (bounds, waypoints) and child references are each one call,
// and an element's start comes with its attributes: a compiled workflow writes tens of
// thousands of them, and the JSON sink writes each in a few appends of fixed text rather
// than one call per attribute.
type xmlSink interface {
	start(name *qname, attrs []Attr)             // attrs are its first attributes: nearly all it has
	startDI(name *qname, id, bpmnElement string) // a DI element, with these attributes when set
	attr(name, value string)
	attrList(attrs []Attr) // attr for each, in one call: elements have several
	text(kind NodeType, value string)
	end()
	ref(name *qname, id string)    // <name>id</name>: a child reference
	bounds(name *qname, b *Bounds) // <dc:Bounds x y width height/>
	waypoint(name *qname, p Point) // <di:waypoint x y/>
}

// qname is an element name, qualified as written, with the start of its xml-js JSON.
type qname struct {
	name string
	json string // {"type":"element","name":NAME
	// json followed by what follows it in a reference (<incoming>Flow_1</incoming>) and in a
	// dc:Bounds or di:waypoint, which the JSON sink writes tens of thousands of: one append
	// each instead of two.
	refStart   string // ,"elements":[{"type":"text","text":
	coordStart string // ,"attributes":{"x":"
	idStart    string // ,"attributes":{"id": (most elements' first attribute)
}

func newQName(name string) *qname {
	json := string(appendJSString([]byte(`{"type":"element","name":`), name))
	return &qname{name: name, json: json,
		refStart: json + refHead, coordStart: json + coordHead, idStart: json + idHead}
}

// writeModel walks defs in the house shape (see Write) into out.
func writeModel(defs *Definitions, out xmlSink) error {
	w, err := newWriter(defs)
	if err != nil {
		return err
	}
	return w.write(out)
}

// newWriter prepares the walk of defs: the namespace declarations and names it writes.
func newWriter(defs *Definitions) (*writer, error) {
	if defs == nil || defs.Element == nil {
		return nil, fmt.Errorf("no definitions to write")
	}
	w := &writer{prefix: defs.Prefix, root: defs.Element}
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
	w.incoming, w.outgoing = w.tag("incoming"), w.tag("outgoing")
	return w, nil
}

// write walks the model into out.
func (w *writer) write(out xmlSink) error {
	w.out = out
	return w.element(w.root, w.kind(w.root), 0)
}

type writer struct {
	out                    xmlSink
	prefix, bpmndi, dc, di string
	root                   *Element // written with rootAttrs, and the diagrams as its last children
	rootAttrs              []Attr
	diagrams               []*Diagram
	// A tree repeats a few names thousands of times: each is made once. BPMN tags are kept
	// by local name alone (a one-string key hashes several times faster than a pair).
	tags               map[string]*qname    // tag's results
	names              map[[2]string]*qname // name's results
	incoming, outgoing *qname               // the most written references
	diTags             *diNames             // made by the first diagram
	kindList           []*elementKind       // the kinds made, by their number
	kindScan           []*elementKind       // the same, in the order kind scans them
	placed             []placedChild        // of the elements being written, innermost last; reused
}

// placedChild is a child's kind (its number, 0 for none) and childRank, worked out once
// before its parent writes its children rank by rank. Four bytes, not a pointer's
// sixteen: a process has thousands of children.
type placedChild struct {
	kind uint16
	rank uint8
}

// elementKind is what writing an element of a BPMN type takes, worked out once per writer
// and type: a compiled workflow writes thousands of elements of a dozen types, and each
// answer looked up by the type's name cost a string-keyed map lookup (a fifth of the
// writer's own work).
type elementKind struct {
	set       *typeSet // the type's
	number    uint16   // its place in kindList, from 1
	tag       string   // the local name it is written under when its Tag is not another
	name      *qname   // tag, qualified
	hasBody   bool     // its Body is written as its text
	bodyTag   *qname   // else the child element its Body is written in (<text>, <script>), if any
	container bool     // a FlowElementsContainer: its children are grouped (see childRank)
	rank      [2]uint8 // its childRank under a parent that is not / is a container
}

// kind is e's elementKind, nil when e's type is not BPMN (written verbatim).
func (w *writer) kind(e *Element) *elementKind {
	set := e.kinds
	if set == nil || set.of != e.Type { // an element made without the builder or retyped
		if set = typeSetOf(e.Type); set == nil {
			return nil
		}
	}
	// A scan of the few kinds seen so far (a dozen in a compiled workflow; at most one per
	// BPMN type, about 130) costs a quarter of a map lookup.
	for i, k := range w.kindScan {
		if k.set == set {
			if i > 0 { // move it up one place, so that the commonest kinds come first
				w.kindScan[i-1], w.kindScan[i] = k, w.kindScan[i-1]
			}
			return k
		}
	}
	typed := &Element{Type: set.of, kinds: set}
	k := &elementKind{set: set, tag: tagForType(set.of), hasBody: hasBody(set.of), container: typed.Is("FlowElementsContainer")}
	k.name = w.tag(k.tag)
	if tag, ok := bodyPropertyTags[set.of]; ok {
		k.bodyTag = w.tag(tag)
	}
	for i, container := range []bool{false, true} {
		k.rank[i] = uint8(childRank(container, typed))
	}
	w.kindList = append(w.kindList, k)
	w.kindScan = append(w.kindScan, k)
	k.number = uint16(len(w.kindList)) // BPMN has about 130 types
	return k
}

// place is c's kind and childRank in a parent that is a container or not.
func (w *writer) place(container bool, c *Element) placedChild {
	k := w.kind(c)
	switch {
	case k == nil:
		return placedChild{rank: rankOther}
	case container:
		return placedChild{k.number, k.rank[1]}
	}
	return placedChild{k.number, k.rank[0]}
}

// diNames are the names of the DI elements, qualified with the document's DI prefixes.
type diNames struct {
	diagram, plane, shape, edge, label, bounds, waypoint *qname
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

// tag is the name of a BPMN element written as <prefix:local>, made once per local name.
func (w *writer) tag(local string) *qname {
	if q, ok := w.tags[local]; ok {
		return q
	}
	if w.tags == nil {
		w.tags = make(map[string]*qname)
	}
	q := newQName(qualify(w.prefix, local))
	w.tags[local] = q
	return q
}

// tagName is the name e, of kind k, is written under.
func (w *writer) tagName(e *Element, k *elementKind) *qname {
	if e.Tag == "" || e.Tag == k.tag {
		return k.name
	}
	return w.tag(e.Tag)
}

// diNames are the DI element names, made on first use.
func (w *writer) diNames() *diNames {
	if w.diTags == nil {
		w.diTags = &diNames{
			diagram: w.name(w.bpmndi, "BPMNDiagram"), plane: w.name(w.bpmndi, "BPMNPlane"),
			shape: w.name(w.bpmndi, "BPMNShape"), edge: w.name(w.bpmndi, "BPMNEdge"),
			label: w.name(w.bpmndi, "BPMNLabel"), bounds: w.name(w.dc, "Bounds"),
			waypoint: w.name(w.di, "waypoint"),
		}
	}
	return w.diTags
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

// childRank is the group a child c of a BPMN type is written in, in a parent that is a
// FlowElementsContainer or not.
func childRank(inContainer bool, c *Element) int {
	switch {
	case c.Type == "Documentation":
		return rankDocumentation
	case c.Type == "ExtensionElements":
		return rankExtensions
	case !inContainer:
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

// element writes e, of kind k (nil when its type is not BPMN).
func (w *writer) element(e *Element, k *elementKind, depth int) error {
	if depth > maxReadDepth {
		return fmt.Errorf("elements nest deeper than %d levels", maxReadDepth)
	}
	if e.Type == "" {
		return fmt.Errorf("element %q has no type", e.ID)
	}
	if k == nil {
		return w.verbatim(e, depth)
	}
	w.open(w.tagName(e, k), e)
	if k.hasBody && e.Body != "" {
		w.out.text(bodyKind(e), e.Body)
	}
	if len(e.Children) == 0 { // most elements: only what comes with rankOther
		w.properties(e, k)
	} else if err := w.children(e, k, depth); err != nil {
		return err
	}
	w.end(e)
	return nil
}

// end ends e, after the diagrams when e is the root: they are its last children.
func (w *writer) end(e *Element) {
	if e == w.root {
		for _, d := range w.diagrams {
			w.diagram(d)
		}
	}
	w.out.end()
}

// properties writes what the house shape puts before e's other children: the child
// references and the string property.
func (w *writer) properties(e *Element, k *elementKind) {
	w.childRefs(e)
	if k.bodyTag != nil && e.Body != "" {
		w.out.ref(k.bodyTag, e.Body)
	}
}

// children writes e's children rank by rank (stable within a rank), from their ranks worked
// out once: linear, and no list per rank.
func (w *writer) children(e *Element, k *elementKind, depth int) error {
	mark := len(w.placed)
	w.placed = slices.Grow(w.placed, len(e.Children))
	present := 0
	for _, c := range e.Children {
		p := w.place(k.container, c)
		w.placed = append(w.placed, p)
		present |= 1 << p.rank
	}
	for r := range uint8(rankCount) {
		if r == rankOther {
			w.properties(e, k)
		}
		if present&(1<<r) == 0 {
			continue
		}
		for i, c := range e.Children {
			if p := w.placed[mark+i]; p.rank == r {
				var k *elementKind
				if p.kind > 0 {
					k = w.kindList[p.kind-1]
				}
				if err := w.element(c, k, depth+1); err != nil {
					return err
				}
			}
		}
	}
	w.placed = w.placed[:mark]
	return nil
}

// open starts e under name with its attributes (see elementAttrs); the root's come with the
// namespace declarations Write adds.
func (w *writer) open(name *qname, e *Element) {
	if e == w.root {
		w.out.start(name, w.rootAttrs)
		return
	}
	addID, addName := addedAttrs(e)
	if !addID && !addName { // all but elements built in code
		w.out.start(name, e.Attrs)
		return
	}
	w.out.start(name, nil)
	if addID {
		w.out.attr("id", e.ID)
	}
	if addName {
		w.out.attr("name", e.Name)
	}
	w.out.attrList(e.Attrs)
}

// addedAttrs reports whether e is written with an id and a name attribute it has only as
// ID and Name, not in Attrs (an element built in code).
func addedAttrs(e *Element) (id, name bool) {
	hasID, hasName := e.ID == "", e.Name == "" // nothing to add when unset
	for _, a := range e.Attrs {
		hasID = hasID || a.Name == "id"
		hasName = hasName || a.Name == "name"
		if hasID && hasName { // usually within the first two: the builder puts id and name first
			break
		}
	}
	return !hasID, !hasName
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
	w.eachRef(e, func(name *qname, id string) { w.out.ref(name, id) })
}

// eachRef calls ref with each child reference of e, in the order childRefs writes them.
func (w *writer) eachRef(e *Element, ref func(name *qname, id string)) {
	for _, r := range e.Incoming {
		ref(w.incoming, r.ID)
	}
	dangling := len(e.Unresolved) > 0 // skips two lookups in the usual nil map
	if dangling {
		for _, id := range e.Unresolved["incoming"] {
			ref(w.incoming, id)
		}
	}
	for _, r := range e.Outgoing {
		ref(w.outgoing, r.ID)
	}
	if dangling {
		for _, id := range e.Unresolved["outgoing"] {
			ref(w.outgoing, id)
		}
	}
	if len(e.Refs) == 0 && !dangling {
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
		name := w.tag(tag)
		for _, r := range resolved {
			ref(name, r.ID)
		}
		for _, id := range dangling {
			ref(name, id)
		}
	}
}

func (w *writer) verbatim(e *Element, depth int) error {
	if depth > maxReadDepth {
		return fmt.Errorf("elements nest deeper than %d levels", maxReadDepth)
	}
	w.open(w.name("", e.Type), e)
	if e.Body != "" {
		w.out.text(bodyKind(e), e.Body)
	}
	for _, c := range e.Children {
		if err := w.verbatim(c, depth+1); err != nil {
			return err
		}
	}
	w.end(e)
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
//
// Most coordinates are whole, non-negative and below a million: their digits are written
// from a table of three-digit groups, a few stores each, in a fifth of what strconv's general
// formatting costs (a compiled workflow has tens of thousands), and in this one call.
func appendCoord(buf []byte, v float64) []byte {
	// -0 is 0; a negative, too large or fractional v converts to a u that differs.
	switch u := uint32(v); {
	case float64(u) != v:
		if i, ok := coordInt(v); ok {
			return strconv.AppendInt(buf, i, 10)
		}
		return strconv.AppendFloat(buf, v, 'f', -1, 64)
	case u < 1000:
		return appendDigits(buf, u)
	case u < 1000000:
		d := &decimalGroups[u%1000]
		return append(appendDigits(buf, u/1000), d[0], d[1], d[2])
	default:
		return strconv.AppendUint(buf, uint64(u), 10)
	}
}

// appendDigits appends u, below 1000, in decimal.
func appendDigits(buf []byte, u uint32) []byte {
	d := &decimalGroups[u]
	switch {
	case u < 10:
		return append(buf, d[2])
	case u < 100:
		return append(buf, d[1], d[2])
	}
	return append(buf, d[0], d[1], d[2])
}

// decimalGroups holds 0 to 999 in three zero-padded digits: decimalGroups[7] is "007".
var decimalGroups = func() (t [1000][3]byte) {
	for u := range t {
		t[u] = [3]byte{byte('0' + u/100), byte('0' + u/10%10), byte('0' + u%10)}
	}
	return t
}()

// decimalSize is the number of digits of u in decimal; coordinates have 1 to 6.
func decimalSize(u uint32) int {
	switch {
	case u < 10:
		return 1
	case u < 100:
		return 2
	case u < 1000:
		return 3
	case u < 10000:
		return 4
	case u < 100000:
		return 5
	case u < 1000000:
		return 6
	}
	n := 7
	for u /= 10000000; u > 0; u /= 10 {
		n++
	}
	return n
}

// coordInt is v as an integer when it is one that prints with the same digits, which spares
// the shortest-float search; -0 is 0.
func coordInt(v float64) (int64, bool) {
	if v == math.Trunc(v) && math.Abs(v) < 1e15 {
		return int64(v), true
	}
	return 0, false
}

// drawnID is the id a DI element points at: its resolved element's, else the id as written.
func drawnID(e *Element, written string) string {
	if e != nil && e.ID != "" {
		return e.ID
	}
	return written
}

func (w *writer) diagram(d *Diagram) {
	names := w.diNames()
	w.out.startDI(names.diagram, d.ID, "")
	if p := d.Plane; p != nil {
		w.out.startDI(names.plane, p.ID, drawnID(p.Element, p.BPMNElement))
		for _, s := range p.Shapes {
			w.shape(names, s)
		}
		for _, e := range p.Edges {
			w.edge(names, e)
		}
		w.out.end()
	}
	w.out.end()
}

func (w *writer) shape(names *diNames, s *Shape) {
	w.out.startDI(names.shape, s.ID, drawnID(s.Element, s.BPMNElement))
	if s.IsHorizontal != nil || s.IsExpanded != nil || s.IsMarkerVisible != nil {
		for _, f := range shapeFlags(s) {
			if f.v != nil {
				w.out.attr(f.name, strconv.FormatBool(*f.v))
			}
		}
	}
	if len(s.Attrs) > 0 { // seldom: a compiled diagram's shapes and edges have none
		w.out.attrList(s.Attrs)
	}
	if s.Bounds != nil {
		w.out.bounds(names.bounds, s.Bounds)
	}
	if s.Label != nil {
		w.label(names, s.Label)
	}
	w.out.end()
}

// shapeFlag is one of a shape's optional flags; nil when absent.
type shapeFlag struct {
	name string
	v    *bool
}

// shapeFlags are s's flags, in the order they are written.
func shapeFlags(s *Shape) [3]shapeFlag {
	return [3]shapeFlag{{"isHorizontal", s.IsHorizontal}, {"isExpanded", s.IsExpanded}, {"isMarkerVisible", s.IsMarkerVisible}}
}

func (w *writer) edge(names *diNames, e *Edge) {
	w.out.startDI(names.edge, e.ID, drawnID(e.Element, e.BPMNElement))
	if len(e.Attrs) > 0 {
		w.out.attrList(e.Attrs)
	}
	for _, p := range e.Waypoints {
		w.out.waypoint(names.waypoint, p)
	}
	if e.Label != nil {
		w.label(names, e.Label)
	}
	w.out.end()
}

func (w *writer) label(names *diNames, l *Label) {
	w.out.start(names.label, nil)
	if l.Bounds != nil {
		w.out.bounds(names.bounds, l.Bounds)
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

func (t *treeSink) start(name *qname, attrs []Attr) {
	t.settle()
	t.open = append(t.open, t.node(Node{Type: ElementNode, Name: name.name}))
	t.marks = append(t.marks, len(t.done))
	t.pending = append(t.pending, attrs...)
}

func (t *treeSink) startDI(name *qname, id, bpmnElement string) {
	t.start(name, nil)
	if id != "" {
		t.attr("id", id)
	}
	if bpmnElement != "" {
		t.attr("bpmnElement", bpmnElement)
	}
}

func (t *treeSink) attr(name, value string) {
	t.pending = append(t.pending, Attr{Name: name, Value: value})
}

func (t *treeSink) attrList(attrs []Attr) { t.pending = append(t.pending, attrs...) }

func (t *treeSink) ref(name *qname, id string) {
	t.start(name, nil)
	t.text(TextNode, id)
	t.end()
}

func (t *treeSink) bounds(name *qname, b *Bounds) {
	t.start(name, nil)
	t.attr("x", formatCoord(b.X))
	t.attr("y", formatCoord(b.Y))
	t.attr("width", formatCoord(b.Width))
	t.attr("height", formatCoord(b.Height))
	t.end()
}

func (t *treeSink) waypoint(name *qname, p Point) {
	t.start(name, nil)
	t.attr("x", formatCoord(p.X))
	t.attr("y", formatCoord(p.Y))
	t.end()
}

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
