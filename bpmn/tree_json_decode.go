package bpmn

import (
	"fmt"
	"unicode/utf16"
	"unicode/utf8"
)

// DecodeTreeJSON reads an xml-js non-compact tree: the root object
// {"declaration"?: {...}, "elements"?: [...]}. It accepts what xml-js writes and what
// xml-js's writer accepts (numbers and booleans as values are turned into the strings
// JavaScript would make of them; a null attribute is skipped, as js2xml skips it), and
// rejects anything else with a positioned *SyntaxError: unknown node types or keys,
// missing names, object or array values, duplicate keys, nesting beyond MaxDepth.
// It runs in time linear in the input.
func DecodeTreeJSON(data []byte) (*Document, error) {
	d, err := newTreeDecoder(data)
	if err != nil {
		return nil, err
	}
	doc, jerr := d.document()
	if jerr == nil {
		jerr = d.end()
	}
	if jerr != nil {
		return nil, jerr.positioned(data)
	}
	return doc, nil
}

// DecodeNodeJSON reads one xml-js node object ({"type":"element",...}).
func DecodeNodeJSON(data []byte) (*Node, error) {
	d, err := newTreeDecoder(data)
	if err != nil {
		return nil, err
	}
	n, jerr := d.node(1)
	if jerr == nil {
		jerr = d.end()
	}
	if jerr != nil {
		return nil, jerr.positioned(data)
	}
	return n, nil
}

// jsonError is a decoding failure at a byte offset; syntax tells bad JSON apart from
// JSON that is well formed but not an xml-js tree.
type jsonError struct {
	off      int
	msg      string
	syntax   bool
	envelope bool // the taskflow envelope around the tree is wrong
}

func (e *jsonError) positioned(data []byte) *SyntaxError {
	line, col := lineCol(data, e.off)
	return &SyntaxError{Line: line, Col: col, Msg: e.msg}
}

type treeDecoder struct {
	data []byte
	pos  int
}

func newTreeDecoder(data []byte) (*treeDecoder, error) {
	if len(data) > MaxInputSize {
		return nil, errf("input is %d bytes; the limit is %d", len(data), MaxInputSize)
	}
	return &treeDecoder{data: data}, nil
}

func (d *treeDecoder) syntaxErr(off int, format string, args ...any) *jsonError {
	return &jsonError{off: off, msg: fmt.Sprintf(format, args...), syntax: true}
}

func (d *treeDecoder) shapeErr(off int, format string, args ...any) *jsonError {
	return &jsonError{off: off, msg: fmt.Sprintf(format, args...)}
}

func (d *treeDecoder) skipSpace() {
	for d.pos < len(d.data) {
		switch d.data[d.pos] {
		case ' ', '\t', '\n', '\r':
			d.pos++
		default:
			return
		}
	}
}

// end checks that only whitespace follows the value.
func (d *treeDecoder) end() *jsonError {
	d.skipSpace()
	if d.pos < len(d.data) {
		return d.syntaxErr(d.pos, "unexpected %s after the end of the JSON value", d.describe())
	}
	return nil
}

// describe names what is at the current position, for error messages.
func (d *treeDecoder) describe() string {
	if d.pos >= len(d.data) {
		return "end of input"
	}
	switch c := d.data[d.pos]; c {
	case '{':
		return "object"
	case '[':
		return "array"
	case '"':
		return "string"
	case 't', 'f':
		return "boolean"
	case 'n':
		return "null"
	default:
		if c == '-' || (c >= '0' && c <= '9') {
			return "number"
		}
		r, _ := utf8.DecodeRune(d.data[d.pos:])
		return fmt.Sprintf("character %q", r)
	}
}

// objectStart consumes '{' or reports that an object was expected (what names it).
func (d *treeDecoder) objectStart(what string) *jsonError {
	d.skipSpace()
	if d.pos >= len(d.data) || d.data[d.pos] != '{' {
		if d.pos < len(d.data) && isValueStart(d.data[d.pos]) {
			return d.shapeErr(d.pos, "%s must be an object, got %s", what, d.describe())
		}
		return d.syntaxErr(d.pos, "expected %s (an object), got %s", what, d.describe())
	}
	d.pos++
	return nil
}

