package bpmn

import (
	"encoding/base64"
	"encoding/binary"
	"io"
	"strconv"
	"strings"
)

// The taskflow written straight from the model. Compiling a large workflow used to build
// its whole xml-js tree (Write) only to encode it as JSON: tens of thousands of nodes and
// attributes made and dropped, a tenth of compile time and a fifth of its garbage. The
// model is walked here in the same order as Write (writeModel) and each node's JSON is
// written as it is reached, byte for byte what EncodeTaskflow(Write(defs)) gives.

// EncodeModelTaskflow is EncodeTaskflow(Write(defs)) without the tree: the base64
// taskflow SecMaster stores for defs.
func EncodeModelTaskflow(defs *Definitions) (string, error) {
	w, err := newWriter(defs)
	if err != nil {
		return "", err
	}
	// The JSON streams through the base64 encoder in chunks straight into the string's
	// storage, sized once: exactly, unless strings need escapes (see jsonSize).
	var sb strings.Builder
	sb.Grow(base64.StdEncoding.EncodedLen(taskflowJSONSize(w.jsonSize())))
	if err := w.writeTaskflow(&sb); err != nil {
		return "", err
	}
	return sb.String(), nil
}

// WriteModelTaskflow writes EncodeModelTaskflow(defs) to w as it is encoded, a few
// kilobytes at a time: a large workflow's taskflow (21 MB of base64 at 10,000 steps) need
// never be whole in memory on its way to a file. A failed write to w ends it with w's error.
func WriteModelTaskflow(defs *Definitions, w io.Writer) error {
	wr, err := newWriter(defs)
	if err != nil {
		return err
	}
	return wr.writeTaskflow(w)
}

// writeTaskflow writes the base64 taskflow of the model wr walks to w.
func (wr *writer) writeTaskflow(w io.Writer) error {
	b64 := newBase64Writer(w)
	if err := wr.writeJSON(b64, true); err != nil {
		return err
	}
	return b64.Close()
}

// EncodeModelTaskflowJSON is EncodeTaskflowJSON(Write(defs)) without the tree: the
// envelope JSON, before base64.
func EncodeModelTaskflowJSON(defs *Definitions) ([]byte, error) {
	var b strings.Builder
	if err := writeModelJSON(defs, &b, true); err != nil {
		return nil, err
	}
	return []byte(b.String()), nil
}

// EncodeModelTreeJSON is EncodeTreeJSON(Write(defs), "") without the tree: the compact
// xml-js JSON of defs.
func EncodeModelTreeJSON(defs *Definitions) ([]byte, error) {
	var b strings.Builder
	if err := writeModelJSON(defs, &b, false); err != nil {
		return nil, err
	}
	return []byte(b.String()), nil
}

// taskflowJSONSize is the length of the envelope around JSON of the given length, and room
// for escapes: 1 byte in 256, and 64. A taskflow's strings are ids, names and expressions,
// which seldom need escapes; more than that only makes the output grow once.
func taskflowJSONSize(jsonSize int) int {
	n := len(envelopeStart) + jsonSize + len("}")
	return n + n/256 + 64
}

// writeModelJSON writes the compact xml-js JSON of defs to w, inside the taskflow envelope
// when envelope is set, in which case defs must be a BPMN document (see CheckBPMN).
func writeModelJSON(defs *Definitions, w io.Writer, envelope bool) error {
	wr, err := newWriter(defs)
	if err != nil {
		return err
	}
	return wr.writeJSON(w, envelope)
}

// writeJSON is writeModelJSON for the model w walks.
func (wr *writer) writeJSON(w io.Writer, envelope bool) error {
	s := &jsonSink{w: w, buf: make([]byte, 2*sinkFlushAt), checkRoot: envelope}
	b := s.tail()
	if envelope {
		b = append(b, envelopeStart...)
	}
	s.keep(append(b, `{"elements":[`...))
	s.state = inFirstChild
	if err := wr.write(s); err != nil {
		return err
	}
	b = append(s.tail(), "]}"...)
	if envelope {
		b = append(b, '}')
	}
	s.keep(b)
	s.flush()
	return s.err
}

