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

// Format prints a tree back as expression source (without ${ }), parenthesising every
// operation so that parsing the result gives the same tree.
func Format(n Node) string {
	var b strings.Builder
	format(&b, n)
	return b.String()
}

func format(b *strings.Builder, n Node) {
	switch n := n.(type) {
	case *Lit, *Ident, *QName:
		sexpr(b, n)
	case *Member:
		receiver(b, n.X)
		b.WriteString("." + n.Name)
	case *Index:
		receiver(b, n.X)
		b.WriteByte('[')
		format(b, n.Index)
		b.WriteByte(']')
	case *Call:
		receiver(b, n.Fun)
		b.WriteByte('(')
		for i, a := range n.Args {
			if i > 0 {
				b.WriteString(", ")
			}
			format(b, a)
		}
		b.WriteByte(')')
	case *Unary:
		b.WriteString("(" + string(n.Op))
		if n.Op == OpEmpty {
			b.WriteByte(' ')
		}
		format(b, n.X)
		b.WriteByte(')')
	case *Binary:
		b.WriteByte('(')
		format(b, n.X)
		b.WriteString(" " + string(n.Op) + " ")
		format(b, n.Y)
		b.WriteByte(')')
	case *Cond:
		b.WriteByte('(')
		format(b, n.Cond)
		b.WriteString(" ? ")
		format(b, n.Then)
		b.WriteString(" : ")
		format(b, n.Else)
		b.WriteByte(')')
	case *Bad:
		b.WriteString("<bad>")
	}
}

// receiver formats the left side of . [] or (), where a number needs parentheses: 1.x
// would read as the number 1. followed by x.
func receiver(b *strings.Builder, n Node) {
	if l, ok := n.(*Lit); ok && (l.Kind == LitInt || l.Kind == LitFloat) {
		b.WriteByte('(')
		format(b, n)
		b.WriteByte(')')
		return
	}
	format(b, n)
}
