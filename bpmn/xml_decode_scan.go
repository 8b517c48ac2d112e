package bpmn

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"strings"
	"unicode/utf8"
)

// xmlScanner is the byte-level half of DecodeXML: a single forward pass over the input
// that recognises names, character data, references and the bracketed constructs
// (comments, CDATA, processing instructions, declarations). It accepts and rejects
// exactly what encoding/xml's strict RawToken did before it (the differential fuzz test
// in xml_decode_reference_test.go holds it to that), at a fraction of the cost: no
// per-byte reader calls, no token copies, and values are substrings of one copy of the
// input unless a reference forces a decoded copy.
type xmlScanner struct {
	src []byte
	// str is src converted to a string once; every name and every value without
	// references is a substring of it, so a 3 MB document costs one string allocation
	// rather than one per attribute. The tree keeps str alive, about the input's size.
	str string
	buf []byte // scratch for values holding references, reused between values

	// nonASCIINames caches the verdict on names holding non-ASCII characters, which are
	// checked against encoding/xml's (unexported) XML 1.0 name tables.
	nonASCIINames map[string]bool
}

// scanError is a rejection at byte offset off; the parser turns it into a *SyntaxError.
type scanError struct {
	off int
	msg string
}

func (s *xmlScanner) fail(off int, format string, args ...any) *scanError {
	return &scanError{off: off, msg: fmt.Sprintf(format, args...)}
}

func (s *xmlScanner) eof() *scanError {
	return s.fail(len(s.src), "unexpected end of input")
}

// isNameByte is encoding/xml's notion of an ASCII byte that continues a name; every
// non-ASCII byte continues one too and the whole name is checked afterwards.
func isNameByte(c byte) bool {
	return 'A' <= c && c <= 'Z' || 'a' <= c && c <= 'z' || '0' <= c && c <= '9' ||
		c == '_' || c == ':' || c == '.' || c == '-'
}

