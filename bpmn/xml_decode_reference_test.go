package bpmn

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"
)

// decodeXMLReference is the encoding/xml-based decoder DecodeXML replaced, kept to
// fuzz the hand-written scanner against: both must build the same tree or both fail.
//
// It parses BPMN (or any) XML into exactly the tree xml-js 1.6.11 builds with
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
// misplaced declaration or DOCTYPE.
func decodeXMLReference(data []byte) (*Document, error) {
	if len(data) > MaxInputSize {
		return nil, errf("input is %d bytes; the limit is %d", len(data), MaxInputSize)
	}
	// sax skips a leading byte order mark; so do we (it is not part of the document).
	data = bytes.TrimPrefix(data, []byte("\ufeff"))
	p := &refParser{src: data, lines: posTracker{line: 1, col: 1}}
	p.dec = xml.NewDecoder(bytes.NewReader(data))
	p.dec.Strict = true
	// sax ignores the declared encoding: the caller hands it text. We read the bytes as
	// UTF-8 whatever the declaration says.
	p.dec.CharsetReader = func(_ string, r io.Reader) (io.Reader, error) { return r, nil }
	return p.parse()
}

type refParser struct {
	src   []byte
	dec   *xml.Decoder
	lines posTracker
	doc   Document
	stack []*Node

	sawRoot, sawDoctype, sawAnything bool
}

func (p *refParser) errAt(off int, format string, args ...any) *SyntaxError {
	line, col := p.lines.at(p.src, off)
	return &SyntaxError{Line: line, Col: col, Msg: fmt.Sprintf(format, args...)}
}

// add appends n to the open element, or to the document at top level.
func (p *refParser) add(n *Node) {
	if len(p.stack) == 0 {
		p.doc.Children = append(p.doc.Children, n)
		return
	}
	top := p.stack[len(p.stack)-1]
	top.Children = append(top.Children, n)
}

func (p *refParser) parse() (*Document, error) {
	for {
		start := int(p.dec.InputOffset())
		tok, err := p.dec.RawToken()
		if err == io.EOF {
			break
		}
		if err != nil {
			msg := err.Error()
			var se *xml.SyntaxError
			if errors.As(err, &se) {
				msg = se.Msg
			}
			return nil, p.errAt(int(p.dec.InputOffset()), "malformed XML: %s", msg)
		}
		end := int(p.dec.InputOffset())
		var perr *SyntaxError
		switch t := tok.(type) {
		case xml.StartElement:
			perr = p.startElement(t, start, end)
		case xml.EndElement:
			perr = p.endElement(t, start)
		case xml.CharData:
			perr = p.charData(t, start, end)
		case xml.Comment:
			if perr = p.checkChars(t, "comment", start); perr == nil {
				p.add(p.leaf(CommentNode, string(t), start))
			}
		case xml.ProcInst:
			perr = p.procInst(t, start)
		case xml.Directive:
			perr = p.directive(t, start, end)
		}
		if perr != nil {
			return nil, perr
		}
		if _, isText := tok.(xml.CharData); !isText { // blank text may precede the declaration
			p.sawAnything = true
		}
	}
	if len(p.stack) > 0 {
		open := p.stack[len(p.stack)-1]
		e := p.errAt(len(p.src), "unexpected end of input: <%s> opened at %d:%d is not closed", open.Name, open.Line, open.Col)
		return nil, e
	}
	if !p.sawRoot {
		return nil, p.errAt(len(p.src), "the document has no root element")
	}
	return &p.doc, nil
}

func (p *refParser) leaf(t NodeType, value string, off int) *Node {
	line, col := p.lines.at(p.src, off)
	return &Node{Type: t, Value: value, Line: line, Col: col}
}

func refQualified(n xml.Name) string {
	if n.Space == "" {
		return n.Local
	}
	return n.Space + ":" + n.Local
}

