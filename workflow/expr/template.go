package expr

import (
	"sort"
	"strings"

	"github.com/wfc-dev/wfc/diag"
)

// Template is a parsed value: literal text and ${...} / #{...} parts, in order. Flowable
// evaluates a value with more than one part by turning each into text and joining them, so
// "a ${x} b" is string concatenation; EL 2.2's + only adds numbers.
type Template struct {
	Src   string
	Parts []Part
}

// Part is literal text or one expression of a Template.
type Part struct {
	Start, End Pos    // text: the text as written; expression: from ${ to just after } (or the value's end)
	Text       string // literal text, with \${ and \#{ read as ${ and #{; "" for an expression
	Expr       Node   // nil for literal text; for an expression never nil (a *Bad when it is missing)
	Deferred   bool   // #{...} rather than ${...}
	Closed     bool   // the expression has its closing }
}

// IsExpr reports whether the part is an expression rather than literal text.
func (p Part) IsExpr() bool { return p.Expr != nil }

// ParseTemplate parses a value. Every expression part gets a tree even when it has an
// error (a *Bad stands for what is missing), so references can still be listed; the
// diagnostics (at most one error per expression, plus warnings) are in offset order.
func ParseTemplate(v string) (*Template, []Diagnostic) {
	t := &Template{Src: v}
	var diags []Diagnostic
	for i := 0; i < len(v); {
		text, j := scanText(v, i)
		if j > i {
			t.Parts = append(t.Parts, Part{Start: Pos(i), End: Pos(j), Text: text})
			diags = append(diags, forgottenBraces(v, i, j)...)
		}
		if j >= len(v) {
			break
		}
		part, err := parseExprPart(v, j)
		t.Parts = append(t.Parts, part)
		if err != nil {
			diags = append(diags, *err)
		}
		i = int(part.End)
	}
	if d := mixedDelimiters(t.Parts); d != nil {
		diags = append(diags, *d)
	}
	sort.SliceStable(diags, func(a, b int) bool { return diags[a].Start < diags[b].Start })
	return t, diags
}

// scanText reads literal text from i up to the next ${ or #{ (returned as end), decoding
// JUEL's escapes \${ and \#{; any other backslash is itself.
func scanText(v string, i int) (text string, end int) {
	if j := strings.IndexAny(v[i:], "$#\\"); j < 0 {
		return v[i:], len(v) // no delimiter and no escape: the text is the rest
	}
	var b strings.Builder
	for j := i; j < len(v); j++ {
		c := v[j]
		if c != '$' && c != '#' && c != '\\' {
			b.WriteByte(c)
			continue
		}
		if j+1 < len(v) && v[j+1] == '{' && c != '\\' {
			return b.String(), j
		}
		if c == '\\' && j+2 < len(v) && (v[j+1] == '$' || v[j+1] == '#') && v[j+2] == '{' {
			b.WriteString(v[j+1 : j+3])
			j += 2
			continue
		}
		b.WriteByte(c)
	}
	return b.String(), len(v)
}

// parseExprPart parses the expression whose ${ or #{ is at i.
func parseExprPart(v string, i int) (Part, *Diagnostic) {
	p := newParser(v, i+2)
	x := p.expr(0, "")
	if p.err == nil && p.tok.kind != tClose && p.tok.kind != tEOF {
		p.failHere(KindUnexpected, "unexpected %s after %s; expected an operator or }", describe(p.tok), snippet(v, x))
	}
	for p.tok.kind != tClose && p.tok.kind != tEOF {
		p.advance() // after an error: find the } that ends this part
	}
	part := Part{Start: Pos(i), End: p.tok.end, Expr: x, Deferred: v[i] == '#', Closed: p.tok.kind == tClose}
	if !part.Closed && (p.err == nil || p.err.Kind != KindUnterminatedString) {
		p.err = errorAt(KindUnterminated, Pos(i), Pos(i+2), "unterminated %s: no } closes it; end the expression with }", v[i:i+2])
	}
	return part, p.err
}

// snippet quotes the source of a node for a message, cut to a readable length.
func snippet(src string, n Node) string {
	s, e := n.Span()
	text := strings.Join(strings.Fields(src[s:e]), " ")
	if r := []rune(text); len(r) > 30 {
		text = string(r[:30]) + "…"
	}
	return text
}

// ParseExpr parses a bare expression body (what is between ${ and }), for callers and
// tests that hold one; offsets are into body.
func ParseExpr(body string) (Node, *Diagnostic) {
	p := newParser(body, 0)
	if p.tok.kind == tEOF {
		p.failHere(KindMissingOperand, "empty expression")
		return p.bad(), p.err
	}
	x := p.expr(0, "")
	if p.err == nil && p.tok.kind != tEOF {
		p.failHere(KindUnexpected, "unexpected %s after %s; expected an operator", describe(p.tok), snippet(body, x))
	}
	return x, p.err
}

// forgottenBraces warns about $inputs.x, $steps.x and $workflow.x in literal text
// [from, to): written like a shell variable, it stays text. Other $names are left alone
// ($HOME in a script is fine).
func forgottenBraces(v string, from, to int) []Diagnostic {
	var out []Diagnostic
	for i := from; i < to; i++ {
		if v[i] != '$' || i > from && v[i-1] == '\\' {
			continue
		}
		for root := range refRoots {
			if !strings.HasPrefix(v[i+1:to], root+".") {
				continue
			}
			j := i + 1 + len(root)
			for j+1 < to && v[j] == '.' && isNameByte(v[j+1]) {
				j++
				for j < to && isNameByte(v[j]) {
					j++
				}
			}
			if j == i+1+len(root) {
				continue // "$inputs." and nothing after: not a reference either way
			}
			name := v[i+1 : j]
			out = append(out, Diagnostic{Kind: KindForgottenBrace, Severity: diag.Warning, Start: Pos(i), End: Pos(j),
				Message: "$" + name + " is literal text, not a reference; did you mean ${" + name + "}?"})
		}
	}
	return out
}

func isNameByte(c byte) bool { return c == '_' || isDigit(c) || c|0x20 >= 'a' && c|0x20 <= 'z' }

// mixedDelimiters reports the first part whose delimiter differs from the first
// expression's: EL 2.2 (section 1.2.2) forbids mixing ${} and #{} in one value.
func mixedDelimiters(parts []Part) *Diagnostic {
	first := -1
	for i, p := range parts {
		if !p.IsExpr() {
			continue
		}
		if first < 0 {
			first = i
			continue
		}
		if p.Deferred != parts[first].Deferred {
			return errorAt(KindMixedDelimiters, p.Start, p.Start+2, "a value cannot mix ${...} and #{...} (JUEL refuses it); use ${...} throughout")
		}
	}
	return nil
}

// Single returns the expression when the value is exactly one closed ${...} or #{...}
// with no text around it, the form a condition must have to be a test.
func (t *Template) Single() (Node, bool) {
	if len(t.Parts) != 1 || !t.Parts[0].IsExpr() || !t.Parts[0].Closed {
		return nil, false
	}
	return t.Parts[0].Expr, true
}