func isValueStart(c byte) bool {
	return c == '{' || c == '[' || c == '"' || c == 't' || c == 'f' || c == 'n' || c == '-' || (c >= '0' && c <= '9')
}

// nextKey reads the next member name of an object, consuming the separator and colon.
// It returns done once the closing '}' has been consumed.
func (d *treeDecoder) nextKey(first bool) (key string, keyOff int, done bool, err *jsonError) {
	d.skipSpace()
	if d.pos < len(d.data) && d.data[d.pos] == '}' {
		d.pos++
		return "", 0, true, nil
	}
	if !first {
		if d.pos >= len(d.data) || d.data[d.pos] != ',' {
			return "", 0, false, d.syntaxErr(d.pos, "expected ',' or '}' in object, got %s", d.describe())
		}
		d.pos++
		d.skipSpace()
	}
	keyOff = d.pos
	if d.pos >= len(d.data) || d.data[d.pos] != '"' {
		return "", 0, false, d.syntaxErr(d.pos, "expected a quoted key in object, got %s", d.describe())
	}
	key, err = d.str()
	if err != nil {
		return "", 0, false, err
	}
	d.skipSpace()
	if d.pos >= len(d.data) || d.data[d.pos] != ':' {
		return "", 0, false, d.syntaxErr(d.pos, "expected ':' after key %q, got %s", key, d.describe())
	}
	d.pos++
	d.skipSpace()
	return key, keyOff, false, nil
}

// str reads a JSON string at d.pos. Invalid UTF-8 and lone surrogates become U+FFFD, as
// they would in a JavaScript string read from the same bytes.
func (d *treeDecoder) str() (string, *jsonError) {
	start := d.pos
	d.pos++ // opening quote
	// Fast path: no escapes, all ASCII or valid UTF-8.
	i := d.pos
	for i < len(d.data) {
		c := d.data[i]
		if c == '"' {
			s := d.data[d.pos:i]
			if utf8.Valid(s) {
				d.pos = i + 1
				return string(s), nil
			}
			break
		}
		if c == '\\' || c < 0x20 {
			break
		}
		i++
	}
	buf := make([]byte, 0, i-d.pos+16)
	for {
		if d.pos >= len(d.data) {
			return "", d.syntaxErr(start, "unterminated string")
		}
		c := d.data[d.pos]
		switch {
		case c == '"':
			d.pos++
			return string(buf), nil
		case c < 0x20:
			return "", d.syntaxErr(d.pos, "control character %U in string; write it as an escape", c)
		case c == '\\':
			if d.pos+1 >= len(d.data) {
				return "", d.syntaxErr(start, "unterminated string")
			}
			esc := d.data[d.pos+1]
			d.pos += 2
			switch esc {
			case '"', '\\', '/':
				buf = append(buf, esc)
			case 'b':
				buf = append(buf, '\b')
			case 'f':
				buf = append(buf, '\f')
			case 'n':
				buf = append(buf, '\n')
			case 'r':
				buf = append(buf, '\r')
			case 't':
				buf = append(buf, '\t')
			case 'u':
				r, ok := d.hex4(d.pos)
				if !ok {
					return "", d.syntaxErr(d.pos-2, `invalid \u escape; it takes four hex digits`)
				}
				d.pos += 4
				if utf16.IsSurrogate(r) {
					r2 := utf8.RuneError
					if d.pos+1 < len(d.data) && d.data[d.pos] == '\\' && d.data[d.pos+1] == 'u' {
						if lo, ok := d.hex4(d.pos + 2); ok {
							if dec := utf16.DecodeRune(r, lo); dec != utf8.RuneError {
								r2 = dec
								d.pos += 6
							}
						}
					}
					r = r2
				}
				buf = utf8.AppendRune(buf, r)
			default:
				return "", d.syntaxErr(d.pos-2, "invalid escape \\%c in string", esc)
			}
		case c < utf8.RuneSelf:
			buf = append(buf, c)
			d.pos++
		default:
			r, size := utf8.DecodeRune(d.data[d.pos:])
			buf = utf8.AppendRune(buf, r) // RuneError for invalid bytes
			d.pos += size
		}
	}
}