// sinkFlushAt is how full a jsonSink's chunk gets before it is written out, in bytes: half
// the chunk, so that an element almost always fits in the rest. Small, because the chunk is
// allocated per taskflow on top of the taskflow itself (8 KiB costs no more per byte written
// than 32 KiB: the base64 writer encodes 3 KiB at a time anyway).
const sinkFlushAt = 8 << 10

// Where a jsonSink is in the element it writes.
const (
	inName       = iota // after its name: no attributes or children yet
	inAttributes        // in its attributes
	inFirstChild        // its elements opened, none written (the document's)
	inChildren          // in its elements
)

// jsonSink is an xmlSink writing the xml-js JSON of what it is given (see tree_json.go for
// the format), compact, in chunks to w.
//
// Each method appends to the chunk through a local slice (tail, keep) and stores only the
// length: the sink lives on the heap, and storing a slice into it after every append cost a
// GC write barrier each time (a tenth of writing the JSON while the GC marks).
type jsonSink struct {
	w         io.Writer
	buf       []byte // the chunk; len(buf) == cap(buf)
	n         int    // bytes of buf in use
	err       error
	state     int  // of the innermost element written (one of in*); its parent's is inChildren
	checkRoot bool // fail unless the first element is a definitions element
}

// tail is the chunk in use, to append to and give back to keep.
func (s *jsonSink) tail() []byte { return s.buf[:s.n] }

// keep takes back what was appended to tail, keeping the new array when an append outgrew
// the chunk (a string longer than the room left).
func (s *jsonSink) keep(b []byte) {
	if cap(b) != cap(s.buf) {
		s.buf = b[:cap(b)]
	}
	s.n = len(b)
}

func (s *jsonSink) flush() {
	if s.err == nil && s.n > 0 {
		_, s.err = s.w.Write(s.buf[:s.n])
	}
	s.n = 0
}

// child starts a child of the innermost open element.
func child(b []byte, state int) []byte {
	switch state {
	case inName:
		return append(b, `,"elements":[`...)
	case inAttributes:
		return append(b, `},"elements":[`...)
	case inChildren:
		return append(b, ',')
	}
	return b
}

func (s *jsonSink) start(name *qname, attrs []Attr) {
	if s.checkRoot {
		s.checkRoot = false
		if err := checkRootName(name.name); err != nil && s.err == nil {
			s.err = err
		}
	}
	b, state := child(s.tail(), s.state), inName
	if len(attrs) > 0 && attrs[0].Name == "id" {
		b, state = appendQuoted(append(b, name.idStart...), attrs[0].Value), inAttributes
		attrs = attrs[1:]
	} else {
		b = append(b, name.json...)
	}
	s.appendAttrs(b, state, attrs)
}

// startDI is start for a DI shape or edge, whose attributes are its id and the element it
// draws (either may be empty): the two written straight, with no []Attr to build.
func (s *jsonSink) startDI(name *qname, id, bpmnElement string) {
	b, state := child(s.tail(), s.state), inName
	if id != "" {
		b, state = appendQuoted(append(b, name.idStart...), id), inAttributes
	} else {
		b = append(b, name.json...)
	}
	if bpmnElement != "" {
		if state == inAttributes { // after the id, as nearly always
			b = append(b, `,"bpmnElement":`...)
		} else {
			b = key(b, state, "bpmnElement")
		}
		b, state = appendQuoted(b, bpmnElement), inAttributes
	}
	s.keep(b)
	s.state = state
}

// key starts an attribute.
func key(b []byte, state int, name string) []byte {
	if state == inName {
		b = append(b, `,"attributes":{`...)
	} else {
		b = append(b, ',')
	}
	// The names the compiler writes on every element and shape, and on every task, gateway
	// and approval, quoted in advance: a switch on constants costs a fifth of quoting them.
	switch name {
	case "id":
		return append(b, `"id":`...)
	case "name":
		return append(b, `"name":`...)
	case "bpmnElement":
		return append(b, `"bpmnElement":`...)
	case "sourceRef":
		return append(b, `"sourceRef":`...)
	case "targetRef":
		return append(b, `"targetRef":`...)
	case "default":
		return append(b, `"default":`...)
	case "soar:plugin":
		return append(b, `"soar:plugin":`...)
	case "soar:action":
		return append(b, `"soar:action":`...)
	case "wfc:step":
		return append(b, `"wfc:step":`...)
	case "flowable:dueDate":
		return append(b, `"flowable:dueDate":`...)
	case "soar:due_handle":
		return append(b, `"soar:due_handle":`...)
	case "soar:handlers":
		return append(b, `"soar:handlers":`...)
	}
	return append(appendQuoted(b, name), ':')
}

