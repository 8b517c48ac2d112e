package bpmn

import (
	"io"
	"strconv"
	"unicode/utf8"

	"github.com/wfc-dev/wfc/internal/readlimit"
)

// The xml-js tree as JSON. The writer reproduces JSON.stringify of what xml-js 1.6.11's
// xml2js(xml, {compact: false}) returns, byte for byte: key order type, name, attributes,
// elements (or the kind's own key), attributes in document order, empty attributes and
// elements left out, strings escaped the way JSON.stringify escapes them.

// Limits shared by every decoder in this package, so hostile input fails with a clear
// error instead of exhausting memory or the stack.
const (
	// MaxDepth is the deepest element nesting accepted (levels). BPMN needs a few dozen.
	MaxDepth = 10000
	// MaxInputSize is the largest input accepted, in bytes (64 MiB). Real taskflows are
	// tens of kilobytes.
	MaxInputSize = readlimit.BPMN
)

// EncodeTreeJSON returns doc as xml-js JSON. indent "" gives the compact form xml-js's
// callers store (JSON.stringify(tree)); "  " gives JSON.stringify(tree, null, 2).
func EncodeTreeJSON(doc *Document, indent string) ([]byte, error) {
	e := &jsonEncoder{indent: indent}
	if indent == "" {
		e.buf = make([]byte, 0, treeJSONSize(doc.Children))
	}
	e.document(doc)
	if e.err != nil {
		return nil, e.err
	}
	return e.buf, nil
}

// WriteTreeJSON streams doc as xml-js JSON to w; see EncodeTreeJSON.
func WriteTreeJSON(w io.Writer, doc *Document, indent string) error {
	e := &jsonEncoder{w: w, indent: indent}
	e.document(doc)
	e.flush()
	return e.err
}

// EncodeNodeJSON returns one node (and its subtree) as xml-js JSON.
func EncodeNodeJSON(n *Node, indent string) ([]byte, error) {
	e := &jsonEncoder{indent: indent}
	e.node(n, 1)
	if e.err != nil {
		return nil, e.err
	}
	return e.buf, nil
}

// jsonEncoder appends JSON to buf and, when w is set, flushes it in chunks so output of
// any size streams in constant memory beyond the tree itself.
type jsonEncoder struct {
	w      io.Writer
	buf    []byte
	err    error
	indent string
	level  int  // nesting of the container being written
	first  bool // no member written yet in the current container
}

const flushThreshold = 32 << 10 // bytes buffered before a write to w

func (e *jsonEncoder) flush() {
	if e.w == nil || e.err != nil || len(e.buf) == 0 {
		return
	}
	_, e.err = e.w.Write(e.buf)
	e.buf = e.buf[:0]
}

func (e *jsonEncoder) fail(err error) {
	if e.err == nil {
		e.err = err
	}
}

func (e *jsonEncoder) open(c byte) {
	e.buf = append(e.buf, c)
	e.level++
	e.first = true
}

func (e *jsonEncoder) close(c byte) {
	e.level--
	if !e.first { // non-empty: JSON.stringify puts the closer on its own line
		e.newline()
	}
	e.buf = append(e.buf, c)
	e.first = false
}

// item starts an array element or object member.
func (e *jsonEncoder) item() {
	if !e.first {
		e.buf = append(e.buf, ',')
	}
	e.first = false
	e.newline()
}

func (e *jsonEncoder) newline() {
	if e.indent == "" {
		return
	}
	e.buf = append(e.buf, '\n')
	for i := 0; i < e.level; i++ {
		e.buf = append(e.buf, e.indent...)
	}
}

func (e *jsonEncoder) key(k string) {
	e.item()
	e.buf = appendJSString(e.buf, k)
	e.colon()
}

// quotedKey starts a member whose key, already quoted, needs no escapes: the tree's own keys
// ("type", "name", ...), which every node repeats.
func (e *jsonEncoder) quotedKey(k string) {
	e.item()
	e.buf = append(e.buf, k...)
	e.colon()
}

func (e *jsonEncoder) colon() {
	e.buf = append(e.buf, ':')
	if e.indent != "" {
		e.buf = append(e.buf, ' ')
	}
}

func (e *jsonEncoder) member(k, v string) {
	e.key(k)
	e.buf = appendJSString(e.buf, v)
}

// quotedMember is member with a key as quotedKey takes it.
func (e *jsonEncoder) quotedMember(k, v string) {
	e.quotedKey(k)
	e.buf = appendJSString(e.buf, v)
}