func (d *treeDecoder) hex4(at int) (rune, bool) {
	if at+4 > len(d.data) {
		return 0, false
	}
	var r rune
	for _, c := range d.data[at : at+4] {
		switch {
		case c >= '0' && c <= '9':
			r = r<<4 | rune(c-'0')
		case c >= 'a' && c <= 'f':
			r = r<<4 | rune(c-'a'+10)
		case c >= 'A' && c <= 'F':
			r = r<<4 | rune(c-'A'+10)
		default:
			return 0, false
		}
	}
	return r, true
}

// scalarKind is what scalar() found.
type scalarKind int

const (
	scalarString scalarKind = iota
	scalarNumber
	scalarBool
	scalarNull
	scalarObject // not read: the caller reports it
	scalarArray
)

// scalar reads a string, number, boolean or null and returns it as JavaScript's String(v)
// would. For an object or array it reads nothing and returns its kind.
func (d *treeDecoder) scalar() (string, scalarKind, *jsonError) {
	d.skipSpace()
	if d.pos >= len(d.data) {
		return "", 0, d.syntaxErr(d.pos, "unexpected end of input; expected a value")
	}
	switch c := d.data[d.pos]; {
	case c == '"':
		s, err := d.str()
		return s, scalarString, err
	case c == '{':
		return "", scalarObject, nil
	case c == '[':
		return "", scalarArray, nil
	case c == 't':
		return "true", scalarBool, d.literal("true")
	case c == 'f':
		return "false", scalarBool, d.literal("false")
	case c == 'n':
		return "", scalarNull, d.literal("null")
	case c == '-' || (c >= '0' && c <= '9'):
		lit, err := d.number()
		if err != nil {
			return "", 0, err
		}
		return jsNumberString(lit), scalarNumber, nil
	default:
		return "", 0, d.syntaxErr(d.pos, "unexpected %s; expected a value", d.describe())
	}
}

func (d *treeDecoder) literal(word string) *jsonError {
	if len(d.data)-d.pos < len(word) || string(d.data[d.pos:d.pos+len(word)]) != word {
		return d.syntaxErr(d.pos, "invalid literal; expected %s", word)
	}
	d.pos += len(word)
	return nil
}

// number checks the JSON number grammar and returns the literal.
func (d *treeDecoder) number() (string, *jsonError) {
	start := d.pos
	digits := func() int {
		n := 0
		for d.pos < len(d.data) && d.data[d.pos] >= '0' && d.data[d.pos] <= '9' {
			d.pos++
			n++
		}
		return n
	}
	if d.data[d.pos] == '-' {
		d.pos++
	}
	if d.pos < len(d.data) && d.data[d.pos] == '0' {
		d.pos++
	} else if digits() == 0 {
		return "", d.syntaxErr(start, "invalid number")
	}
	if d.pos < len(d.data) && d.data[d.pos] == '.' {
		d.pos++
		if digits() == 0 {
			return "", d.syntaxErr(start, "invalid number: a digit must follow '.'")
		}
	}
	if d.pos < len(d.data) && (d.data[d.pos] == 'e' || d.data[d.pos] == 'E') {
		d.pos++
		if d.pos < len(d.data) && (d.data[d.pos] == '+' || d.data[d.pos] == '-') {
			d.pos++
		}
		if digits() == 0 {
			return "", d.syntaxErr(start, "invalid number: the exponent has no digits")
		}
	}
	return string(d.data[start:d.pos]), nil
}

// document reads the root object.
func (d *treeDecoder) document() (*Document, *jsonError) {
	if err := d.objectStart("the tree's root"); err != nil {
		return nil, err
	}
	doc := &Document{}
	var seenDecl, seenElems bool
	for first := true; ; first = false {
		key, off, done, err := d.nextKey(first)
		if err != nil {
			return nil, err
		}
		if done {
			return doc, nil
		}
		switch key {
		case "declaration":
			if seenDecl {
				return nil, d.shapeErr(off, `duplicate key "declaration"`)
			}
			seenDecl = true
			if doc.Declaration, err = d.declaration(); err != nil {
				return nil, err
			}
		case "elements":
			if seenElems {
				return nil, d.shapeErr(off, `duplicate key "elements"`)
			}
			seenElems = true
			if doc.Children, err = d.nodeArray(1); err != nil {
				return nil, err
			}
		default:
			hint := ""
			if key == "elementType" || key == "workflow" {
				hint = " (this looks like a taskflow envelope, not a bare tree)"
			}
			return nil, d.shapeErr(off, `unknown key %q in the tree's root object; expected "declaration" or "elements"%s`, key, hint)
		}
	}
}

