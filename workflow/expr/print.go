package expr

import "strings"

// SExpr prints a tree as a compact S-expression, for tests and debugging: (== inputs.ip
// 'x'), (. X name) for a member that is not a plain dotted name, ([] X I), (call F args...),
// (? c a b), (neg x) for unary minus, (bad) for a missing operand. A chain of names prints
// as a.b.c.
func SExpr(n Node) string {
	var b strings.Builder
	sexpr(&b, n)
	return b.String()
}

func sexpr(b *strings.Builder, n Node) {
	switch n := n.(type) {
	case *Lit:
		if n.Kind == LitString {
			b.WriteString(quote(n.Str))
		} else {
			b.WriteString(n.Raw)
		}
	case *Ident:
		b.WriteString(n.Name)
	case *QName:
		b.WriteString(n.NS + ":" + n.Name)
	case *Member:
		if isDotted(n.X) {
			sexpr(b, n.X)
			b.WriteString("." + n.Name)
			return
		}
		b.WriteString("(. ")
		sexpr(b, n.X)
		b.WriteString(" " + n.Name + ")")
	case *Index:
		list(b, "[]", n.X, n.Index)
	case *Call:
		list(b, "call", append([]Node{n.Fun}, n.Args...)...)
	case *Unary:
		op := string(n.Op)
		if n.Op == OpNeg {
			op = "neg"
		}
		list(b, op, n.X)
	case *Binary:
		list(b, string(n.Op), n.X, n.Y)
	case *Cond:
		list(b, "?", n.Cond, n.Then, n.Else)
	case *Bad:
		b.WriteString("(bad)")
	}
}

func list(b *strings.Builder, head string, args ...Node) {
	b.WriteString("(" + head)
	for _, a := range args {
		b.WriteByte(' ')
		sexpr(b, a)
	}
	b.WriteByte(')')
}

func isDotted(n Node) bool {
	switch n := n.(type) {
	case *Ident:
		return true
	case *Member:
		return isDotted(n.X)
	}
	return false
}

// quote writes s as a single-quoted JUEL string literal.
func quote(s string) string {
	return "'" + strings.NewReplacer(`\`, `\\`, `'`, `\'`).Replace(s) + "'"
}

// Format prints a tree back as expression source (without ${ }), with the parentheses the
// precedence needs and no others, so that parsing the result gives the same tree; the
// decompiler can write conditions with it.
func Format(n Node) string {
	var b strings.Builder
	format(&b, n, 0)
	return b.String()
}

// Binding strengths for format: the binary operators use their parse precedence (2-7).
const (
	bindUnary   = 8
	bindPostfix = 9
)

func binding(n Node) int {
	switch n := n.(type) {
	case *Cond:
		return precCond
	case *Binary:
		return binaryOps[string(n.Op)].prec
	case *Unary:
		return bindUnary
	case *Lit:
		if n.Kind == LitInt || n.Kind == LitFloat {
			return bindUnary // 1.x would read as the number 1. followed by x
		}
	}
	return bindPostfix
}

// format writes n where the context binds with strength ctx: n is parenthesised when it
// binds more loosely.
func format(b *strings.Builder, n Node, ctx int) {
	if binding(n) < ctx {
		b.WriteByte('(')
		defer b.WriteByte(')')
	}
	switch n := n.(type) {
	case *Lit, *Ident, *QName:
		sexpr(b, n)
	case *Member:
		format(b, n.X, bindPostfix)
		b.WriteString("." + n.Name)
	case *Index:
		format(b, n.X, bindPostfix)
		b.WriteByte('[')
		format(b, n.Index, 0)
		b.WriteByte(']')
	case *Call:
		format(b, n.Fun, bindPostfix)
		b.WriteByte('(')
		for i, a := range n.Args {
			if i > 0 {
				b.WriteString(", ")
			}
			format(b, a, 0)
		}
		b.WriteByte(')')
	case *Unary:
		b.WriteString(string(n.Op))
		if n.Op == OpEmpty {
			b.WriteByte(' ')
		}
		format(b, n.X, bindUnary)
	case *Binary:
		p := binaryOps[string(n.Op)].prec
		format(b, n.X, p)
		b.WriteString(" " + string(n.Op) + " ")
		format(b, n.Y, p+1)
	case *Cond:
		format(b, n.Cond, precCond+1)
		b.WriteString(" ? ")
		format(b, n.Then, precCond)
		b.WriteString(" : ")
		format(b, n.Else, precCond)
	case *Bad:
		b.WriteString("<bad>")
	}
}
