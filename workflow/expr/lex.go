package expr

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

type tokKind uint8

const (
	tEOF     tokKind = iota // the value ended before a closing }
	tClose                  // the } that ends the expression
	tIdent                  // a name or a word operator/literal (and, eq, true, ...)
	tInt                    // 42
	tFloat                  // 1.5, 1., .5, 1e3
	tString                 // 'text' or "text"; str holds the decoded text
	tOp                     // punctuation and symbolic operators
	tIllegal                // the lexer reported a diagnostic for this token
)

type token struct {
	kind       tokKind
	text       string // the token as written
	str        string // decoded text of a tString
	start, end Pos
	bad        *Diagnostic // for tIllegal (and a tString with a bad escape)
}

// lexer reads the tokens of one ${...} body from src, starting at pos; it is a small value
// so that the parser can look ahead by copying it.
type lexer struct {
	src string
	pos int
}

func isSpace(c byte) bool { return c == ' ' || c >= '\t' && c <= '\r' || c >= 0x1c && c <= 0x1f }

// skipSpace skips what Java's Character.isWhitespace calls space, as JUEL does between
// tokens: ASCII blanks and Unicode space separators (the ideographic space U+3000 that a
// Chinese input method types, among others) except the no-break spaces.
func (l *lexer) skipSpace() {
	for l.pos < len(l.src) {
		if c := l.src[l.pos]; c < utf8.RuneSelf {
			if !isSpace(c) {
				return
			}
			l.pos++
			continue
		}
		r, size := utf8.DecodeRuneInString(l.src[l.pos:])
		if !unicode.In(r, unicode.Zs, unicode.Zl, unicode.Zp) || r == 0xa0 || r == 0x2007 || r == 0x202f {
			return
		}
		l.pos += size
	}
}
func isDigit(c byte) bool { return c >= '0' && c <= '9' }

// identStart and identPart follow Java's identifier rules, which JUEL uses, for the
// characters that matter: letters (any script), digits after the first, _ and $.
func identStart(r rune) bool { return r == '_' || r == '$' || unicode.IsLetter(r) }
func identPart(r rune) bool  { return identStart(r) || unicode.IsDigit(r) }

func (l *lexer) next() token {
	l.skipSpace()
	start := l.pos
	if start >= len(l.src) {
		return token{kind: tEOF, start: Pos(start), end: Pos(start)}
	}
	c := l.src[start]
	switch {
	case c == '}':
		l.pos++
		return l.tok(tClose, start)
	case c == '\'' || c == '"':
		return l.string(start)
	case isDigit(c) || c == '.' && start+1 < len(l.src) && isDigit(l.src[start+1]):
		return l.number(start)
	case (c == '$' || c == '#') && start+1 < len(l.src) && l.src[start+1] == '{':
		l.pos += 2
		t := l.tok(tIllegal, start)
		t.bad = errorAt(KindUnexpected, t.start, t.end, "unexpected %s inside an expression: expressions do not nest; write the name directly, e.g. ${a == b} rather than ${a == ${b}}", t.text)
		return t
	}
	if r, size := utf8.DecodeRuneInString(l.src[start:]); identStart(r) {
		l.pos += size
		for l.pos < len(l.src) {
			r, size := utf8.DecodeRuneInString(l.src[l.pos:])
			if !identPart(r) {
				break
			}
			l.pos += size
		}
		return l.tok(tIdent, start)
	}
	return l.operator(start)
}

func (l *lexer) tok(kind tokKind, start int) token {
	return token{kind: kind, text: l.src[start:l.pos], start: Pos(start), end: Pos(l.pos)}
}

// string reads a JUEL string literal. The EL 2.2 grammar allows exactly two escapes in it,
// \\ and a backslash before the literal's own quote; JUEL rejects any other.
func (l *lexer) string(start int) token {
	quote := l.src[start]
	var b strings.Builder
	var bad *Diagnostic
	for i := start + 1; i < len(l.src); i++ {
		c := l.src[i]
		switch {
		case c == quote:
			l.pos = i + 1
			t := l.tok(tString, start)
			t.str, t.bad = b.String(), bad
			return t
		case c == '\\' && i+1 < len(l.src):
			if e := l.src[i+1]; e == '\\' || e == quote {
				b.WriteByte(e)
			} else if bad == nil {
				bad = errorAt(KindBadEscape, Pos(i), Pos(i+2), `invalid escape \%c in a string: JUEL knows only \\ and \%c here; write the character without the backslash`, e, quote)
			}
			i++
		default:
			b.WriteByte(c)
		}
	}
	l.pos = len(l.src)
	t := l.tok(tIllegal, start)
	t.bad = errorAt(KindUnterminatedString, Pos(start), Pos(start+1), "unterminated string: no closing %c; end the string with %c", quote, quote)
	return t
}