func (d *treeDecoder) declaration() (*Declaration, *jsonError) {
	if err := d.objectStart(`"declaration"`); err != nil {
		return nil, err
	}
	decl := &Declaration{}
	seen := false
	for first := true; ; first = false {
		key, off, done, err := d.nextKey(first)
		if err != nil {
			return nil, err
		}
		if done {
			return decl, nil
		}
		if key != "attributes" {
			return nil, d.shapeErr(off, `unknown key %q in "declaration"; it holds only "attributes"`, key)
		}
		if seen {
			return nil, d.shapeErr(off, `duplicate key "attributes"`)
		}
		seen = true
		if decl.Attrs, err = d.attributes("the declaration"); err != nil {
			return nil, err
		}
	}
}

// attributes reads an attributes object, keeping member order.
func (d *treeDecoder) attributes(owner string) ([]Attr, *jsonError) {
	if err := d.objectStart(`"attributes" of ` + owner); err != nil {
		return nil, err
	}
	var attrs []Attr
	var index map[string]struct{} // built only for many attributes, to keep duplicate checks linear
	for first := true; ; first = false {
		key, off, done, err := d.nextKey(first)
		if err != nil {
			return nil, err
		}
		if done {
			return attrs, nil
		}
		valOff := d.pos
		v, kind, err := d.scalar()
		if err != nil {
			return nil, err
		}
		switch kind {
		case scalarObject, scalarArray:
			return nil, d.shapeErr(valOff, "attribute %q of %s has %s value; attribute values must be strings", key, owner, kind)
		case scalarNull:
			continue // js2xml skips null and undefined attributes
		}
		if hasAttr(attrs, &index, key) {
			return nil, d.shapeErr(off, "duplicate attribute %q on %s", key, owner)
		}
		attrs = append(attrs, Attr{Name: key, Value: v})
	}
}

// hasAttr reports whether attrs already holds name; past a few attributes it switches to
// a set so that checking stays linear for hostile inputs with thousands of attributes.
func hasAttr(attrs []Attr, index *map[string]struct{}, name string) bool {
	const linearMax = 16
	if len(attrs) < linearMax {
		for _, a := range attrs {
			if a.Name == name {
				return true
			}
		}
		return false
	}
	if *index == nil {
		*index = make(map[string]struct{}, 2*len(attrs))
		for _, a := range attrs {
			(*index)[a.Name] = struct{}{}
		}
	}
	if _, ok := (*index)[name]; ok {
		return true
	}
	(*index)[name] = struct{}{}
	return false
}

// nodeArray reads an "elements" array whose nodes sit at the given depth.
func (d *treeDecoder) nodeArray(depth int) ([]*Node, *jsonError) {
	d.skipSpace()
	if d.pos >= len(d.data) || d.data[d.pos] != '[' {
		if d.pos < len(d.data) && isValueStart(d.data[d.pos]) {
			return nil, d.shapeErr(d.pos, `"elements" must be an array, got %s`, d.describe())
		}
		return nil, d.syntaxErr(d.pos, `expected "elements" array, got %s`, d.describe())
	}
	d.pos++
	var nodes []*Node
	for first := true; ; first = false {
		d.skipSpace()
		if d.pos < len(d.data) && d.data[d.pos] == ']' {
			d.pos++
			return nodes, nil
		}
		if !first {
			if d.pos >= len(d.data) || d.data[d.pos] != ',' {
				return nil, d.syntaxErr(d.pos, "expected ',' or ']' in array, got %s", d.describe())
			}
			d.pos++
		}
		n, err := d.node(depth)
		if err != nil {
			return nil, err
		}
		nodes = append(nodes, n)
	}
}

// Keys a node object may carry; a bit each, to catch duplicates and keys foreign to the
// node's type.
const (
	keyType = 1 << iota
	keyName
	keyAttributes
	keyElements
	keyText
	keyCData
	keyComment
	keyDoctype
	keyInstruction
)