func (p *refParser) startElement(t xml.StartElement, start, end int) *SyntaxError {
	if len(p.stack) >= MaxDepth {
		return p.errAt(start, "elements are nested deeper than %d levels", MaxDepth)
	}
	name := refQualified(t.Name)
	if len(p.stack) == 0 {
		if p.sawRoot {
			return p.errAt(start, "second root element <%s>; an XML document has exactly one", name)
		}
		p.sawRoot = true
	}
	line, col := p.lines.at(p.src, start)
	n := &Node{Type: ElementNode, Name: name, Line: line, Col: col}
	raw := p.src[start:end]
	if bytes.IndexByte(raw, '\r') >= 0 {
		// encoding/xml turns CR LF into LF inside attribute values; sax keeps them.
		n.Attrs = refRawAttrs(raw)
	} else if len(t.Attr) > 0 {
		n.Attrs = make([]Attr, len(t.Attr))
		for i, a := range t.Attr {
			n.Attrs[i] = Attr{Name: refQualified(a.Name), Value: a.Value}
		}
	}
	var index map[string]struct{}
	for i, a := range n.Attrs {
		if hasAttr(n.Attrs[:i], &index, a.Name) {
			return p.errAt(start, "element <%s> has attribute %q twice", name, a.Name)
		}
	}
	p.add(n)
	p.stack = append(p.stack, n)
	return nil
}

func (p *refParser) endElement(t xml.EndElement, start int) *SyntaxError {
	name := refQualified(t.Name)
	if len(p.stack) == 0 {
		return p.errAt(start, "closing tag </%s> has no matching opening tag", name)
	}
	open := p.stack[len(p.stack)-1]
	if open.Name != name {
		return p.errAt(start, "closing tag </%s> does not match <%s> opened at %d:%d", name, open.Name, open.Line, open.Col)
	}
	p.stack = p.stack[:len(p.stack)-1]
	return nil
}

var refCDataOpen = []byte("<![CDATA[")

func (p *refParser) charData(t xml.CharData, start, end int) *SyntaxError {
	raw := p.src[start:end]
	hasCR := bytes.IndexByte(raw, '\r') >= 0
	if bytes.HasPrefix(raw, refCDataOpen) {
		if len(p.stack) == 0 {
			return p.errAt(start, "CDATA section outside the root element")
		}
		v := string(t)
		if hasCR { // keep line ends as written, as sax does
			v = string(raw[len(refCDataOpen) : len(raw)-len("]]>")])
		}
		p.add(p.leaf(CDataNode, v, start))
		return nil
	}
	v := string(t)
	if hasCR {
		v = refDecodeRawText(raw)
	}
	if jsBlank(v) {
		return nil // xml-js drops whitespace-only text
	}
	if len(p.stack) == 0 {
		return p.errAt(start, "text outside the root element")
	}
	p.add(p.leaf(TextNode, v, start))
	return nil
}

// checkChars rejects what encoding/xml lets through in comments, processing
// instructions and DOCTYPEs but XML forbids: invalid UTF-8 and non-characters.
func (p *refParser) checkChars(b []byte, what string, start int) *SyntaxError {
	for i := 0; i < len(b); {
		r, size := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && size == 1 {
			return p.errAt(start, "%s holds invalid UTF-8", what)
		}
		if !isXMLChar(r) {
			return p.errAt(start, "%s holds character %U, which XML does not allow", what, r)
		}
		i += size
	}
	return nil
}

func (p *refParser) procInst(t xml.ProcInst, start int) *SyntaxError {
	if err := p.checkChars(t.Inst, "processing instruction", start); err != nil {
		return err
	}
	if !strings.EqualFold(t.Target, "xml") {
		n := p.leaf(InstructionNode, string(t.Inst), start)
		n.Name = t.Target
		p.add(n)
		return nil
	}
	if p.sawAnything || p.doc.Declaration != nil {
		return p.errAt(start, "the XML declaration <?xml ...?> must come first in the document")
	}
	attrs := declarationAttrs(string(t.Inst))
	if v, ok := unsupportedVersion(attrs); ok {
		return p.errAt(start, "unsupported XML version %q; only version 1.0 is supported", v)
	}
	p.doc.Declaration = &Declaration{Attrs: attrs}
	return nil
}