func (e *jsonEncoder) document(doc *Document) {
	e.open('{')
	if doc.Declaration != nil {
		e.quotedKey(`"declaration"`)
		e.open('{')
		e.attributes(doc.Declaration.Attrs)
		e.close('}')
	}
	e.elements(doc.Children, 1)
	e.close('}')
}

func (e *jsonEncoder) attributes(attrs []Attr) {
	if len(attrs) == 0 {
		return
	}
	e.quotedKey(`"attributes"`)
	e.open('{')
	for _, a := range attrs {
		e.member(a.Name, a.Value)
	}
	e.close('}')
}

func (e *jsonEncoder) elements(nodes []*Node, depth int) {
	if len(nodes) == 0 {
		return
	}
	e.quotedKey(`"elements"`)
	e.open('[')
	for _, n := range nodes {
		e.item()
		e.node(n, depth)
		if e.err != nil {
			return
		}
	}
	e.close(']')
}

func (e *jsonEncoder) node(n *Node, depth int) {
	if depth > MaxDepth {
		e.fail(errf("elements are nested deeper than %d levels", MaxDepth))
		return
	}
	if n == nil {
		e.fail(errf("the tree holds a nil node"))
		return
	}
	e.open('{')
	e.quotedMember(`"type"`, string(n.Type))
	switch n.Type {
	case ElementNode:
		if n.Name == "" {
			e.fail(errf("an element node has no name"))
			return
		}
		e.quotedMember(`"name"`, n.Name)
		e.attributes(n.Attrs)
		e.elements(n.Children, depth+1)
	case InstructionNode:
		e.quotedMember(`"name"`, n.Name)
		e.quotedMember(`"instruction"`, n.Value)
	case TextNode, CDataNode, CommentNode, DoctypeNode:
		e.member(string(n.Type), n.Value)
	default:
		e.fail(errf("node of unknown type %q; xml-js knows element, text, cdata, comment, instruction and doctype", n.Type))
		return
	}
	e.close('}')
	if len(e.buf) >= flushThreshold {
		e.flush()
	}
}

// treeJSONSize is about the length of the compact JSON of nodes, in bytes: a little more
// than it, unless strings need escapes. It lets an encoder allocate its buffer once.
func treeJSONSize(nodes []*Node) int {
	const (
		elementSize = len(`{"type":"element","name":""},`)
		otherSize   = len(`{"type":"","":""},`) + len("instruction") // the longest kind
		attrsSize   = len(`,"attributes":{}`)
		attrSize    = len(`"":"",`)
		childSize   = len(`,"elements":[]`)
	)
	size := 0
	for _, n := range nodes {
		if n == nil {
			continue
		}
		if n.Type != ElementNode {
			size += otherSize + len(n.Type) + len(n.Name) + len(n.Value)
			continue
		}
		size += elementSize + len(n.Name)
		if len(n.Attrs) > 0 {
			size += attrsSize
		}
		for _, a := range n.Attrs {
			size += attrSize + len(a.Name) + len(a.Value)
		}
		if len(n.Children) > 0 {
			size += childSize + treeJSONSize(n.Children)
		}
	}
	return size + len(`{"elements":[]}`)
}

// jsPlain holds the bytes appendJSString copies as they are: printable ASCII but '"' and '\\'.
var jsPlain = func() (t [256]bool) {
	for c := 0x20; c < utf8.RuneSelf; c++ {
		t[c] = c != '"' && c != '\\'
	}
	return t
}()

// plainWord reports whether the 8 bytes packed in x are all in jsPlain, testing them at
// once: none has the high bit set (non-ASCII), is below 0x20 (a control), or is '"' or '\\'.
func plainWord(x uint64) bool {
	const ones, highs = 0x0101010101010101, 0x8080808080808080
	q, b := x^'"'*ones, x^'\\'*ones // a zero byte where x has '"' or '\\'
	return (x|(x-0x20*ones)&^x|(q-ones)&^q|(b-ones)&^b)&highs == 0
}

// plainPrefix is the length of the longest prefix of s that appendJSString copies as it is.
// Most of a tree's text is plain ASCII: it is skipped eight bytes at a time.
func plainPrefix(s string) int {
	i := 0
	for ; i+8 <= len(s); i += 8 {
		if !plainWord(loadWord(s[i : i+8])) {
			break
		}
	}
	// The rest of a string of a word or more (an id: "Activity_0nf3zw4") is tested as its
	// last word, overlapping the one before, rather than byte by byte.
	if i >= 8 && i < len(s) && i+8 > len(s) && plainWord(loadWord(s[len(s)-8:])) {
		return len(s)
	}
	for i < len(s) && jsPlain[s[i]] {
		i++
	}
	return i
}

