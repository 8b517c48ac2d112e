package bpmn

import (
	"encoding/base64"
	"errors"
	"fmt"
	"strings"
)

// The SecMaster taskflow: standard base64 of the compact JSON
// {"elementType":"{}","workflow":TREE}, TREE being the xml-js tree without its
// "declaration" key.

// Errors DecodeTaskflow wraps, one per way a taskflow can be wrong; test with errors.Is.
var (
	ErrTaskflowBase64   = errors.New("taskflow is not valid base64")
	ErrTaskflowJSON     = errors.New("taskflow is not valid JSON")
	ErrTaskflowEnvelope = errors.New(`taskflow is not a {"elementType":"{}","workflow":...} envelope`)
	ErrTaskflowTree     = errors.New("taskflow workflow is not an xml-js element tree")
	ErrNotBPMN          = errors.New("tree is not a BPMN document")
	ErrDoctype          = errors.New("BPMN documents have no DOCTYPE")
)

// refuseDoctype reports a DOCTYPE, wrapping ErrDoctype. BPMN 2.0 files never have one (the
// standard is defined by XML Schema, and SecMaster's canvas writes none), and a DOCTYPE with
// an external SYSTEM or PUBLIC id makes an XML parser that follows it (many do by default)
// fetch the file or URL it names: wfc refuses it rather than carry it into a taskflow.
func refuseDoctype(doc *Document) error {
	for _, n := range doc.Children {
		if n.Type == DoctypeNode {
			return fmt.Errorf("%s%w: <!DOCTYPE %s> has no place in one (an external SYSTEM or PUBLIC id would make other XML tools fetch what it names); remove it",
				position(n), ErrDoctype, clip(n.Value))
		}
	}
	return nil
}

// EncodeTaskflow returns the base64 taskflow SecMaster stores for doc. The declaration,
// if any, is left out, as SecMaster's own taskflows have none.
func EncodeTaskflow(doc *Document) (string, error) {
	if err := CheckBPMN(doc); err != nil {
		return "", err
	}
	// The JSON streams through the base64 encoder in chunks straight into the string's
	// storage, sized once from an estimate: a large workflow's taskflow is megabytes, and
	// holding the JSON whole, or growing either buffer by doubling, cost a fifth of compile.
	var sb strings.Builder
	sb.Grow(base64.StdEncoding.EncodedLen(len(envelopeStart) + treeJSONSize(doc.Children) + 1))
	b64 := newBase64Writer(&sb)
	e := &jsonEncoder{w: b64, buf: make([]byte, 0, 2*flushThreshold)}
	e.envelope(doc)
	e.flush()
	if e.err != nil {
		return "", e.err
	}
	b64.Close() // writes to a strings.Builder cannot fail
	return sb.String(), nil
}

// envelopeStart is the taskflow JSON before the tree.
const envelopeStart = `{"elementType":"{}","workflow":`

// EncodeTaskflowJSON returns the envelope JSON, before base64.
func EncodeTaskflowJSON(doc *Document) ([]byte, error) {
	e := &jsonEncoder{buf: make([]byte, 0, len(envelopeStart)+treeJSONSize(doc.Children)+1)}
	e.envelope(doc)
	if e.err != nil {
		return nil, e.err
	}
	return e.buf, nil
}

// envelope writes {"elementType":"{}","workflow":TREE} with TREE doc without its declaration.
func (e *jsonEncoder) envelope(doc *Document) {
	e.buf = append(e.buf, envelopeStart...)
	e.document(&Document{Children: doc.Children})
	e.buf = append(e.buf, '}')
}

// DecodeTaskflow reads a base64 taskflow. Whitespace anywhere in it (line-wrapped base64)
// is ignored. Errors wrap ErrTaskflowBase64, ErrTaskflowJSON, ErrTaskflowEnvelope,
// ErrTaskflowTree or ErrNotBPMN.
func DecodeTaskflow(s string) (*Document, error) {
	return decodeTaskflow(s)
}

