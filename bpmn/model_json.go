package bpmn

import (
	"encoding/base64"
	"io"
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
	// The JSON streams through the base64 encoder in chunks straight into the string's
	// storage, sized once from an estimate (see modelJSONSize).
	var sb strings.Builder
	sb.Grow(base64.StdEncoding.EncodedLen(len(envelopeStart) + modelJSONSize(defs) + 1))
	b64 := newBase64Writer(&sb)
	if err := writeModelJSON(defs, b64, true); err != nil {
		return "", err
	}
	b64.Close() // writes to a strings.Builder cannot fail
	return sb.String(), nil
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

// writeModelJSON writes the compact xml-js JSON of defs to w, inside the taskflow envelope
// when envelope is set, in which case defs must be a BPMN document (see CheckBPMN).
func writeModelJSON(defs *Definitions, w io.Writer, envelope bool) error {
	s := &jsonSink{w: w, buf: make([]byte, 2*flushThreshold), checkRoot: envelope}
	b := s.tail()
	if envelope {
		b = append(b, envelopeStart...)
	}
	s.keep(append(b, `{"elements":[`...))
	s.state = inFirstChild
	if err := writeModel(defs, s); err != nil {
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

func (s *jsonSink) start(name *qname) {
	if s.checkRoot {
		s.checkRoot = false
		if err := checkRootName(name.name); err != nil && s.err == nil {
			s.err = err
		}
	}
	s.keep(append(child(s.tail(), s.state), name.json...))
	s.state = inName
}

// key starts an attribute.
func key(b []byte, state int, name string) []byte {
	if state == inName {
		b = append(b, `,"attributes":{`...)
	} else {
		b = append(b, ',')
	}
	// The names the compiler writes on every element and shape, quoted in advance: a
	// switch on constants costs a tenth of quoting them.
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
	}
	return append(appendJSString(b, name), ':')
}

func (s *jsonSink) attr(name, value string) {
	s.keep(appendJSString(key(s.tail(), s.state, name), value))
	s.state = inAttributes
}

// ref, bounds and waypoint write a whole element each, its fixed text in a few appends.

func (s *jsonSink) ref(name *qname, id string) {
	b := append(child(s.tail(), s.state), name.json...)
	b = append(b, `,"elements":[{"type":"text","text":`...)
	b = appendJSString(b, id)
	s.ended(append(b, "}]}"...))
}

func (s *jsonSink) bounds(name *qname, r *Bounds) {
	b := append(child(s.tail(), s.state), name.json...)
	b = appendCoord(append(b, `,"attributes":{"x":"`...), r.X)
	b = appendCoord(append(b, `","y":"`...), r.Y)
	b = appendCoord(append(b, `","width":"`...), r.Width)
	b = appendCoord(append(b, `","height":"`...), r.Height)
	s.ended(append(b, `"}}`...))
}

func (s *jsonSink) waypoint(name *qname, p Point) {
	b := append(child(s.tail(), s.state), name.json...)
	b = appendCoord(append(b, `,"attributes":{"x":"`...), p.X)
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
	b = appendJSString(b, value)
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

// ended keeps b, which ends an element, and flushes a full chunk.
func (s *jsonSink) ended(b []byte) {
	s.keep(b)
	s.state = inChildren
	if s.n >= flushThreshold {
		s.flush()
	}
}

// modelJSONSize is about the length of the compact xml-js JSON of defs, in bytes: a little
// more than it for the house shape, unless strings need escapes. It lets an encoder
// allocate its output once. The constants are the JSON around each kind of node.
func modelJSONSize(defs *Definitions) int {
	if defs == nil || defs.Element == nil {
		return 0
	}
	const (
		element = len(`{"type":"element","name":"bpmn2:","attributes":{},"elements":[]},`) + 16 // and a tag
		ref     = len(`{"type":"element","name":"bpmn2:outgoing","elements":[{"type":"text","text":""}]},`)
		shape   = len(`{"type":"element","name":"bpmndi:BPMNShape","attributes":{"id":"","bpmnElement":""},"elements":[]},`)
		bounds  = len(`{"type":"element","name":"dc:Bounds","attributes":{"x":"","y":"","width":"","height":""}},`) + 16 // and digits
		label   = len(`{"type":"element","name":"bpmndi:BPMNLabel","elements":[]},`)
		edge    = len(`{"type":"element","name":"bpmndi:BPMNEdge","attributes":{"id":"","bpmnElement":""},"elements":[]},`)
		point   = len(`{"type":"element","name":"di:waypoint","attributes":{"x":"","y":""}},`) + 8
		misc    = 512 // the document, the diagram and its plane, namespace declarations
	)
	size := misc
	var walk func(e *Element, depth int)
	walk = func(e *Element, depth int) {
		if depth > maxReadDepth {
			return
		}
		size += element + len(e.Body) + len(e.ID) + len(e.Name)
		size += attrsSize(e.Attrs)
		for _, r := range e.Incoming {
			size += ref + len(r.ID)
		}
		for _, r := range e.Outgoing {
			size += ref + len(r.ID)
		}
		for _, refs := range e.Refs {
			for _, r := range refs {
				size += ref + 16 + len(r.ID)
			}
		}
		for _, ids := range e.Unresolved {
			for _, id := range ids {
				size += ref + 16 + len(id)
			}
		}
		for _, c := range e.Children {
			walk(c, depth+1)
		}
	}
	walk(defs.Element, 0)
	for _, d := range defs.Diagrams {
		if d.Plane == nil {
			continue
		}
		for _, s := range d.Plane.Shapes {
			size += shape + len(s.ID) + len(drawnID(s.Element, s.BPMNElement)) + attrsSize(s.Attrs)
			if s.Bounds != nil {
				size += bounds
			}
			if s.Label != nil {
				size += label + bounds
			}
		}
		for _, e := range d.Plane.Edges {
			size += edge + len(e.ID) + len(drawnID(e.Element, e.BPMNElement)) + attrsSize(e.Attrs) + point*len(e.Waypoints)
			if e.Label != nil {
				size += label + bounds
			}
		}
	}
	return size
}

// attrsSize is about the length of attrs in xml-js JSON, in bytes.
func attrsSize(attrs []Attr) int {
	size := 0
	for _, a := range attrs {
		size += len(`"":"",`) + len(a.Name) + len(a.Value)
	}
	return size
}
