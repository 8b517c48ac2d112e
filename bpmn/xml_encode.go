package bpmn

import (
	"bytes"
	"io"
	"strings"
	"unicode"
	"unicode/utf8"
)

// XMLOptions controls EncodeXML.
type XMLOptions struct {
	// Indent is written once per nesting level before each child of an element whose
	// children are all elements, comments or instructions. "" writes everything on one
	// line. Elements holding text or CDATA are written inline whatever Indent says, so
	// indenting never adds text to the tree.
	Indent string
	// DefaultDeclaration writes <?xml version="1.0" encoding="UTF-8"?> when the document
	// has no declaration of its own (one it has is always written).
	DefaultDeclaration bool
}

// EncodeXML writes doc as well-formed XML: attribute values escape & < > " (and tab,
// newline and CR as character references, so they survive attribute normalisation), text
// escapes & < > (and CR), and "]]>" inside CDATA is split across two sections. For every
// tree DecodeXML returns, DecodeXML(EncodeXML(tree)) gives the same tree back. A tree that
// XML cannot carry (a bad name, a character XML forbids, "--" in a comment, text outside
// the root element, no root) is an error rather than broken output.
func EncodeXML(doc *Document, opt XMLOptions) ([]byte, error) {
	var b bytes.Buffer
	if err := WriteXML(&b, doc, opt); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// WriteXML streams doc as XML to w; see EncodeXML.
func WriteXML(w io.Writer, doc *Document, opt XMLOptions) error {
	e := &xmlEncoder{w: w, indent: opt.Indent}
	e.document(doc, opt.DefaultDeclaration)
	e.flush()
	return e.err
}

type xmlEncoder struct {
	w      io.Writer
	buf    []byte
	err    error
	indent string
	wrote  bool // something is written at top level, so the next top-level node starts a line
}

func (e *xmlEncoder) fail(format string, args ...any) {
	if e.err == nil {
		e.err = errf(format, args...)
	}
}

func (e *xmlEncoder) flush() {
	if e.err == nil && len(e.buf) > 0 {
		_, e.err = e.w.Write(e.buf)
	}
	e.buf = e.buf[:0]
}

func (e *xmlEncoder) newline(level int) {
	e.buf = append(e.buf, '\n')
	for i := 0; i < level; i++ {
		e.buf = append(e.buf, e.indent...)
	}
}

func (e *xmlEncoder) topLevelBreak() {
	if e.wrote && e.indent != "" {
		e.buf = append(e.buf, '\n')
	}
	e.wrote = true
}

func (e *xmlEncoder) document(doc *Document, defaultDecl bool) {
	switch {
	case doc.Declaration != nil:
		e.declaration(doc.Declaration.Attrs)
	case defaultDecl:
		e.declaration([]Attr{{"version", "1.0"}, {"encoding", "UTF-8"}})
	}
	roots := 0
	for _, n := range doc.Children {
		if n == nil {
			e.fail("the tree holds a nil node")
			return
		}
		switch n.Type {
		case ElementNode:
			roots++
		case TextNode:
			if jsBlank(n.Value) {
				continue // dropped on reading anyway; keep the output clean
			}
			e.fail("text %q outside the root element cannot be written as XML", clip(n.Value))
			return
		case CDataNode:
			e.fail("a CDATA section outside the root element cannot be written as XML")
			return
		case DoctypeNode:
			if roots > 0 {
				e.fail("the DOCTYPE must come before the root element")
				return
			}
		}
		e.topLevelBreak()
		e.node(n, 0, false, 1)
		if e.err != nil {
			return
		}
	}
	if roots != 1 {
		e.fail("an XML document needs exactly one root element; the tree has %d", roots)
		return
	}
	if e.indent != "" {
		e.buf = append(e.buf, '\n')
	}
}

func (e *xmlEncoder) declaration(attrs []Attr) {
	e.buf = append(e.buf, "<?xml"...)
	for _, a := range attrs {
		if !isDeclName(a.Name) {
			e.fail("declaration attribute name %q is not a name", a.Name)
			return
		}
		quote := byte('"')
		if strings.IndexByte(a.Value, '"') >= 0 {
			quote = '\''
		}
		if (quote == '\'' && strings.IndexByte(a.Value, '\'') >= 0) || strings.Contains(a.Value, "?>") {
			e.fail("declaration attribute %s=%q cannot be written", a.Name, a.Value)
			return
		}
		e.buf = append(e.buf, ' ')
		e.buf = append(e.buf, a.Name...)
		e.buf = append(e.buf, '=', quote)
		e.buf = append(e.buf, a.Value...)
		e.buf = append(e.buf, quote)
	}
	e.buf = append(e.buf, "?>"...)
	e.wrote = true
}

// isDeclName matches the names xml-js reads in a declaration: [\w:-]+.
func isDeclName(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == ':' || c == '-') {
			return false
		}
	}
	return s != ""
}