// decodeTaskflow is DecodeTaskflow for a string or, from DecodeAny, the input bytes
// themselves: a taskflow can be 64 MiB, and each copy of it counts. Its memory is the
// decoded JSON (3/4 of the input) plus, only when the input has whitespace, one copy
// without it.
func decodeTaskflow[T string | []byte](s T) (*Document, error) {
	if len(s) > MaxInputSize {
		return nil, fmt.Errorf("%w: it is %d bytes; the limit is %d", ErrTaskflowBase64, len(s), MaxInputSize)
	}
	// Text that is not base64 at all (prose, binary data named .bpmn) fails here, before
	// anything is allocated for it.
	if at, ok := firstNonBase64(s); ok {
		return nil, fmt.Errorf("%w: unexpected %q at byte %d%s", ErrTaskflowBase64, s[at], at, base64Hint(s[at]))
	}
	clean := stripSpace(s)
	if len(clean) == 0 {
		return nil, fmt.Errorf("%w: it is empty", ErrTaskflowBase64)
	}
	js := make([]byte, base64.StdEncoding.DecodedLen(len(clean)))
	n, err := base64.StdEncoding.Decode(js, clean)
	if err != nil {
		var ce base64.CorruptInputError
		if errors.As(err, &ce) {
			at := int(ce)
			orig := originalOffset(s, at)
			if at < len(clean) && !isBase64Alphabet(clean[at]) {
				return nil, fmt.Errorf("%w: unexpected %q at byte %d%s", ErrTaskflowBase64, s[orig], orig, base64Hint(s[orig]))
			}
			// The offending group is made of valid characters: the text is cut short or
			// padded wrongly.
			return nil, fmt.Errorf("%w: it ends early or is wrongly padded in the group at byte %d (base64 comes in groups of 4 characters, the last padded with '=')", ErrTaskflowBase64, orig)
		}
		return nil, fmt.Errorf("%w: %v", ErrTaskflowBase64, err)
	}
	return DecodeTaskflowJSON(js[:n])
}

func isBase64Alphabet(c byte) bool {
	return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '+' || c == '/'
}

func base64Hint(c byte) string {
	if c == '-' || c == '_' {
		return "; this looks like URL-safe base64, SecMaster uses the standard alphabet (+ and /)"
	}
	return ""
}

// isSpace reports the ASCII whitespace a wrapped taskflow may hold.
func isSpace(c byte) bool {
	switch c {
	case ' ', '\t', '\n', '\r', '\f', '\v':
		return true
	}
	return false
}

// firstNonBase64 finds the first byte of s that is neither base64 nor whitespace, when no
// '=' comes before it: the decoder would stop at that very byte, so it can be reported
// without decoding. After a '=' the decoder may stop earlier, at the padding; the caller
// decodes to find out.
func firstNonBase64[T string | []byte](s T) (int, bool) {
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case isBase64Alphabet(c), isSpace(c):
		case c == '=':
			return 0, false
		default:
			return i, true
		}
	}
	return 0, false
}

// stripSpace returns s without its ASCII whitespace: s itself when it is bytes with none,
// else one copy.
func stripSpace[T string | []byte](s T) []byte {
	spaces := 0
	for i := 0; i < len(s); i++ {
		if isSpace(s[i]) {
			spaces++
		}
	}
	if b, ok := any(s).([]byte); ok && spaces == 0 {
		return b
	}
	buf := make([]byte, 0, len(s)-spaces)
	for i := 0; i < len(s); i++ {
		if !isSpace(s[i]) {
			buf = append(buf, s[i])
		}
	}
	return buf
}

