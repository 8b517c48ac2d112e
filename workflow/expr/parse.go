package expr

import (
	"strconv"
)

// MaxDepth is how deeply operators, parentheses and indexes may nest in one expression;
// deeper input is refused with an error rather than risk the stack on hostile input.
const MaxDepth = 100

const precCond = 1 // ?: binds loosest; the binary operators are 2 (||) to 7 (* / %)

type binaryOp struct {
	op   Op
	prec int
}

// binaryOps are JUEL's binary operators by spelling (EL 2.2 spec, section 1.17).
var binaryOps = map[string]binaryOp{
	"||": {OpOr, 2}, "or": {OpOr, 2},
	"&&": {OpAnd, 3}, "and": {OpAnd, 3},
	"==": {OpEq, 4}, "eq": {OpEq, 4}, "!=": {OpNe, 4}, "ne": {OpNe, 4},
	"<": {OpLt, 5}, "lt": {OpLt, 5}, "<=": {OpLe, 5}, "le": {OpLe, 5},
	">": {OpGt, 5}, "gt": {OpGt, 5}, ">=": {OpGe, 5}, "ge": {OpGe, 5},
	"+": {OpAdd, 6}, "-": {OpNeg, 6},
	"*": {OpMul, 7}, "/": {OpDiv, 7}, "div": {OpDiv, 7}, "%": {OpMod, 7}, "mod": {OpMod, 7},
}

// reserved are JUEL's reserved words: none of them can be a variable or property name.
var reserved = map[string]bool{
	"and": true, "or": true, "not": true, "eq": true, "ne": true, "lt": true, "gt": true,
	"le": true, "ge": true, "true": true, "false": true, "null": true, "empty": true,
	"div": true, "mod": true, "instanceof": true,
}

type parser struct {
	lx    lexer
	tok   token
	err   *Diagnostic // the first problem; parsing stops there
	depth int
}

func newParser(src string, pos int) *parser {
	p := &parser{lx: lexer{src: src, pos: pos}}
	p.advance()
	return p
}

func (p *parser) advance() { p.tok = p.lx.next() }

func (p *parser) fail(d *Diagnostic) {
	if p.err == nil {
		p.err = d
	}
}

// failHere reports a problem at the current token, preferring the lexer's own message for
// a token it could not read.
func (p *parser) failHere(kind Kind, format string, args ...any) {
	if p.tok.kind == tIllegal {
		p.fail(p.tok.bad)
		return
	}
	start, end := p.tok.start, p.tok.end
	if end == start && int(end) < len(p.lx.src) {
		end++
	}
	p.fail(errorAt(kind, start, end, format, args...))
}

func (p *parser) bad() Node { return &Bad{Start: p.tok.start, End: p.tok.start} }

func (p *parser) isOp(text string) bool { return p.tok.kind == tOp && p.tok.text == text }

// enter counts one more level of recursion; when that is one too many it reports the error
// and counts nothing, so that the caller just returns.
func (p *parser) enter() bool {
	if p.depth >= MaxDepth {
		p.failHere(KindTooDeep, "expression nested deeper than %d levels; split it into simpler steps", MaxDepth)
		return false
	}
	p.depth++
	return true
}

func (p *parser) leave() { p.depth-- }

// deepen counts one more level of tree built by a loop (a left-associative operator or a
// suffix), which nests the tree as deeply as recursion would; *levels is given back by
// the caller when it returns.
func (p *parser) deepen(levels *int) {
	*levels++
	p.depth++
	if p.depth > MaxDepth {
		p.failHere(KindTooDeep, "expression nested deeper than %d levels; split it into simpler steps", MaxDepth)
	}
}

// describe names a token for a message.
func describe(t token) string {
	switch t.kind {
	case tClose:
		return "}"
	case tEOF:
		return "the end of the value"
	}
	if t.text == "." {
		return "'.'" // a bare . at the end of a message would read as a full stop
	}
	return t.text
}