// number reads an IntegerLiteral ([0-9]+) or a FloatingPointLiteral ([0-9]+ . [0-9]*
// exponent?, . [0-9]+ exponent?, [0-9]+ exponent), as JUEL's scanner does.
func (l *lexer) number(start int) token {
	i := start
	for i < len(l.src) && isDigit(l.src[i]) {
		i++
	}
	kind := tInt
	if i < len(l.src) && l.src[i] == '.' {
		kind = tFloat
		i++
		for i < len(l.src) && isDigit(l.src[i]) {
			i++
		}
	}
	if i < len(l.src) && (l.src[i] == 'e' || l.src[i] == 'E') {
		j := i + 1
		if j < len(l.src) && (l.src[j] == '+' || l.src[j] == '-') {
			j++
		}
		if j < len(l.src) && isDigit(l.src[j]) {
			for j < len(l.src) && isDigit(l.src[j]) {
				j++
			}
			kind, i = tFloat, j
		}
	}
	l.pos = i
	return l.tok(kind, start)
}

// operators lists what JUEL knows and, with advice, operators from other languages (and
// from EL 3.0, which Flowable's JUEL 2.2 does not implement); longest first, so that a
// prefix never hides a longer operator.
var operators = []struct{ op, advice string }{
	{"&amp;", "an XML entity is not decoded in an expression; write & itself (&& or and)"},
	{"&lt;", "an XML entity is not decoded in an expression; write < itself (or lt)"},
	{"&gt;", "an XML entity is not decoded in an expression; write > itself (or gt)"},
	{"===", "compare with == (or eq)"},
	{"!==", "use != (or ne)"},
	{"==", ""}, {"!=", ""}, {"<=", ""}, {">=", ""}, {"&&", ""}, {"||", ""},
	{"<>", "use != (or ne)"},
	{"=>", "use >= (or ge)"},
	{"=<", "use <= (or le)"},
	{"+=", "+= is EL 3.0 string concatenation, which the JUEL 2.2 in Flowable lacks; write the text around the expression instead, e.g. 'a-${x}'"},
	{"->", "-> is an EL 3.0 lambda, which the JUEL 2.2 in Flowable lacks"},
	{"=", "compare with == (or eq); expressions cannot assign"},
	{"&", "use && (or and)"},
	{"|", "use || (or or)"},
	{";", "an expression is one value; EL 3.0's ; is not in JUEL 2.2"},
	{"<", ""}, {">", ""}, {"!", ""}, {"?", ""}, {":", ""}, {".", ""}, {"[", ""}, {"]", ""},
	{"(", ""}, {")", ""}, {",", ""}, {"+", ""}, {"-", ""}, {"*", ""}, {"/", ""}, {"%", ""},
}

// operatorsByByte holds the operators by their first byte, in the order above.
var operatorsByByte = func() (table [256][]struct{ op, advice string }) {
	for _, o := range operators {
		table[o.op[0]] = append(table[o.op[0]], o)
	}
	return table
}()

func (l *lexer) operator(start int) token {
	rest := l.src[start:]
	for _, o := range operatorsByByte[rest[0]] {
		if !strings.HasPrefix(rest, o.op) {
			continue
		}
		l.pos = start + len(o.op)
		if o.advice == "" {
			return l.tok(tOp, start)
		}
		t := l.tok(tIllegal, start)
		t.bad = errorAt(KindUnknownOperator, t.start, t.end, "unknown operator %s: %s", o.op, o.advice)
		return t
	}
	r, size := utf8.DecodeRuneInString(rest)
	l.pos = start + size
	t := l.tok(tIllegal, start)
	switch r {
	case '{':
		t.bad = errorAt(KindUnexpected, t.start, t.end, "unexpected { in an expression: JUEL 2.2 has no map or set literals")
	default:
		t.bad = errorAt(KindUnexpected, t.start, t.end, "unexpected character %q in an expression", r)
	}
	return t
}