// originalOffset maps an offset in stripSpace(s) back to s, so errors name the byte the user
// sees; past the end it gives len(s). Only errors need it, so it is found then, by a scan,
// rather than kept for every byte.
func originalOffset[T string | []byte](s T, at int) int {
	for i := 0; i < len(s); i++ {
		if isSpace(s[i]) {
			continue
		}
		if at == 0 {
			return i
		}
		at--
	}
	return len(s)
}

// DecodeTaskflowJSON reads the envelope JSON (a taskflow after base64 decoding).
func DecodeTaskflowJSON(data []byte) (*Document, error) {
	d, err := newTreeDecoder(data)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrTaskflowJSON, err)
	}
	doc, jerr := d.envelope()
	if jerr == nil {
		jerr = d.end()
	}
	if jerr != nil {
		kind := ErrTaskflowTree
		switch {
		case jerr.syntax:
			kind = ErrTaskflowJSON
		case jerr.envelope:
			kind = ErrTaskflowEnvelope
		}
		return nil, fmt.Errorf("%w: %w", kind, jerr.positioned(data))
	}
	if err := CheckBPMN(doc); err != nil {
		return nil, err
	}
	return doc, nil
}

// CheckBPMN reports, wrapping ErrNotBPMN, whether doc's root element is not a BPMN
// definitions element (any prefix), and, wrapping ErrDoctype, a DOCTYPE.
func CheckBPMN(doc *Document) error {
	if err := refuseDoctype(doc); err != nil {
		return err
	}
	root := doc.Root()
	if root == nil {
		return fmt.Errorf("%w: it has no root element", ErrNotBPMN)
	}
	return checkRootName(root.Name)
}

// checkRootName reports, wrapping ErrNotBPMN, a root element that is not a definitions
// element.
func checkRootName(name string) error {
	if LocalName(name) != "definitions" {
		return fmt.Errorf("%w: its root element is <%s>, not <definitions>", ErrNotBPMN, name)
	}
	return nil
}

func (d *treeDecoder) envelope() (*Document, *jsonError) {
	start := d.pos
	if err := d.objectStart("the taskflow envelope"); err != nil {
		err.envelope = !err.syntax
		return nil, err
	}
	var doc *Document
	var sawType bool
	for first := true; ; first = false {
		key, off, done, err := d.nextKey(first)
		if err != nil {
			return nil, err
		}
		if done {
			break
		}
		switch key {
		case "elementType":
			if sawType {
				return nil, d.envelopeErr(off, `duplicate key "elementType"`)
			}
			sawType = true
			valOff := d.pos
			v, kind, err := d.scalar()
			if err != nil {
				return nil, err
			}
			if kind != scalarString || v != "{}" {
				if kind == scalarString {
					return nil, d.envelopeErr(valOff, `"elementType" is %q; SecMaster taskflows have "{}"`, v)
				}
				return nil, d.envelopeErr(valOff, `"elementType" is %s; SecMaster taskflows have the string "{}"`, kind)
			}
		case "workflow":
			if doc != nil {
				return nil, d.envelopeErr(off, `duplicate key "workflow"`)
			}
			if d.pos < len(d.data) && d.data[d.pos] != '{' && isValueStart(d.data[d.pos]) {
				return nil, d.envelopeErr(d.pos, `"workflow" must be an object (the xml-js tree), got %s`, d.describe())
			}
			if doc, err = d.document(); err != nil {
				return nil, err
			}
		default:
			return nil, d.envelopeErr(off, `unknown key %q in the taskflow envelope; it has only "elementType" and "workflow"`, key)
		}
	}
	if !sawType {
		return nil, d.envelopeErr(start, `the envelope has no "elementType" (SecMaster taskflows have "elementType":"{}")`)
	}
	if doc == nil {
		return nil, d.envelopeErr(start, `the envelope has no "workflow" tree`)
	}
	return doc, nil
}

func (d *treeDecoder) envelopeErr(off int, format string, args ...any) *jsonError {
	e := d.shapeErr(off, format, args...)
	e.envelope = true
	return e
}
