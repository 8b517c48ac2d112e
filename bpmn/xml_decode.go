package bpmn

import (
	"bytes"
	"fmt"
	"regexp"
	"strings"
)

// SyntaxError is a decoding failure at a place in the input: line and column are 1-based,
// the column counted in characters. Error() gives "line:col: message", so a caller that
// knows the file name prints "name:" + err.Error().
type SyntaxError struct {
	Line, Col int
	Msg       string
}

func (e *SyntaxError) Error() string { return fmt.Sprintf("%d:%d: %s", e.Line, e.Col, e.Msg) }

func errf(format string, args ...any) error { return fmt.Errorf(format, args...) }

// DecodeXML parses BPMN (or any) XML into exactly the tree xml-js 1.6.11 builds with
// xml2js(xml, {compact: false}) on top of sax in strict mode:
//   - names and attribute names are kept as written, prefix included; namespaces are
//     never resolved;
//   - text that is only whitespace (JavaScript's String.prototype.trim notion of it) is
//     dropped, any other text is kept verbatim, entities decoded, line ends as written;
//   - CDATA sections, comments, processing instructions and the DOCTYPE become their own
//     nodes; the XML declaration becomes Document.Declaration.
//
// Every node records the line and column it starts at. Malformed input gives a
// *SyntaxError. DecodeXML is stricter than sax in a few places sax lets through and
// XML forbids: '<' inside attribute values, "]]>" in text, duplicate attributes, a
// misplaced declaration or DOCTYPE. It reads the bytes as UTF-8 whatever the
// declaration says, as sax does (the caller hands it text).
//
// Names and values in the returned tree share one string copy of data.
func DecodeXML(data []byte) (*Document, error) {
	if len(data) > MaxInputSize {
		return nil, errf("input is %d bytes; the limit is %d", len(data), MaxInputSize)
	}
	return decodeXML(data, false)
}

// decodeXML is DecodeXML; with bpmnOnly, a root element other than a <definitions> ends the
// parse at its start tag, so a large XML file that is not BPMN is refused without building
// its tree.
func decodeXML(data []byte, bpmnOnly bool) (*Document, error) {
	// sax skips a leading byte order mark; so do we (it is not part of the document).
	data = bytes.TrimPrefix(data, []byte("\ufeff"))
	p := &xmlParser{
		scan:     xmlScanner{src: data, str: string(data)},
		lines:    posTracker{line: 1, col: 1},
		bpmnOnly: bpmnOnly,
	}
	return p.parse()
}

// xmlParser is the tree-building half of DecodeXML: it drives the scanner over the
// input one construct at a time and applies the document-level rules (one root, where
// the declaration and DOCTYPE may stand, matching tags, depth).
type xmlParser struct {
	scan  xmlScanner
	lines posTracker
	doc   Document

	// open holds the elements not yet closed, innermost last; childStart[k] is where
	// open[k]'s children begin in children, which holds the children of every open
	// element in document order. An element gets an exactly sized Children slice when
	// it closes.
	open       []*Node
	childStart []int
	children   []*Node
	attrs      []Attr // the attributes of the start tag being read, reused

	nodes     slab[Node]  // the nodes, handed out in order (fewer, larger allocations)
	attrSlab  slab[Attr]  // backing store for Attrs slices
	childSlab slab[*Node] // backing store for Children slices

	sawRoot, sawDoctype, sawAnything bool
	bpmnOnly                         bool // see decodeXML
}

func (p *xmlParser) newNode(t NodeType, start int) *Node {
	n := p.nodes.one()
	n.Type = t
	n.Line, n.Col = p.lines.at(p.scan.src, start)
	return n
}

func (p *xmlParser) errAt(off int, format string, args ...any) *SyntaxError {
	line, col := p.lines.at(p.scan.src, off)
	return &SyntaxError{Line: line, Col: col, Msg: fmt.Sprintf(format, args...)}
}

func (p *xmlParser) malformed(e *scanError) *SyntaxError {
	return p.errAt(e.off, "malformed XML: %s", e.msg)
}

// add appends n to the open element, or to the document at top level.
func (p *xmlParser) add(n *Node) {
	if len(p.open) == 0 {
		p.doc.Children = append(p.doc.Children, n)
		return
	}
	p.children = append(p.children, n)
}

