package lint

import (
	"strconv"
	"strings"
)

// A small constant folder for the body of a ${...} condition, in the expression language
// SecMaster's Flowable engine evaluates (JUEL: ==/eq, !=/ne, < <= > >= and lt le gt ge,
// &&/and, ||/or, !/not, empty, literals true false null, numbers, 'strings' and "strings").
// It answers one question: is the value the same on every run? Anything it does not
// understand is "unknown", so it can only miss a constant, never invent one.

type constKind int

const (
	constUnknown constKind = iota
	constBool
	constNumber
	constString
	constNull
)

type constValue struct {
	kind constKind
	b    bool
	num  float64
	str  string
	// operand is the normalised text of an operand that depends on the run (a reference), so
	// x == x can be recognised; "" when it is not a plain reference.
	operand string
}

// maxExprDepth bounds the nesting the folder follows, so a hostile condition cannot exhaust
// the stack; deeper expressions are simply unknown.
const maxExprDepth = 64

type foldParser struct {
	toks  []string
	i     int
	depth int
	bad   bool // the body did not parse: treat it as unknown
}

// foldConstant evaluates an expression body; ok is false when the body is not understood.
func foldConstant(body string) (v constValue, ok bool) {
	toks, ok := tokenizeExpr(body)
	if !ok || len(toks) == 0 {
		return constValue{}, false
	}
	p := &foldParser{toks: toks}
	v = p.or()
	if p.bad || p.i != len(p.toks) {
		return constValue{}, false
	}
	return v, true
}

func (p *foldParser) peek() string {
	if p.i < len(p.toks) {
		return p.toks[p.i]
	}
	return ""
}

func (p *foldParser) accept(ops ...string) (string, bool) {
	t := p.peek()
	for _, op := range ops {
		if t == op {
			p.i++
			return t, true
		}
	}
	return "", false
}

func (p *foldParser) enter() bool {
	p.depth++
	if p.depth > maxExprDepth {
		p.bad = true
		return false
	}
	return true
}

func (p *foldParser) or() constValue {
	if !p.enter() {
		return constValue{}
	}
	defer func() { p.depth-- }()
	v := p.and()
	for {
		if _, ok := p.accept("||", "or"); !ok {
			return v
		}
		w := p.and()
		switch {
		case v.kind == constBool && v.b, w.kind == constBool && w.b:
			v = constValue{kind: constBool, b: true}
		case v.kind == constBool && w.kind == constBool:
			v = constValue{kind: constBool, b: false}
		default:
			v = constValue{}
		}
	}
}

func (p *foldParser) and() constValue {
	v := p.equality()
	for {
		if _, ok := p.accept("&&", "and"); !ok {
			return v
		}
		w := p.equality()
		switch {
		case v.kind == constBool && !v.b, w.kind == constBool && !w.b:
			v = constValue{kind: constBool, b: false}
		case v.kind == constBool && w.kind == constBool:
			v = constValue{kind: constBool, b: true}
		default:
			v = constValue{}
		}
	}
}

func (p *foldParser) equality() constValue {
	v := p.relational()
	for {
		op, ok := p.accept("==", "!=", "eq", "ne")
		if !ok {
			return v
		}
		v = compareConst(v, p.relational(), op)
	}
}

func (p *foldParser) relational() constValue {
	v := p.unary()
	for {
		op, ok := p.accept("<", ">", "<=", ">=", "lt", "gt", "le", "ge")
		if !ok {
			return v
		}
		v = compareConst(v, p.unary(), op)
	}
}

func (p *foldParser) unary() constValue {
	if !p.enter() {
		return constValue{}
	}
	defer func() { p.depth-- }()
	if _, ok := p.accept("!", "not"); ok {
		v := p.unary()
		if v.kind == constBool {
			return constValue{kind: constBool, b: !v.b}
		}
		return constValue{}
	}
	if _, ok := p.accept("empty"); ok {
		switch v := p.unary(); v.kind {
		case constNull:
			return constValue{kind: constBool, b: true}
		case constString:
			return constValue{kind: constBool, b: v.str == ""}
		}
		return constValue{}
	}
	if _, ok := p.accept("-"); ok {
		if v := p.unary(); v.kind == constNumber {
			return constValue{kind: constNumber, num: -v.num}
		}
		return constValue{}
	}
	return p.primary()
}

func (p *foldParser) primary() constValue {
	t := p.peek()
	switch {
	case t == "":
		p.bad = true
		return constValue{}
	case t == "(":
		p.i++
		v := p.or()
		if _, ok := p.accept(")"); !ok {
			p.bad = true
		}
		v.operand = "" // (x) == x is not worth the trouble
		return v
	case t == "true" || t == "false":
		p.i++
		return constValue{kind: constBool, b: t == "true"}
	case t == "null":
		p.i++
		return constValue{kind: constNull}
	case t[0] == '\'' || t[0] == '"':
		p.i++
		s, ok := unquoteJUEL(t)
		if !ok {
			p.bad = true
		}
		return constValue{kind: constString, str: s}
	case t[0] >= '0' && t[0] <= '9':
		p.i++
		n, err := strconv.ParseFloat(t, 64)
		if err != nil {
			p.bad = true
		}
		return constValue{kind: constNumber, num: n}
	case isWordStart(t[0]):
		return p.reference()
	}
	p.bad = true
	return constValue{}
}