// indentable reports whether the children of an element can go on lines of their own:
// only when none of them is text or CDATA, whose content the whitespace would change.
func indentable(children []*Node) bool {
	for _, c := range children {
		if c != nil && (c.Type == TextNode || c.Type == CDataNode) {
			return false
		}
	}
	return true
}

func (e *xmlEncoder) node(n *Node, level int, inline bool, depth int) {
	if depth > MaxDepth {
		e.fail("elements are nested deeper than %d levels", MaxDepth)
		return
	}
	if n == nil {
		e.fail("the tree holds a nil node")
		return
	}
	switch n.Type {
	case ElementNode:
		e.element(n, level, inline, depth)
	case TextNode:
		e.text(n.Value)
	case CDataNode:
		e.cdata(n.Value)
	case CommentNode:
		if strings.Contains(n.Value, "--") || strings.HasSuffix(n.Value, "-") {
			e.fail("comment %q contains \"--\" or ends with \"-\", which XML does not allow", clip(n.Value))
			return
		}
		e.checkChars(n.Value, "comment")
		e.buf = append(e.buf, "<!--"...)
		e.buf = append(e.buf, n.Value...)
		e.buf = append(e.buf, "-->"...)
	case InstructionNode:
		if !isXMLName(n.Name) || strings.EqualFold(n.Name, "xml") {
			e.fail("processing instruction name %q is not allowed", n.Name)
			return
		}
		if strings.Contains(n.Value, "?>") || strings.TrimLeft(n.Value, " \t\r\n") != n.Value {
			e.fail("processing instruction <?%s?> body %q cannot be written (it holds \"?>\" or starts with whitespace)", n.Name, clip(n.Value))
			return
		}
		e.checkChars(n.Value, "processing instruction")
		e.buf = append(e.buf, "<?"...)
		e.buf = append(e.buf, n.Name...)
		if n.Value != "" {
			e.buf = append(e.buf, ' ')
			e.buf = append(e.buf, n.Value...)
		}
		e.buf = append(e.buf, "?>"...)
	case DoctypeNode:
		if !doctypeBodyOK(n.Value) {
			e.fail("DOCTYPE %q cannot be written: its quotes or angle brackets do not balance", clip(n.Value))
			return
		}
		e.checkChars(n.Value, "DOCTYPE")
		e.buf = append(e.buf, "<!DOCTYPE "...)
		e.buf = append(e.buf, n.Value...)
		e.buf = append(e.buf, '>')
	default:
		e.fail("node of unknown type %q", n.Type)
	}
	if len(e.buf) >= flushThreshold {
		e.flush()
	}
}

func (e *xmlEncoder) element(n *Node, level int, inline bool, depth int) {
	if !isXMLName(n.Name) {
		e.fail("element name %q is not an XML name", n.Name)
		return
	}
	e.buf = append(e.buf, '<')
	e.buf = append(e.buf, n.Name...)
	var index map[string]struct{}
	for i, a := range n.Attrs {
		if !isXMLName(a.Name) {
			e.fail("attribute name %q on <%s> is not an XML name", a.Name, n.Name)
			return
		}
		if hasAttr(n.Attrs[:i], &index, a.Name) {
			e.fail("element <%s> has attribute %q twice", n.Name, a.Name)
			return
		}
		e.buf = append(e.buf, ' ')
		e.buf = append(e.buf, a.Name...)
		e.buf = append(e.buf, '=', '"')
		e.escape(a.Value, true)
		e.buf = append(e.buf, '"')
	}
	if len(n.Children) == 0 {
		e.buf = append(e.buf, " />"...)
		return
	}
	e.buf = append(e.buf, '>')
	pretty := !inline && e.indent != "" && indentable(n.Children)
	for _, c := range n.Children {
		if pretty {
			e.newline(level + 1)
		}
		e.node(c, level+1, !pretty, depth+1)
		if e.err != nil {
			return
		}
	}
	if pretty {
		e.newline(level)
	}
	e.buf = append(e.buf, "</"...)
	e.buf = append(e.buf, n.Name...)
	e.buf = append(e.buf, '>')
}