func (s *jsonSink) attr(name, value string) {
	s.keep(appendQuoted(key(s.tail(), s.state, name), value))
	s.state = inAttributes
}

func (s *jsonSink) attrList(attrs []Attr) { s.appendAttrs(s.tail(), s.state, attrs) }

// appendAttrs appends attrs to b, the chunk in use, written up to the given state, and keeps it.
func (s *jsonSink) appendAttrs(b []byte, state int, attrs []Attr) {
	for _, a := range attrs {
		b = appendQuoted(key(b, state, a.Name), a.Value)
		state = inAttributes
	}
	s.keep(b)
	s.state = state
}

// appendQuoted is appendJSString(b, s), faster for the strings of 8 to 16 bytes that are
// four in five of a compiled taskflow's (ids, references, names): it tests s as two
// overlapping words (plainWord), its first and last eight bytes, and stores them, instead of
// scanning s (plainPrefix) and then copying it (append, a call to memmove). That costs a
// third of the instructions (the JSON of a compiled workflow, 7% fewer). Other strings, and
// those that need escapes or more room than the sink's chunk has, go to appendJSString.
func appendQuoted(b []byte, s string) []byte {
	at, n := len(b), len(s)
	if n < 8 || n > 16 || cap(b)-at < n+2 {
		return appendJSString(b, s)
	}
	first, last := loadWord(s[:8]), loadWord(s[n-8:])
	if !plainWord(first) || !plainWord(last) {
		return appendJSString(b, s)
	}
	b = b[:at+n+2]
	b[at] = '"'
	binary.LittleEndian.PutUint64(b[at+1:], first)
	binary.LittleEndian.PutUint64(b[at+1+n-8:], last)
	b[at+1+n] = '"'
	return b
}

// The text after an element's name in a reference, in a dc:Bounds or di:waypoint, and before
// an id that is the first attribute (see qname).
const (
	refHead   = `,"elements":[{"type":"text","text":`
	coordHead = `,"attributes":{"x":"`
	idHead    = `,"attributes":{"id":`
)

// ref, bounds and waypoint write a whole element each, its fixed text in a few appends.
func (s *jsonSink) ref(name *qname, id string) {
	b := append(child(s.tail(), s.state), name.refStart...)
	b = appendQuoted(b, id)
	s.ended(append(b, "}]}"...))
}

func (s *jsonSink) bounds(name *qname, r *Bounds) {
	b := append(child(s.tail(), s.state), name.coordStart...)
	b = appendCoord(b, r.X)
	b = appendCoord(append(b, `","y":"`...), r.Y)
	b = appendCoord(append(b, `","width":"`...), r.Width)
	b = appendCoord(append(b, `","height":"`...), r.Height)
	s.ended(append(b, `"}}`...))
}

func (s *jsonSink) waypoint(name *qname, p Point) {
	b := append(child(s.tail(), s.state), name.coordStart...)
	b = appendCoord(b, p.X)
	b = appendCoord(append(b, `","y":"`...), p.Y)
	s.ended(append(b, `"}}`...))
}

func (s *jsonSink) text(kind NodeType, value string) {
	b := child(s.tail(), s.state)
	if kind == CDataNode {
		b = append(b, `{"type":"cdata","cdata":`...)
	} else {
		b = append(b, `{"type":"text","text":`...)
	}
	b = appendQuoted(b, value)
	s.keep(append(b, '}'))
	s.state = inChildren
}

func (s *jsonSink) end() {
	b := s.tail()
	switch s.state {
	case inName:
		b = append(b, '}')
	case inAttributes:
		b = append(b, "}}"...)
	default:
		b = append(b, "]}"...)
	}
	s.ended(b)
}