func (p *xmlParser) parse() (*Document, error) {
	src := p.scan.src
	for i := 0; i < len(src); {
		var next int
		var err *SyntaxError
		switch {
		case src[i] != '<':
			next, err = p.text(i)
		case i+1 == len(src):
			return nil, p.malformed(p.scan.eof())
		case src[i+1] == '/':
			next, err = p.endElement(i)
		case src[i+1] == '?':
			next, err = p.procInst(i)
		case src[i+1] == '!':
			next, err = p.bang(i)
		default:
			next, err = p.startElement(i)
		}
		if err != nil {
			return nil, err
		}
		// The declaration must come before any markup; text (blank, or it failed above)
		// and CDATA (only valid inside the root) do not count, as they did not before.
		if src[i] == '<' && !bytes.HasPrefix(src[i:], cdataOpen) {
			p.sawAnything = true
		}
		i = next
	}
	if len(p.open) > 0 {
		open := p.open[len(p.open)-1]
		e := p.errAt(len(src), "unexpected end of input: <%s> opened at %d:%d is not closed", open.Name, open.Line, open.Col)
		return nil, e
	}
	if !p.sawRoot {
		return nil, p.errAt(len(src), "the document has no root element")
	}
	return &p.doc, nil
}

var cdataOpen = []byte("<![CDATA[")

func (p *xmlParser) startElement(start int) (int, *SyntaxError) {
	s := &p.scan
	name, i, serr := s.name(start+1, true, "element name after <")
	if serr != nil {
		return i, p.malformed(serr)
	}
	p.attrs = p.attrs[:0]
	empty := false
	for {
		i = s.skipSpace(i)
		if i >= len(s.src) {
			return i, p.malformed(s.eof())
		}
		if c := s.src[i]; c == '>' || c == '/' {
			if c == '/' {
				if i+1 >= len(s.src) {
					return i, p.malformed(s.eof())
				}
				if s.src[i+1] != '>' {
					return i, p.malformed(s.fail(i, "expected /> in element"))
				}
				empty, i = true, i+1
			}
			i++
			break
		}
		var a Attr
		if a.Name, i, serr = s.name(i, true, "attribute name in element"); serr != nil {
			return i, p.malformed(serr)
		}
		if i = s.skipSpace(i); i >= len(s.src) {
			return i, p.malformed(s.eof())
		}
		if s.src[i] != '=' {
			return i, p.malformed(s.fail(i, "attribute %s has no = and value; write %s=\"...\"", a.Name, a.Name))
		}
		if i = s.skipSpace(i + 1); i >= len(s.src) {
			return i, p.malformed(s.eof())
		}
		if q := s.src[i]; q != '"' && q != '\'' {
			return i, p.malformed(s.fail(i, "unquoted or missing attribute value in element"))
		}
		if a.Value, i, serr = s.chars(i+1, s.src[i]); serr != nil {
			return i, p.malformed(serr)
		}
		p.attrs = append(p.attrs, a)
	}
	if len(p.open) >= MaxDepth {
		return i, p.errAt(start, "elements are nested deeper than %d levels", MaxDepth)
	}
	if len(p.open) == 0 {
		if p.sawRoot {
			return i, p.errAt(start, "second root element <%s>; an XML document has exactly one", name)
		}
		if p.bpmnOnly && LocalName(name) != "definitions" {
			return i, p.errAt(start, "%s", notBPMNRoot(name))
		}
		p.sawRoot = true
	}
	var index map[string]struct{}
	for k, a := range p.attrs {
		if hasAttr(p.attrs[:k], &index, a.Name) {
			return i, p.errAt(start, "element <%s> has attribute %q twice", name, a.Name)
		}
	}
	n := p.newNode(ElementNode, start)
	n.Name = name
	n.Attrs = p.keepAttrs()
	p.add(n)
	if !empty {
		p.open = append(p.open, n)
		p.childStart = append(p.childStart, len(p.children))
	}
	return i, nil
}