// loadWord packs 8 bytes of a string into a word, the first in the low byte.
func loadWord(w string) uint64 {
	return uint64(w[0]) | uint64(w[1])<<8 | uint64(w[2])<<16 | uint64(w[3])<<24 |
		uint64(w[4])<<32 | uint64(w[5])<<40 | uint64(w[6])<<48 | uint64(w[7])<<56
}

// appendJSString appends s quoted as JSON.stringify quotes it: only '"', '\\' and control
// characters are escaped (controls as \b \f \n \r \t or lower-case \u00xx); everything
// else, non-ASCII included, is written as is. Invalid UTF-8, which a JS string cannot hold,
// is written as U+FFFD.
func appendJSString(buf []byte, s string) []byte {
	n := plainPrefix(s)
	buf = append(buf, '"')
	buf = append(buf, s[:n]...)
	if n < len(s) {
		buf = appendJSEscaped(buf, s[n:])
	}
	return append(buf, '"')
}

// appendJSEscaped is appendJSString's loop for the rest of a string once a byte that may
// need escaping is found, without the quotes.
func appendJSEscaped(buf []byte, s string) []byte {
	const hex = "0123456789abcdef"
	start := 0
	for i := 0; i < len(s); {
		i += plainPrefix(s[i:])
		if i == len(s) {
			break
		}
		c := s[i]
		if c >= utf8.RuneSelf {
			r, size := utf8.DecodeRuneInString(s[i:])
			if r != utf8.RuneError || size != 1 {
				i += size
				continue
			}
			buf = append(buf, s[start:i]...)
			buf = append(buf, "\ufffd"...)
			i++
			start = i
			continue
		}
		buf = append(buf, s[start:i]...)
		switch c {
		case '"', '\\':
			buf = append(buf, '\\', c)
		case '\b':
			buf = append(buf, '\\', 'b')
		case '\f':
			buf = append(buf, '\\', 'f')
		case '\n':
			buf = append(buf, '\\', 'n')
		case '\r':
			buf = append(buf, '\\', 'r')
		case '\t':
			buf = append(buf, '\\', 't')
		default:
			buf = append(buf, '\\', 'u', '0', '0', hex[c>>4], hex[c&0xf])
		}
		i++
		start = i
	}
	return append(buf, s[start:]...)
}

// jsNumberString formats a JSON number literal the way JavaScript's String(Number(lit)) does
// (ECMAScript Number::toString), so a tree written with numeric attribute values reads
// back with the strings SecMaster's JavaScript would have produced: 1.0 -> "1",
// 1e21 -> "1e+21", 0.0000001 -> "1e-7", -0 -> "0".
func jsNumberString(lit string) string {
	f, err := strconv.ParseFloat(lit, 64)
	if err != nil { // only range errors reach here; the literal's syntax was checked
		if f > 0 {
			return "Infinity"
		}
		if f < 0 {
			return "-Infinity"
		}
	}
	if f == 0 {
		return "0"
	}
	sign := ""
	if f < 0 {
		sign = "-"
		f = -f
	}
	// Shortest round-trip digits, as ECMAScript requires: "d.ddde±x".
	e := strconv.FormatFloat(f, 'e', -1, 64)
	mant, exp := e, 0
	for i := 0; i < len(e); i++ {
		if e[i] == 'e' {
			mant = e[:i]
			exp, _ = strconv.Atoi(e[i+1:])
			break
		}
	}
	digits := make([]byte, 0, len(mant))
	for i := 0; i < len(mant); i++ {
		if mant[i] != '.' {
			digits = append(digits, mant[i])
		}
	}
	k, n := len(digits), exp+1
	var out []byte
	switch {
	case k <= n && n <= 21:
		out = append(digits, make([]byte, n-k)...)
		for i := k; i < n; i++ {
			out[i] = '0'
		}
	case 0 < n && n <= 21:
		out = append(append(append(out, digits[:n]...), '.'), digits[n:]...)
	case -6 < n && n <= 0:
		out = append(out, '0', '.')
		for i := 0; i < -n; i++ {
			out = append(out, '0')
		}
		out = append(out, digits...)
	default:
		out = append(out, digits[0])
		if k > 1 {
			out = append(append(out, '.'), digits[1:]...)
		}
		out = append(out, 'e')
		if n-1 >= 0 {
			out = append(out, '+')
		}
		out = strconv.AppendInt(out, int64(n-1), 10)
	}
	return sign + string(out)
}