// expr parses operators binding at least as tightly as minPrec; after is the operator or
// bracket before the expression ("" at the start), for messages about a missing operand.
func (p *parser) expr(minPrec int, after string) Node {
	if !p.enter() {
		return p.bad()
	}
	levels := 0
	defer func() { p.depth -= levels + 1 }()
	x := p.unary(after)
	for p.err == nil {
		t := p.tok
		if p.isOp("?") {
			if minPrec > precCond {
				break
			}
			x = p.cond(x, t)
			p.deepen(&levels)
			continue
		}
		b, ok := binaryOps[t.text]
		if !ok || t.kind != tOp && t.kind != tIdent || b.prec < minPrec {
			break
		}
		p.advance()
		y := p.expr(b.prec+1, t.text)
		x = &Binary{Op: b.op, X: x, Y: y, OpStart: t.start, OpEnd: t.end}
		p.deepen(&levels)
	}
	return x
}

// cond parses the rest of c ? a : b; the branches are whole expressions, and b may itself
// be a conditional (?: groups to the right).
func (p *parser) cond(c Node, question token) Node {
	p.advance()
	then := p.expr(precCond, question.text)
	if p.err == nil && !p.isOp(":") {
		p.failHere(KindUnexpected, "expected : after the ? branch, found %s; a conditional is c ? a : b", describe(p.tok))
	}
	if p.err != nil {
		return &Cond{Cond: c, Then: then, Else: p.bad()}
	}
	colon := p.tok
	p.advance()
	return &Cond{Cond: c, Then: then, Else: p.expr(precCond, colon.text)}
}

func (p *parser) unary(after string) Node {
	t := p.tok
	var op Op
	switch {
	case p.isOp("-"):
		op = OpNeg
	case p.isOp("!"), t.kind == tIdent && t.text == "not":
		op = OpNot
	case t.kind == tIdent && t.text == "empty":
		op = OpEmpty
	default:
		return p.postfix(p.primary(after))
	}
	if !p.enter() {
		return p.bad()
	}
	defer p.leave()
	p.advance()
	return &Unary{Op: op, X: p.unary(t.text), Start: t.start}
}

func (p *parser) primary(after string) Node {
	t := p.tok
	switch t.kind {
	case tInt:
		if _, err := strconv.ParseInt(t.text, 10, 64); err != nil {
			p.fail(errorAt(KindBadNumber, t.start, t.end, "integer %s is too large for JUEL (a Java long); write it as a string or a float", t.text))
		}
		p.advance()
		return &Lit{Kind: LitInt, Raw: t.text, Start: t.start, End: t.end}
	case tFloat:
		p.advance()
		return &Lit{Kind: LitFloat, Raw: t.text, Start: t.start, End: t.end}
	case tString:
		if t.bad != nil {
			p.fail(t.bad)
		}
		p.advance()
		return &Lit{Kind: LitString, Raw: t.text, Str: t.str, Start: t.start, End: t.end}
	case tIdent:
		return p.name(after)
	}
	if p.isOp("(") {
		p.advance()
		x := p.expr(0, t.text)
		p.expect(")", t)
		return x
	}
	return p.missing(after)
}

// name parses a literal word (true, false, null), a variable, or a function call fn(...)
// or ns:fn(...).
func (p *parser) name(after string) Node {
	t := p.tok
	switch t.text {
	case "true", "false":
		p.advance()
		return &Lit{Kind: LitBool, Raw: t.text, Start: t.start, End: t.end}
	case "null":
		p.advance()
		return &Lit{Kind: LitNull, Raw: t.text, Start: t.start, End: t.end}
	case "instanceof":
		p.failHere(KindReserved, "instanceof is reserved in JUEL and not supported")
		return p.bad()
	}
	if reserved[t.text] {
		return p.missing(after)
	}
	var fun Node = &Ident{Name: t.text, Start: t.start, End: t.end}
	if p.colonNext() {
		ahead := p.lx
		colon, fn, open := ahead.next(), ahead.next(), ahead.next()
		if colon.kind == tOp && colon.text == ":" && fn.kind == tIdent && !reserved[fn.text] && open.kind == tOp && open.text == "(" {
			// JUEL reads ns:fn( as a function call even inside c ? a:fn(x) : y, and so do we.
			fun = &QName{NS: t.text, Name: fn.text, Start: t.start, End: fn.end}
			p.advance()
			p.advance()
		}
	}
	p.advance()
	if p.isOp("(") {
		return p.call(fun)
	}
	return fun
}