var nodeKeyBits = map[string]int{
	"type": keyType, "name": keyName, "attributes": keyAttributes, "elements": keyElements,
	"text": keyText, "cdata": keyCData, "comment": keyComment, "doctype": keyDoctype,
	"instruction": keyInstruction,
}

// allowedKeys lists, for each node type, the keys it may have besides "type".
var allowedKeys = map[NodeType]int{
	ElementNode:     keyName | keyAttributes | keyElements,
	TextNode:        keyText,
	CDataNode:       keyCData,
	CommentNode:     keyComment,
	DoctypeNode:     keyDoctype,
	InstructionNode: keyName | keyInstruction,
}

// valueKey is the key that carries a leaf node's value.
var valueKey = map[NodeType]int{
	TextNode: keyText, CDataNode: keyCData, CommentNode: keyComment,
	DoctypeNode: keyDoctype, InstructionNode: keyInstruction,
}

func (d *treeDecoder) node(depth int) (*Node, *jsonError) {
	if depth > MaxDepth {
		return nil, d.shapeErr(d.pos, "elements are nested deeper than %d levels", MaxDepth)
	}
	d.skipSpace()
	start := d.pos
	if err := d.objectStart("each item of \"elements\""); err != nil {
		return nil, err
	}
	n := &Node{}
	var seen int
	var typ string
	for first := true; ; first = false {
		key, off, done, err := d.nextKey(first)
		if err != nil {
			return nil, err
		}
		if done {
			break
		}
		bit, known := nodeKeyBits[key]
		if !known {
			return nil, d.shapeErr(off, "unknown key %q in a node; xml-js nodes have type, name, attributes, elements, text, cdata, comment, doctype or instruction", key)
		}
		if seen&bit != 0 {
			return nil, d.shapeErr(off, "duplicate key %q in a node", key)
		}
		seen |= bit
		valOff := d.pos
		switch bit {
		case keyAttributes:
			if n.Attrs, err = d.attributes("an element"); err != nil {
				return nil, err
			}
		case keyElements:
			if n.Children, err = d.nodeArray(depth + 1); err != nil {
				return nil, err
			}
		default:
			v, kind, err := d.scalar()
			if err != nil {
				return nil, err
			}
			if bit == keyType || bit == keyName {
				if kind != scalarString {
					return nil, d.shapeErr(valOff, "%q must be a string, got %s", key, kind)
				}
			} else if kind == scalarObject || kind == scalarArray || kind == scalarNull {
				return nil, d.shapeErr(valOff, "%q must be a string, got %s", key, kind)
			}
			switch bit {
			case keyType:
				typ = v
			case keyName:
				n.Name = v
			default:
				n.Value = v
			}
		}
	}
	if seen&keyType == 0 {
		return nil, d.shapeErr(start, `node has no "type"; xml-js nodes are element, text, cdata, comment, instruction or doctype`)
	}
	n.Type = NodeType(typ)
	allowed, ok := allowedKeys[n.Type]
	if !ok {
		return nil, d.shapeErr(start, "node has unknown type %q; xml-js nodes are element, text, cdata, comment, instruction or doctype", typ)
	}
	if extra := seen &^ (allowed | keyType); extra != 0 {
		return nil, d.shapeErr(start, "%s node has key %q, which belongs to other node types", typ, keyNameOf(extra))
	}
	if allowed&keyName != 0 && n.Name == "" {
		return nil, d.shapeErr(start, "%s node has no name", typ)
	}
	if vk, ok := valueKey[n.Type]; ok && seen&vk == 0 {
		return nil, d.shapeErr(start, "%s node has no %q value", typ, keyNameOf(vk))
	}
	return n, nil
}

// keyNameOf names the lowest key bit set in bits.
func keyNameOf(bits int) string {
	names := []string{"type", "name", "attributes", "elements", "text", "cdata", "comment", "doctype", "instruction"}
	for i, k := range names {
		if bits&(1<<i) != 0 {
			return k
		}
	}
	return "?"
}

func (k scalarKind) String() string {
	return [...]string{"a string", "a number", "a boolean", "null", "an object", "an array"}[k]
}