func (p *refParser) directive(t xml.Directive, start, end int) *SyntaxError {
	const keyword = "DOCTYPE"
	if len(t) < len(keyword) || !strings.EqualFold(string(t[:len(keyword)]), keyword) {
		return nil // other markup declarations: sax reports them as sgmldeclaration, which xml-js ignores
	}
	if p.sawRoot || p.sawDoctype || len(p.stack) > 0 {
		return p.errAt(start, "the DOCTYPE must come once, before the root element")
	}
	if err := p.checkChars(t, "DOCTYPE", start); err != nil {
		return err
	}
	p.sawDoctype = true
	// The body as sax sees it: everything after the keyword up to the closing '>' (raw,
	// comments in an internal subset included); xml-js then drops one leading space.
	body := string(p.src[start+len("<!")+len(keyword) : end-1])
	body = strings.TrimPrefix(body, " ")
	p.add(p.leaf(DoctypeNode, body, start))
	return nil
}

// decodeRawText decodes the predefined and numeric entity references of raw character
// data that encoding/xml already accepted, keeping every other byte (CRs included).
func refDecodeRawText(raw []byte) string {
	var b strings.Builder
	b.Grow(len(raw))
	for i := 0; i < len(raw); i++ {
		c := raw[i]
		if c != '&' {
			b.WriteByte(c)
			continue
		}
		semi := bytes.IndexByte(raw[i:], ';')
		if semi < 0 {
			b.Write(raw[i:])
			break
		}
		b.WriteString(refEntityValue(string(raw[i+1 : i+semi])))
		i += semi
	}
	return b.String()
}

func refEntityValue(name string) string {
	switch name {
	case "amp":
		return "&"
	case "lt":
		return "<"
	case "gt":
		return ">"
	case "quot":
		return `"`
	case "apos":
		return "'"
	}
	if len(name) > 1 && name[0] == '#' {
		var r rune
		var ok bool
		if name[1] == 'x' {
			r, ok = refParseRune(name[2:], 16)
		} else {
			r, ok = refParseRune(name[1:], 10)
		}
		if ok {
			return string(r)
		}
	}
	return "&" + name + ";" // not reached for input encoding/xml accepted
}

func refParseRune(s string, base int32) (rune, bool) {
	if s == "" {
		return 0, false
	}
	var r int32
	for i := 0; i < len(s); i++ {
		c := s[i]
		var v int32
		switch {
		case c >= '0' && c <= '9':
			v = int32(c - '0')
		case base == 16 && c >= 'a' && c <= 'f':
			v = int32(c-'a') + 10
		case base == 16 && c >= 'A' && c <= 'F':
			v = int32(c-'A') + 10
		default:
			return 0, false
		}
		r = r*base + v
		if r > 0x10FFFF {
			return 0, false
		}
	}
	return r, true
}

// rawAttrs re-reads the attributes of a start tag encoding/xml already accepted (so it is
// well formed), keeping CRs that encoding/xml would have normalised.
func refRawAttrs(tag []byte) []Attr {
	i := 1 // past '<'
	isSpace := func(c byte) bool { return c == ' ' || c == '\t' || c == '\r' || c == '\n' }
	for i < len(tag) && !isSpace(tag[i]) && tag[i] != '/' && tag[i] != '>' {
		i++
	}
	var attrs []Attr
	for {
		for i < len(tag) && isSpace(tag[i]) {
			i++
		}
		if i >= len(tag) || tag[i] == '/' || tag[i] == '>' {
			return attrs
		}
		nameStart := i
		for i < len(tag) && !isSpace(tag[i]) && tag[i] != '=' {
			i++
		}
		name := string(tag[nameStart:i])
		for i < len(tag) && (isSpace(tag[i]) || tag[i] == '=') {
			i++
		}
		if i >= len(tag) {
			return attrs
		}
		quote := tag[i]
		i++
		valStart := i
		for i < len(tag) && tag[i] != quote {
			i++
		}
		attrs = append(attrs, Attr{Name: name, Value: refDecodeRawText(tag[valStart:i])})
		i++
	}
}