// keepAttrs copies the attributes just read into the slab; nil when there are none,
// as xml-js has no attributes key then.
func (p *xmlParser) keepAttrs() []Attr {
	k := len(p.attrs)
	if k == 0 {
		return nil
	}
	out := p.attrSlab.take(k)
	copy(out, p.attrs)
	return out
}

func (p *xmlParser) endElement(start int) (int, *SyntaxError) {
	s := &p.scan
	name, i, serr := s.name(start+2, true, "element name after </")
	if serr != nil {
		return i, p.malformed(serr)
	}
	if i = s.skipSpace(i); i >= len(s.src) {
		return i, p.malformed(s.eof())
	}
	if s.src[i] != '>' {
		return i, p.malformed(s.fail(i, "invalid characters between </%s and >", name))
	}
	if len(p.open) == 0 {
		return i, p.errAt(start, "closing tag </%s> has no matching opening tag", name)
	}
	top := len(p.open) - 1
	open := p.open[top]
	if open.Name != name {
		return i, p.errAt(start, "closing tag </%s> does not match <%s> opened at %d:%d", name, open.Name, open.Line, open.Col)
	}
	from := p.childStart[top]
	if k := len(p.children) - from; k > 0 {
		open.Children = p.childSlab.take(k)
		copy(open.Children, p.children[from:])
		clear(p.children[from:]) // drop references the slab now holds
		p.children = p.children[:from]
	}
	p.open, p.childStart = p.open[:top], p.childStart[:top]
	return i + 1, nil
}

func (p *xmlParser) text(start int) (int, *SyntaxError) {
	v, i, serr := p.scan.chars(start, 0)
	if serr != nil {
		return i, p.malformed(serr)
	}
	if jsBlank(v) {
		return i, nil // xml-js drops whitespace-only text
	}
	if len(p.open) == 0 {
		return i, p.errAt(start, "text outside the root element")
	}
	n := p.newNode(TextNode, start)
	n.Value = v
	p.add(n)
	return i, nil
}

// bang handles what starts with "<!": comments, CDATA sections and markup declarations.
func (p *xmlParser) bang(start int) (int, *SyntaxError) {
	s := &p.scan
	if start+2 >= len(s.src) {
		return start, p.malformed(s.eof())
	}
	switch s.src[start+2] {
	case '-':
		if start+3 >= len(s.src) {
			return start, p.malformed(s.eof())
		}
		if s.src[start+3] != '-' {
			return start, p.malformed(s.fail(start, "invalid sequence <!- not part of <!--"))
		}
		v, i, serr := s.comment(start)
		if serr != nil {
			return i, p.malformed(serr)
		}
		n := p.newNode(CommentNode, start)
		n.Value = v
		p.add(n)
		return i, nil
	case '[':
		v, i, serr := s.cdata(start)
		if serr != nil {
			return i, p.malformed(serr)
		}
		if len(p.open) == 0 {
			return i, p.errAt(start, "CDATA section outside the root element")
		}
		n := p.newNode(CDataNode, start)
		n.Value = v
		p.add(n)
		return i, nil
	}
	return p.directive(start)
}

func (p *xmlParser) procInst(start int) (int, *SyntaxError) {
	target, data, i, serr := p.scan.procInst(start)
	if serr != nil {
		return i, p.malformed(serr)
	}
	if !strings.EqualFold(target, "xml") {
		n := p.newNode(InstructionNode, start)
		n.Name, n.Value = target, data
		p.add(n)
		return i, nil
	}
	if p.sawAnything || p.doc.Declaration != nil {
		return i, p.errAt(start, "the XML declaration <?xml ...?> must come first in the document")
	}
	attrs := declarationAttrs(data)
	if v, ok := unsupportedVersion(attrs); ok {
		return i, p.errAt(start, "unsupported XML version %q; only version 1.0 is supported", v)
	}
	p.doc.Declaration = &Declaration{Attrs: attrs}
	return i, nil
}

// unsupportedVersion returns the declaration's version when it is not 1.0. The scanner checks
// only a quoted version= (as encoding/xml does), but xml-js also reads version=1.1 and
// version = '1.1', and a tree holding such a version would be written back quoted and then
// refused: decoding what wfc wrote must give the same tree.
func unsupportedVersion(attrs []Attr) (string, bool) {
	for _, a := range attrs {
		if a.Name == "version" && a.Value != "1.0" {
			return a.Value, true
		}
	}
	return "", false
}