// colonNext reports whether the next token starts with :, before the lookahead that
// tells ns:fn( from the : of ?: is worth its cost.
func (p *parser) colonNext() bool {
	ahead := p.lx
	ahead.skipSpace()
	return ahead.pos < len(ahead.src) && ahead.src[ahead.pos] == ':'
}

// missing reports that an operand is missing at the current token.
func (p *parser) missing(after string) Node {
	switch {
	case after == "" && p.tok.kind == tClose:
		p.failHere(KindMissingOperand, "empty expression: write an expression between ${ and }")
	case after == "":
		p.failHere(KindMissingOperand, "expected an operand, found %s", describe(p.tok))
	case p.tok.kind == tIdent || p.tok.kind == tOp:
		p.failHere(KindMissingOperand, "expected an operand after %s, found %s", after, describe(p.tok))
	default:
		p.failHere(KindMissingOperand, "expected an operand after %s", after)
	}
	return p.bad()
}

// postfix parses the . and [] suffixes of a value, and the argument list of a method
// call after either (EL 2.2's ValueSuffix and MethodParameters).
func (p *parser) postfix(x Node) Node {
	levels := 0
	defer func() { p.depth -= levels }()
	for p.err == nil {
		switch {
		case p.isOp("."):
			p.advance()
			t := p.tok
			switch {
			case t.kind != tIdent:
				p.failHere(KindUnexpected, "expected a name after ., found %s", describe(t))
				return x
			case reserved[t.text]:
				p.failHere(KindReserved, "%s is a reserved word in JUEL and cannot follow .; write ['%s'] instead", t.text, t.text)
				return x
			}
			p.advance()
			x = &Member{X: x, Name: t.text, NamePos: t.start, End: t.end}
			p.deepen(&levels)
		case p.isOp("["):
			open := p.tok
			p.advance()
			i := p.expr(0, open.text)
			close := p.tok.end
			if !p.expect("]", open) {
				close = end(i)
			}
			x = &Index{X: x, Index: i, End: close}
			p.deepen(&levels)
		case p.isOp("("):
			switch x.(type) {
			case *Member, *Index:
				x = p.call(x)
				p.deepen(&levels)
			default:
				return x
			}
		default:
			return x
		}
	}
	return x
}

// call parses the argument list of fun(...); the current token is the (.
func (p *parser) call(fun Node) Node {
	open := p.tok
	p.advance()
	var args []Node
	if !p.isOp(")") {
		prev := open
		for p.err == nil {
			args = append(args, p.expr(0, prev.text))
			if !p.isOp(",") {
				break
			}
			prev = p.tok
			p.advance()
		}
	}
	close := p.tok.end
	if !p.expect(")", open) {
		close = max(open.end, endOfList(args))
	}
	return &Call{Fun: fun, Args: args, End: close}
}

// expect consumes the closing bracket text that matches open, or reports it missing.
func (p *parser) expect(text string, open token) bool {
	if p.err != nil {
		return false
	}
	if p.isOp(text) {
		p.advance()
		return true
	}
	p.failHere(KindUnexpected, "expected %s to close the %s, found %s", text, open.text, describe(p.tok))
	return false
}

func endOfList(ns []Node) Pos {
	if len(ns) == 0 {
		return 0
	}
	return end(ns[len(ns)-1])
}