// ended keeps b, which ends an element, and flushes a full chunk. It is small enough to be
// inlined into each method that ends an element: the call cost a tenth of writing a
// waypoint. b shorter than sinkFlushAt is still in the chunk (2*sinkFlushAt or more): an
// append that outgrew it would have made b longer.
func (s *jsonSink) ended(b []byte) {
	if len(b) < sinkFlushAt {
		s.n, s.state = len(b), inChildren
		return
	}
	s.keepAndFlush(b)
}

// keepAndFlush is ended's rare case: b fills half the chunk, or outgrew it.
func (s *jsonSink) keepAndFlush(b []byte) {
	s.keep(b)
	s.state = inChildren
	s.flush()
}

// Sizes of the JSON around the parts of a node, in bytes (see jsonSink).
const (
	attrsSize    = len(`,"attributes":{}`)                              // around an element's attributes
	elementsSize = len(`,"elements":[]`)                                // around an element's children
	textSize     = len(`{"type":"text","text":}`)                       // around a text node's value
	cdataSize    = len(`{"type":"cdata","cdata":}`)                     // around a CDATA node's value
	refSize      = len(refHead + `}]}`)                                 // after a reference's name
	boundsSize   = len(coordHead + `","y":"","width":"","height":""}}`) // after its name
	waypointSize = len(coordHead + `","y":""}}`)                        // after its name
)

// jsonSize is the length of the compact xml-js JSON w writes (see writeModelJSON, without
// the envelope), in bytes, when none of its strings needs an escape: each escape adds 1 to
// 5 bytes. It walks the model like write does, summing lengths instead of writing, so that
// an encoder can allocate its output once and exactly: an estimate that is short makes the
// output grow and copy, and one that is long costs memory for nothing (a 1,000-step
// workflow's taskflow is 2.2 MB).
func (w *writer) jsonSize() int {
	return len(`{"elements":[]}`) + w.elementSize(w.root, w.kind(w.root), 0)
}

// quotedSize is the length of s as a JSON string without escapes.
func quotedSize(s string) int { return len(s) + 2 }

// attrSize is the length of one attribute, its comma not included.
func attrSize(name, value string) int { return quotedSize(name) + 1 + quotedSize(value) }

// nodeSize is the length of an element named by name with attributes and children of the
// given total lengths and counts, commas between them included.
func nodeSize(name *qname, attrs, nattrs, kids, nkids int) int {
	n := len(name.json) + 1
	if nattrs > 0 {
		n += attrsSize + attrs + nattrs - 1
	}
	if nkids > 0 {
		n += elementsSize + kids + nkids - 1
	}
	return n
}

// elementSize is the length of e, of kind k, as element and verbatim write it.
func (w *writer) elementSize(e *Element, k *elementKind, depth int) int {
	if depth > maxReadDepth {
		return 0 // write fails
	}
	var name *qname
	if k != nil {
		name = w.tagName(e, k)
	} else {
		name = w.name("", e.Type)
	}
	attrs, nattrs := w.attrsSize(e)
	kids, nkids := 0, 0
	if e.Body != "" && (k == nil || k.hasBody) {
		kids, nkids = textSize+quotedSize(e.Body), 1
		if bodyKind(e) == CDataNode {
			kids += cdataSize - textSize
		}
	}
	if k != nil {
		w.eachRef(e, func(name *qname, id string) {
			kids += len(name.json) + refSize + quotedSize(id)
			nkids++
		})
		if k.bodyTag != nil && e.Body != "" {
			kids += len(k.bodyTag.json) + refSize + quotedSize(e.Body)
			nkids++
		}
	}
	for _, c := range e.Children {
		var ck *elementKind
		if k != nil {
			ck = w.kind(c)
		}
		kids += w.elementSize(c, ck, depth+1)
	}
	nkids += len(e.Children)
	if e == w.root {
		for _, d := range w.diagrams {
			kids += w.diagramSize(d)
		}
		nkids += len(w.diagrams)
	}
	return nodeSize(name, attrs, nattrs, kids, nkids)
}