// declAttrRE is xml-js's own pattern for pseudo-attributes of the declaration.
var declAttrRE = regexp.MustCompile(`([\w:-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|(\w+))\s*`)

// declarationAttrs reads the declaration's pseudo-attributes the way xml-js does: every
// match of its pattern, a repeated name keeping its first place and last value, an empty
// value dropped (JavaScript's `a || b || c` makes it undefined, which JSON leaves out).
func declarationAttrs(body string) []Attr {
	var attrs []Attr
	for _, m := range declAttrRE.FindAllStringSubmatch(body, -1) {
		v := m[2]
		if v == "" {
			v = m[3]
		}
		if v == "" {
			v = m[4]
		}
		found := false
		for i := range attrs {
			if attrs[i].Name == m[1] {
				attrs[i].Value, found = v, true
			}
		}
		if !found {
			attrs = append(attrs, Attr{Name: m[1], Value: v})
		}
	}
	out := attrs[:0]
	for _, a := range attrs {
		if a.Value != "" {
			out = append(out, a)
		}
	}
	return out
}

func (p *xmlParser) directive(start int) (int, *SyntaxError) {
	s := &p.scan
	end, comments, serr := s.directive(start)
	if serr != nil {
		return end, p.malformed(serr)
	}
	const keyword = "DOCTYPE"
	kw := start + len("<!")
	if end-1-kw < len(keyword) || !strings.EqualFold(s.str[kw:kw+len(keyword)], keyword) {
		return end, nil // other markup declarations: sax reports them as sgmldeclaration, which xml-js ignores
	}
	if p.sawRoot || p.sawDoctype || len(p.open) > 0 {
		return end, p.errAt(start, "the DOCTYPE must come once, before the root element")
	}
	// Comments of the internal subset are not checked (encoding/xml dropped them before
	// the check); everything else between "<!" and the closing '>' is.
	from := kw
	for _, c := range append(comments, [2]int{end - 1, end - 1}) {
		if err := s.checkChars(s.src[from:c[0]], from, "DOCTYPE"); err != nil {
			return end, p.errAt(start, "%s", err.msg)
		}
		from = c[1]
	}
	p.sawDoctype = true
	// The body as sax sees it: everything after the keyword up to the closing '>' (raw,
	// comments in an internal subset included); xml-js then drops one leading space.
	body := strings.TrimPrefix(s.str[kw+len(keyword):end-1], " ")
	n := p.newNode(DoctypeNode, start)
	n.Value = body
	p.add(n)
	return end, nil
}

// jsBlank reports whether s is empty or only whitespace by JavaScript's trim(): the
// ECMAScript WhiteSpace and LineTerminator characters, which include NBSP and BOM.
func jsBlank(s string) bool {
	for _, r := range s {
		switch r {
		case '\t', '\n', '\v', '\f', '\r', ' ', 0xA0, 0x1680, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000, 0xFEFF:
		default:
			if r < 0x2000 || r > 0x200A {
				return false
			}
		}
	}
	return true
}

// posTracker turns byte offsets into line and column. Offsets arrive in increasing order,
// so it scans each byte once over a whole parse.
type posTracker struct {
	off, line, col int
}

func (t *posTracker) at(src []byte, off int) (line, col int) {
	if off < t.off {
		t.off, t.line, t.col = 0, 1, 1
	}
	if off > len(src) {
		off = len(src)
	}
	seg := src[t.off:off]
	if nl := bytes.LastIndexByte(seg, '\n'); nl >= 0 {
		t.line += bytes.Count(seg[:nl+1], newline)
		t.col = 1
		seg = seg[nl+1:]
	}
	for _, c := range seg {
		if c&0xC0 != 0x80 { // first byte of a character
			t.col++
		}
	}
	t.off = off
	return t.line, t.col
}

var newline = []byte{'\n'}

// lineCol locates a byte offset in data (1-based line and character column).
func lineCol(data []byte, off int) (line, col int) {
	t := posTracker{line: 1, col: 1}
	return t.at(data, off)
}
