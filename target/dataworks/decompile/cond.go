package decompile

import (
	"fmt"
	"regexp"
	"strings"
)

// A CONTROLLER_BRANCH condition is a Python expression over ${NAME} parameters (see
// target/dataworks/condition.go, which writes them). pyToWfc reads the part of Python the
// compiler writes, and what people commonly write in the console, back into a wfc
// expression: '${NAME}' is a string input, a bare ${NAME} a number input, ('${NAME}' ==
// 'true') a boolean input; literals, comparisons, arithmetic, and/or/not and a if c else b.

// Input references in a condition: quoted ('${x}'), the boolean form, and bare (${x}).
var (
	boolRef   = regexp.MustCompile(`\('\$\{([A-Za-z_][A-Za-z0-9_]*)\}' == 'true'\)`)
	quotedRef = regexp.MustCompile(`'\$\{([A-Za-z_][A-Za-z0-9_]*)\}'`)
	anyRef    = regexp.MustCompile(`\$\{([A-Za-z_][A-Za-z0-9_]*)\}`)
)

// refTypes are the input types conditions show: number for a bare reference, boolean when
// every quoted reference is the boolean form, string otherwise.
func refTypes(conds []string, types map[string]string) {
	quoted, boolean, all := map[string]int{}, map[string]int{}, map[string]int{}
	for _, c := range conds {
		for _, m := range boolRef.FindAllStringSubmatch(c, -1) {
			boolean[m[1]]++
		}
		for _, m := range quotedRef.FindAllStringSubmatch(c, -1) {
			quoted[m[1]]++
		}
		for _, m := range anyRef.FindAllStringSubmatch(c, -1) {
			all[m[1]]++
		}
	}
	for name, n := range all {
		switch {
		case n > quoted[name]:
			types[name] = "number"
		case boolean[name] == quoted[name]:
			types[name] = "boolean"
		default:
			types[name] = "string"
		}
	}
}

type pyTok struct {
	kind string // "num", "str", "ref", "name", "op", "(", ")", "eof"
	text string
}

var pyTokens = regexp.MustCompile(`^(?:\s+|(\d+(?:\.\d+)?)|('(?:[^'\\]|\\.)*')|(\$\{[A-Za-z_][A-Za-z0-9_]*\})|([A-Za-z_][A-Za-z0-9_]*)|(==|!=|<=|>=|<|>|\+|-|\*|/|%)|(\()|(\)))`)

func pyLex(src string) ([]pyTok, error) {
	var out []pyTok
	kinds := []string{"", "num", "str", "ref", "name", "op", "(", ")"}
	for src != "" {
		m := pyTokens.FindStringSubmatchIndex(src)
		if m == nil {
			return nil, fmt.Errorf("cannot read %q", src)
		}
		for k := 1; k < len(kinds); k++ {
			if m[2*k] >= 0 {
				out = append(out, pyTok{kinds[k], src[m[2*k]:m[2*k+1]]})
			}
		}
		src = src[m[1]:]
	}
	return append(out, pyTok{kind: "eof"}), nil
}

// pyParser parses a condition into wfc expression text, each operation parenthesised
// where wfc's precedence would read it otherwise.
type pyParser struct {
	toks  []pyTok
	pos   int
	types map[string]string
}

// Precedences of the wfc text produced (higher binds tighter).
const (
	precCond = iota + 1
	precOr
	precAnd
	precEq
	precRel
	precAdd
	precMul
	precUnary
	precAtom
)

type pyExpr struct {
	text string
	prec int
}

func pyToWfc(cond string, types map[string]string) (string, error) {
	toks, err := pyLex(cond)
	if err != nil {
		return "", err
	}
	p := &pyParser{toks: toks, types: types}
	e, err := p.ternary()
	if err != nil {
		return "", err
	}
	if p.peek().kind != "eof" {
		return "", fmt.Errorf("unexpected %q", p.peek().text)
	}
	return "${" + e.text + "}", nil
}

func (p *pyParser) peek() pyTok { return p.toks[p.pos] }
func (p *pyParser) next() pyTok { t := p.toks[p.pos]; p.pos++; return t }
func (p *pyParser) isName(s string) bool {
	return p.peek().kind == "name" && p.peek().text == s
}

func wrap(e pyExpr, min int) string {
	if e.prec < min {
		return "(" + e.text + ")"
	}
	return e.text
}

func (p *pyParser) ternary() (pyExpr, error) {
	then, err := p.or()
	if err != nil || !p.isName("if") {
		return then, err
	}
	p.next()
	cond, err := p.or()
	if err != nil {
		return then, err
	}
	if !p.isName("else") {
		return then, fmt.Errorf("an if without else")
	}
	p.next()
	els, err := p.ternary()
	if err != nil {
		return then, err
	}
	return pyExpr{wrap(cond, precOr) + " ? " + wrap(then, precOr) + " : " + wrap(els, precCond), precCond}, nil
}