// attrsSize is the total length and number of e's attributes as attrs writes them.
func (w *writer) attrsSize(e *Element) (size, n int) {
	if e == w.root {
		for _, a := range w.rootAttrs {
			size += attrSize(a.Name, a.Value)
		}
		return size, len(w.rootAttrs)
	}
	addID, addName := addedAttrs(e)
	if addID {
		size, n = size+attrSize("id", e.ID), n+1
	}
	if addName {
		size, n = size+attrSize("name", e.Name), n+1
	}
	for _, a := range e.Attrs {
		size += attrSize(a.Name, a.Value)
	}
	return size, n + len(e.Attrs)
}

// diIDsSize is the total length and number of the attributes diIDs writes.
func diIDsSize(id, bpmnElement string) (size, n int) {
	if id != "" {
		size, n = attrSize("id", id), 1
	}
	if bpmnElement != "" {
		size, n = size+attrSize("bpmnElement", bpmnElement), n+1
	}
	return size, n
}

func (w *writer) diagramSize(d *Diagram) int {
	names := w.diNames()
	attrs, nattrs := diIDsSize(d.ID, "")
	if d.Plane == nil {
		return nodeSize(names.diagram, attrs, nattrs, 0, 0)
	}
	p := d.Plane
	pattrs, npattrs := diIDsSize(p.ID, drawnID(p.Element, p.BPMNElement))
	kids := 0
	for _, s := range p.Shapes {
		kids += w.shapeSize(names, s)
	}
	for _, e := range p.Edges {
		kids += w.edgeSize(names, e)
	}
	plane := nodeSize(names.plane, pattrs, npattrs, kids, len(p.Shapes)+len(p.Edges))
	return nodeSize(names.diagram, attrs, nattrs, plane, 1)
}

func (w *writer) shapeSize(names *diNames, s *Shape) int {
	attrs, nattrs := diIDsSize(s.ID, drawnID(s.Element, s.BPMNElement))
	for _, f := range shapeFlags(s) {
		if f.v != nil {
			attrs, nattrs = attrs+attrSize(f.name, strconv.FormatBool(*f.v)), nattrs+1
		}
	}
	for _, a := range s.Attrs {
		attrs += attrSize(a.Name, a.Value)
	}
	nattrs += len(s.Attrs)
	kids, nkids := 0, 0
	if s.Bounds != nil {
		kids, nkids = boundsJSONSize(names.bounds, s.Bounds), 1
	}
	if s.Label != nil {
		kids, nkids = kids+labelSize(names, s.Label), nkids+1
	}
	return nodeSize(names.shape, attrs, nattrs, kids, nkids)
}

func (w *writer) edgeSize(names *diNames, e *Edge) int {
	attrs, nattrs := diIDsSize(e.ID, drawnID(e.Element, e.BPMNElement))
	for _, a := range e.Attrs {
		attrs += attrSize(a.Name, a.Value)
	}
	nattrs += len(e.Attrs)
	kids := 0
	for _, p := range e.Waypoints {
		kids += len(names.waypoint.json) + waypointSize + coordSize(p.X) + coordSize(p.Y)
	}
	nkids := len(e.Waypoints)
	if e.Label != nil {
		kids, nkids = kids+labelSize(names, e.Label), nkids+1
	}
	return nodeSize(names.edge, attrs, nattrs, kids, nkids)
}

func labelSize(names *diNames, l *Label) int {
	if l.Bounds == nil {
		return nodeSize(names.label, 0, 0, 0, 0)
	}
	return nodeSize(names.label, 0, 0, boundsJSONSize(names.bounds, l.Bounds), 1)
}

func boundsJSONSize(name *qname, b *Bounds) int {
	return len(name.json) + boundsSize + coordSize(b.X) + coordSize(b.Y) + coordSize(b.Width) + coordSize(b.Height)
}

// coordSize is the length of appendCoord's output for v. Inlined: a diagram has four
// coordinates a shape and two a waypoint.
func coordSize(v float64) int {
	if u := uint32(v); float64(u) == v {
		return decimalSize(u)
	}
	return len(appendCoord(nil, v))
}