// reference reads a.b.c, a['x'] and calls f(x); a reference that calls a function may change
// from one evaluation to the next, so only plain paths are remembered as operands.
func (p *foldParser) reference() constValue {
	var text strings.Builder
	text.WriteString(p.toks[p.i])
	p.i++
	pure := true
	for {
		switch p.peek() {
		case ".":
			p.i++
			if t := p.peek(); t != "" && isWordStart(t[0]) {
				text.WriteString("." + t)
				p.i++
				continue
			}
			p.bad = true
			return constValue{}
		case "[":
			p.i++
			idx := p.or()
			if _, ok := p.accept("]"); !ok {
				p.bad = true
				return constValue{}
			}
			if idx.kind == constString {
				text.WriteString("[" + strconv.Quote(idx.str) + "]")
			} else if idx.kind == constNumber {
				text.WriteString("[" + strconv.FormatFloat(idx.num, 'g', -1, 64) + "]")
			} else {
				pure = false
			}
			continue
		case "(":
			p.i++
			pure = false
			for p.peek() != ")" {
				p.or()
				if p.bad {
					return constValue{}
				}
				if _, ok := p.accept(","); !ok {
					break
				}
			}
			if _, ok := p.accept(")"); !ok {
				p.bad = true
				return constValue{}
			}
			continue
		}
		break
	}
	if !pure {
		return constValue{}
	}
	return constValue{operand: text.String()}
}

// compareConst folds a comparison: two constants of one kind compare by value; the same plain
// reference on both sides compares equal to itself.
func compareConst(a, b constValue, op string) constValue {
	var cmp int
	switch {
	case a.operand != "" && a.operand == b.operand:
		cmp = 0
	case a.kind == constNumber && b.kind == constNumber:
		cmp = compareOrdered(a.num, b.num)
	case a.kind == constString && b.kind == constString:
		cmp = strings.Compare(a.str, b.str)
	case a.kind == constBool && b.kind == constBool && (op == "==" || op == "!=" || op == "eq" || op == "ne"):
		if a.b != b.b {
			cmp = 1
		}
	case a.kind == constNull && b.kind == constNull && (op == "==" || op == "!=" || op == "eq" || op == "ne"):
		cmp = 0
	default:
		return constValue{}
	}
	var r bool
	switch op {
	case "==", "eq":
		r = cmp == 0
	case "!=", "ne":
		r = cmp != 0
	case "<", "lt":
		r = cmp < 0
	case ">", "gt":
		r = cmp > 0
	case "<=", "le":
		r = cmp <= 0
	case ">=", "ge":
		r = cmp >= 0
	}
	return constValue{kind: constBool, b: r}
}

func compareOrdered(a, b float64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

func isWordStart(c byte) bool { return c == '_' || c == '$' || c|0x20 >= 'a' && c|0x20 <= 'z' }

func isWordByte(c byte) bool { return isWordStart(c) || c >= '0' && c <= '9' || c == '-' }

// tokenizeExpr splits an expression body into words, numbers, quoted strings and operators;
// ok is false for an unterminated string or a character it does not know.
func tokenizeExpr(s string) (toks []string, ok bool) {
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c == ' ' || c == '\t' || c == '\n' || c == '\r':
			i++
		case c == '\'' || c == '"':
			j := i + 1
			for j < len(s) && s[j] != c {
				if s[j] == '\\' {
					j++
				}
				j++
			}
			if j >= len(s) {
				return nil, false
			}
			toks = append(toks, s[i:j+1])
			i = j + 1
		case c >= '0' && c <= '9':
			j := i
			for j < len(s) && (s[j] >= '0' && s[j] <= '9' || s[j] == '.' || s[j] == 'e' || s[j] == 'E') {
				j++
			}
			toks = append(toks, s[i:j])
			i = j
		case isWordStart(c):
			j := i
			for j < len(s) && isWordByte(s[j]) && !(s[j] == '-' && (j+1 >= len(s) || !isWordByte(s[j+1]))) {
				j++
			}
			toks = append(toks, s[i:j])
			i = j
		default:
			if i+1 < len(s) {
				if two := s[i : i+2]; two == "==" || two == "!=" || two == "<=" || two == ">=" || two == "&&" || two == "||" {
					toks = append(toks, two)
					i += 2
					continue
				}
			}
			if !strings.ContainsRune("!<>()[].,-+*/%?:", rune(c)) {
				return nil, false
			}
			toks = append(toks, string(c))
			i++
		}
	}
	return toks, true
}

// unquoteJUEL decodes a JUEL string literal: a quote, text with \\, \' and \" escapes, the
// same quote.
func unquoteJUEL(t string) (string, bool) {
	if len(t) < 2 || t[len(t)-1] != t[0] {
		return "", false
	}
	var b strings.Builder
	body := t[1 : len(t)-1]
	for i := 0; i < len(body); i++ {
		if body[i] == '\\' && i+1 < len(body) {
			i++
		}
		b.WriteByte(body[i])
	}
	return b.String(), true
}