func (p *pyParser) or() (pyExpr, error)  { return p.logical("or", "||", precOr, p.and) }
func (p *pyParser) and() (pyExpr, error) { return p.logical("and", "&&", precAnd, p.not) }

func (p *pyParser) logical(word, op string, prec int, operand func() (pyExpr, error)) (pyExpr, error) {
	x, err := operand()
	for err == nil && p.isName(word) {
		p.next()
		var y pyExpr
		if y, err = operand(); err == nil {
			x = pyExpr{wrap(x, prec) + " " + op + " " + wrap(y, prec+1), prec}
		}
	}
	return x, err
}

func (p *pyParser) not() (pyExpr, error) {
	if !p.isName("not") {
		return p.comparison()
	}
	p.next()
	x, err := p.not()
	return pyExpr{"!" + wrap(x, precUnary), precUnary}, err
}

var relPrec = map[string]int{"==": precEq, "!=": precEq, "<": precRel, "<=": precRel, ">": precRel, ">=": precRel}

func (p *pyParser) comparison() (pyExpr, error) {
	x, err := p.arith(precAdd)
	if err != nil {
		return x, err
	}
	if t := p.peek(); t.kind == "op" && relPrec[t.text] > 0 {
		p.next()
		y, err := p.arith(precAdd)
		if err != nil {
			return x, err
		}
		if u := p.peek(); u.kind == "op" && relPrec[u.text] > 0 {
			return x, fmt.Errorf("a chained comparison (a < b < c) has no wfc form")
		}
		prec := relPrec[t.text]
		return pyExpr{wrap(x, prec+1) + " " + t.text + " " + wrap(y, prec+1), prec}, nil
	}
	return x, nil
}

var arithOps = map[int]string{precAdd: "+-", precMul: "*/%"}

func (p *pyParser) arith(prec int) (pyExpr, error) {
	operand := func() (pyExpr, error) { return p.arith(prec + 1) }
	if prec > precMul {
		operand = p.unary
	}
	x, err := operand()
	for err == nil && p.peek().kind == "op" && strings.Contains(arithOps[prec], p.peek().text) && len(p.peek().text) == 1 {
		op := p.next().text
		var y pyExpr
		if y, err = operand(); err == nil {
			x = pyExpr{wrap(x, prec) + " " + op + " " + wrap(y, prec+1), prec}
		}
	}
	return x, err
}

func (p *pyParser) unary() (pyExpr, error) {
	if t := p.peek(); t.kind == "op" && t.text == "-" {
		p.next()
		x, err := p.unary()
		return pyExpr{"-" + wrap(x, precUnary), precUnary}, err
	}
	return p.atom()
}

func (p *pyParser) atom() (pyExpr, error) {
	start := p.pos
	t := p.next()
	switch t.kind {
	case "num":
		return pyExpr{t.text, precAtom}, nil
	case "ref":
		return pyExpr{"inputs." + t.text[2:len(t.text)-1], precAtom}, nil
	case "str":
		if m := quotedRef.FindStringSubmatch(t.text); m != nil && m[0] == t.text {
			return pyExpr{"inputs." + m[1], precAtom}, nil
		}
		if strings.Contains(t.text, "${") {
			return pyExpr{}, fmt.Errorf("%s puts a parameter inside other text, which has no wfc form", t.text)
		}
		return pyExpr{t.text, precAtom}, nil // Python's and wfc's '…' escapes agree
	case "name":
		switch t.text {
		case "True", "False", "None":
			return pyExpr{map[string]string{"True": "true", "False": "false", "None": "null"}[t.text], precAtom}, nil
		}
		return pyExpr{}, fmt.Errorf("the name %s is no parameter; write a parameter as ${%s}", t.text, t.text)
	case "(":
		if e, ok := p.booleanInput(); ok {
			return e, nil
		}
		e, err := p.ternary()
		if err != nil {
			return e, err
		}
		if p.next().kind != ")" {
			return e, fmt.Errorf("a ( without )")
		}
		return e, nil
	}
	p.pos = start
	return pyExpr{}, fmt.Errorf("unexpected %q", t.text)
}

// booleanInput reads ('${NAME}' == 'true') of a boolean input as inputs.NAME, just after
// its "(".
func (p *pyParser) booleanInput() (pyExpr, bool) {
	if p.pos+4 > len(p.toks) {
		return pyExpr{}, false
	}
	ts := p.toks[p.pos : p.pos+4]
	m := quotedRef.FindStringSubmatch(ts[0].text)
	if ts[0].kind != "str" || m == nil || m[0] != ts[0].text || ts[1].text != "==" || ts[2].text != "'true'" || ts[3].kind != ")" || p.types[m[1]] != "boolean" {
		return pyExpr{}, false
	}
	p.pos += 4
	return pyExpr{"inputs." + m[1], precAtom}, true
}