func isSpaceByte(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

func (s *xmlScanner) skipSpace(i int) int {
	for i < len(s.src) && isSpaceByte(s.src[i]) {
		i++
	}
	return i
}

// name reads the XML name at i and returns it and the offset past it. qualified names
// (element and attribute names) may hold at most one ':'; processing-instruction targets
// may hold any number. what names the construct for the error message.
func (s *xmlScanner) name(i int, qualified bool, what string) (string, int, *scanError) {
	start, ascii, colons := i, true, 0
	for ; i < len(s.src); i++ {
		c := s.src[i]
		if c >= utf8.RuneSelf {
			ascii = false
		} else if !isNameByte(c) {
			break
		} else if c == ':' {
			colons++
		}
	}
	if i == len(s.src) {
		return "", i, s.eof() // a name is always followed by something
	}
	if i == start {
		return "", i, s.fail(i, "expected %s", what)
	}
	name := s.str[start:i]
	if !s.validName(name, ascii) {
		return "", i, s.fail(start, "invalid XML name %q", name)
	}
	if qualified && colons > 1 {
		return "", i, s.fail(start, "name %q holds more than one ':'", name)
	}
	return name, i, nil
}

// validName applies the XML 1.0 Name production. For ASCII names (all of BPMN) that
// is: the first character a letter, '_' or ':'; the name scan already limited the rest.
func (s *xmlScanner) validName(name string, ascii bool) bool {
	if ascii {
		c := name[0]
		return 'A' <= c && c <= 'Z' || 'a' <= c && c <= 'z' || c == '_' || c == ':'
	}
	if ok, seen := s.nonASCIINames[name]; seen {
		return ok
	}
	// encoding/xml keeps its Appendix B tables unexported; rather than copy 300 lines of
	// ranges, ask it about "<?name?>", which it accepts exactly when name is a Name.
	d := xml.NewDecoder(strings.NewReader("<?" + name + "?>"))
	tok, err := d.RawToken()
	pi, isPI := tok.(xml.ProcInst)
	ok := err == nil && isPI && pi.Target == name
	if s.nonASCIINames == nil {
		s.nonASCIINames = make(map[string]bool)
	}
	s.nonASCIINames[name] = ok
	return ok
}

// chars reads character data from i. For element content (quote 0) it stops before
// the next '<' or at the end of input; for an attribute value it stops past the closing
// quote and rejects '<'. References are decoded; every other byte, CR included, is kept
// as written. It rejects invalid UTF-8, characters XML does not allow, unknown or
// malformed references, and "]]>" in content.
func (s *xmlScanner) chars(i int, quote byte) (string, int, *scanError) {
	src := s.src
	start, copied := i, i // src[copied:i] is not yet in s.buf
	decoded := false
	for i < len(src) {
		c := src[i]
		if c >= utf8.RuneSelf {
			r, size := utf8.DecodeRune(src[i:])
			if r == utf8.RuneError && size == 1 {
				return "", i, s.fail(i, "invalid UTF-8")
			}
			if !isXMLChar(r) {
				return "", i, s.fail(i, "illegal character code %U", r)
			}
			i += size
			continue
		}
		switch {
		case c == quote && quote != 0:
			return s.value(start, copied, i, decoded), i + 1, nil
		case c == '<':
			if quote != 0 {
				return "", i, s.fail(i, "unescaped < inside quoted string; write &lt;")
			}
			return s.value(start, copied, i, decoded), i, nil
		case c == '&':
			if !decoded {
				s.buf, decoded = s.buf[:0], true
			}
			s.buf = append(s.buf, src[copied:i]...)
			var err *scanError
			if i, err = s.reference(i); err != nil {
				return "", i, err
			}
			copied = i
			continue
		case c == ']' && quote == 0 && i+2 < len(src) && src[i+1] == ']' && src[i+2] == '>':
			return "", i, s.fail(i, "unescaped ]]> not in CDATA section; write ]]&gt;")
		case c < 0x20 && c != '\t' && c != '\n' && c != '\r':
			return "", i, s.fail(i, "illegal character code %U", rune(c))
		}
		i++
	}
	if quote != 0 {
		return "", i, s.eof()
	}
	return s.value(start, copied, i, decoded), i, nil
}

// value is the character data src[start:end]: a substring of the input when it held no
// reference, otherwise the decoded copy in s.buf completed with src[copied:end].
func (s *xmlScanner) value(start, copied, end int, decoded bool) string {
	if !decoded {
		return s.str[start:end]
	}
	s.buf = append(s.buf, s.src[copied:end]...)
	return string(s.buf)
}

var predefinedEntities = [...]struct{ ref, char string }{
	{"&lt;", "<"}, {"&gt;", ">"}, {"&amp;", "&"}, {"&apos;", "'"}, {"&quot;", `"`},
}

// reference decodes the entity or character reference at src[i] == '&' onto s.buf and
// returns the offset past its ';'. Only the five predefined entities exist (sax strict
// and encoding/xml agree: a DOCTYPE cannot declare more); character references are
// &#DIGITS; or &#xHEX; (lower-case x) naming a character XML allows.
func (s *xmlScanner) reference(i int) (int, *scanError) {
	rest := s.src[i:]
	for _, e := range predefinedEntities {
		if len(rest) >= len(e.ref) && string(rest[:len(e.ref)]) == e.ref {
			s.buf = append(s.buf, e.char...)
			return i + len(e.ref), nil
		}
	}
	bad := func() *scanError {
		end := bytes.IndexByte(rest, ';')
		if end < 0 || end > 32 {
			return s.fail(i, "invalid character entity %q (no semicolon); write &amp; for a literal &", shorten(rest, 12))
		}
		return s.fail(i, "invalid character entity %q; XML knows &lt; &gt; &amp; &apos; &quot; and &#N;", rest[:end+1])
	}
	if len(rest) < 2 || rest[1] != '#' {
		return i, bad()
	}
	j, base := 2, rune(10)
	if j < len(rest) && rest[j] == 'x' {
		j, base = 3, 16
	}
	digits := j
	var r rune
	for ; j < len(rest); j++ {
		d := hexDigit(rest[j])
		if d < 0 || d >= base {
			break
		}
		if r = r*base + d; r > utf8.MaxRune {
			return i, bad()
		}
	}
	if j == digits || j == len(rest) || rest[j] != ';' {
		return i, bad()
	}
	// A surrogate code point is written as U+FFFD, which encoding/xml did too.
	if !isXMLChar(r) && !(r >= 0xD800 && r <= 0xDFFF) {
		return i, s.fail(i, "illegal character code %U", r)
	}
	s.buf = utf8.AppendRune(s.buf, r)
	return i + j + 1, nil
}

// hexDigit is the value of a hexadecimal digit, or -1.
func hexDigit(c byte) rune {
	switch {
	case '0' <= c && c <= '9':
		return rune(c - '0')
	case 'a' <= c && c <= 'f':
		return rune(c-'a') + 10
	case 'A' <= c && c <= 'F':
		return rune(c-'A') + 10
	}
	return -1
}

func shorten(b []byte, n int) []byte {
	if len(b) > n {
		return b[:n]
	}
	return b
}

// checkChars rejects invalid UTF-8 and characters XML does not allow in b, which starts
// at offset off; what names the construct for the message.
func (s *xmlScanner) checkChars(b []byte, off int, what string) *scanError {
	for i := 0; i < len(b); {
		c := b[i]
		if c < utf8.RuneSelf {
			if c < 0x20 && c != '\t' && c != '\n' && c != '\r' {
				return s.fail(off+i, "%s holds character %U, which XML does not allow", what, rune(c))
			}
			i++
			continue
		}
		r, size := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && size == 1 {
			return s.fail(off+i, "%s holds invalid UTF-8", what)
		}
		if !isXMLChar(r) {
			return s.fail(off+i, "%s holds character %U, which XML does not allow", what, r)
		}
		i += size
	}
	return nil
}

// comment reads "<!--...-->" at i and returns its body and the offset past it. Like
// encoding/xml, the first "--" must end the comment.
func (s *xmlScanner) comment(i int) (string, int, *scanError) {
	body := i + len("<!--")
	dash := bytes.Index(s.src[body:], []byte("--"))
	if dash < 0 || body+dash+2 >= len(s.src) {
		return "", len(s.src), s.eof()
	}
	end := body + dash
	if s.src[end+2] != '>' {
		return "", end, s.fail(end, `"--" is not allowed inside a comment`)
	}
	if err := s.checkChars(s.src[body:end], body, "comment"); err != nil {
		return "", i, err
	}
	return s.str[body:end], end + len("-->"), nil
}

// cdata reads "<![CDATA[...]]>" at i (the "<![" already checked) and returns its body,
// kept as written, and the offset past it.
func (s *xmlScanner) cdata(i int) (string, int, *scanError) {
	const open = "<![CDATA["
	for k := len("<!["); k < len(open); k++ {
		if i+k >= len(s.src) {
			return "", len(s.src), s.eof()
		}
		if s.src[i+k] != open[k] {
			return "", i + k, s.fail(i, "invalid <![ sequence; only <![CDATA[ is allowed")
		}
	}
	body := i + len(open)
	n := bytes.Index(s.src[body:], []byte("]]>"))
	if n < 0 {
		return "", len(s.src), s.fail(len(s.src), "unexpected end of input in CDATA section")
	}
	end := body + n
	if err := s.checkChars(s.src[body:end], body, "CDATA section"); err != nil {
		return "", i, err
	}
	return s.str[body:end], end + len("]]>"), nil
}

// procInst reads "<?target data?>" at i and returns the target, the data (leading
// space dropped) and the offset past it.
func (s *xmlScanner) procInst(i int) (target, data string, next int, err *scanError) {
	target, j, err := s.name(i+len("<?"), false, "target name after <?")
	if err != nil {
		return "", "", j, err
	}
	j = s.skipSpace(j)
	n := bytes.Index(s.src[j:], []byte("?>"))
	if n < 0 {
		return "", "", len(s.src), s.eof()
	}
	data = s.str[j : j+n]
	if target == "xml" {
		if v := procInstParam("version", data); v != "" && v != "1.0" {
			return "", "", j, s.fail(i, "unsupported XML version %q; only version 1.0 is supported", v)
		}
	}
	if err := s.checkChars(s.src[j:j+n], j, "processing instruction"); err != nil {
		return "", "", j, err
	}
	return target, data, j + n + len("?>"), nil
}

// procInstParam is encoding/xml's lookup of a pseudo-attribute in a declaration: the
// first "param=" followed by a quote, up to the matching quote; "" when absent.
func procInstParam(param, s string) string {
	param += "="
	i := 0
	var sep byte
	for i < len(s) {
		sub := s[i:]
		k := strings.Index(sub, param)
		if k < 0 || len(param)+k >= len(sub) {
			return ""
		}
		i += len(param) + k + 1
		if c := sub[len(param)+k]; c == '\'' || c == '"' {
			sep = c
			break
		}
	}
	if sep == 0 {
		return ""
	}
	j := strings.IndexByte(s[i:], sep)
	if j < 0 {
		return ""
	}
	return s[i : i+j]
}

// directive reads a markup declaration "<!...>" at i (not a comment or CDATA) and
// returns the offset past its closing '>' and the spans of the comments inside it. The
// rules are encoding/xml's: quoted '<' and '>' do not count, other '<' and '>' nest,
// "<!--...-->" is skipped, and the byte right after "<!" is taken literally.
func (s *xmlScanner) directive(i int) (next int, comments [][2]int, err *scanError) {
	src := s.src
	j := i + len("<!") + 1
	if j > len(src) {
		return len(src), nil, s.eof()
	}
	var quote byte
	depth := 0
	for {
		if j >= len(src) {
			return len(src), nil, s.eof()
		}
		b := src[j]
		j++
		if quote == 0 && b == '>' && depth == 0 {
			return j, comments, nil
		}
	handle: // b is the byte to account for; a failed "<!--" match hands back its mismatch
		switch {
		case b == quote:
			quote = 0
		case quote != 0:
		case b == '\'' || b == '"':
			quote = b
		case b == '>':
			depth--
		case b == '<':
			for k := 0; k < len("!--"); k++ {
				if j >= len(src) {
					return len(src), nil, s.eof()
				}
				b = src[j]
				j++
				if b != "!--"[k] {
					depth++
					goto handle
				}
			}
			n := bytes.Index(src[j:], []byte("-->"))
			if n < 0 {
				return len(src), nil, s.eof()
			}
			comments = append(comments, [2]int{j - len("<!--"), j + n + len("-->")})
			j += n + len("-->")
		}
	}
}