func (e *xmlEncoder) text(s string) {
	e.escape(s, false)
}

func (e *xmlEncoder) cdata(s string) {
	e.checkChars(s, "CDATA section")
	e.buf = append(e.buf, "<![CDATA["...)
	for {
		i := strings.Index(s, "]]>")
		if i < 0 {
			break
		}
		// End the section after "]]" and start a new one with ">": the standard way to
		// carry "]]>" in CDATA (it reads back as two CDATA nodes).
		e.buf = append(e.buf, s[:i+2]...)
		e.buf = append(e.buf, "]]><![CDATA["...)
		s = s[i+2:]
	}
	e.buf = append(e.buf, s...)
	e.buf = append(e.buf, "]]>"...)
}

// escape writes s as attribute value or character data, failing on characters XML 1.0
// cannot carry at all.
func (e *xmlEncoder) escape(s string, attr bool) {
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		var rep string
		size := 1
		switch {
		case c == '&':
			rep = "&amp;"
		case c == '<':
			rep = "&lt;"
		case c == '>':
			rep = "&gt;"
		case c == '"' && attr:
			rep = "&quot;"
		case c == '\r':
			rep = "&#13;" // a raw CR would be read back as a line end
		case c == '\n' && attr:
			rep = "&#10;"
		case c == '\t' && attr:
			rep = "&#9;"
		case c < 0x20 && c != '\n' && c != '\t':
			e.fail("character %U cannot be written in XML 1.0", rune(c))
			return
		case c >= utf8.RuneSelf:
			r, n := utf8.DecodeRuneInString(s[i:])
			if !isXMLChar(r) || (r == utf8.RuneError && n == 1) {
				e.fail("character %U (or invalid UTF-8) cannot be written in XML 1.0", r)
				return
			}
			size = n
		}
		if rep == "" {
			i += size
			continue
		}
		e.buf = append(e.buf, s[start:i]...)
		e.buf = append(e.buf, rep...)
		i++
		start = i
	}
	e.buf = append(e.buf, s[start:]...)
}

func (e *xmlEncoder) checkChars(s, what string) {
	if !utf8.ValidString(s) {
		e.fail("%s holds invalid UTF-8", what)
		return
	}
	for _, r := range s {
		if !isXMLChar(r) {
			e.fail("%s holds character %U, which XML 1.0 cannot carry", what, r)
			return
		}
	}
}

// isXMLChar is the XML 1.0 Char production.
func isXMLChar(r rune) bool {
	return r == 0x09 || r == 0x0A || r == 0x0D ||
		(r >= 0x20 && r <= 0xD7FF) || (r >= 0xE000 && r <= 0xFFFD) || (r >= 0x10000 && r <= 0x10FFFF)
}

// isXMLName checks a (possibly prefixed) XML name closely enough that encoding/xml reads
// it back as the same name.
func isXMLName(s string) bool {
	if s == "" {
		return false
	}
	for i, r := range s {
		if r == '_' || r == ':' || unicode.IsLetter(r) {
			continue
		}
		if i > 0 && (r == '-' || r == '.' || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r) || unicode.Is(unicode.Mc, r) || r == 0xB7) {
			continue
		}
		return false
	}
	return true
}

// doctypeBodyOK mirrors how encoding/xml finds the end of <!DOCTYPE ...>: a '>' outside
// quotes closes it once every '<' outside quotes has been matched. The body must not
// close early, nor leave a quote or bracket open.
func doctypeBodyOK(s string) bool {
	var quote byte
	depth := 0
	if strings.Contains(s, "<!--") {
		return false // encoding/xml rewrites comments inside a DOCTYPE; keep it simple
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case quote != 0:
			if c == quote {
				quote = 0
			}
		case c == '"' || c == '\'':
			quote = c
		case c == '<':
			depth++
		case c == '>':
			if depth == 0 {
				return false
			}
			depth--
		}
	}
	return quote == 0 && depth == 0
}

// clip shortens s for an error message.
func clip(s string) string {
	const max = 40 // characters
	if utf8.RuneCountInString(s) <= max {
		return s
	}
	r := []rune(s)
	return string(r[:max]) + "…"
}
