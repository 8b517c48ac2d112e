package expr

// Node is a node of an expression's syntax tree. Span is where it is written: bytes
// [start, end) of the parsed string. Parentheses leave no node: they shape the tree, and
// the span of (a) is that of a.
type Node interface {
	Span() (start, end Pos)
}

// Op is an operator in its symbolic spelling: the word forms (eq, and, not, div, ...)
// parse to the same Op as their symbols.
type Op string

const (
	OpEq    Op = "=="
	OpNe    Op = "!="
	OpLt    Op = "<"
	OpLe    Op = "<="
	OpGt    Op = ">"
	OpGe    Op = ">="
	OpAnd   Op = "&&"
	OpOr    Op = "||"
	OpNot   Op = "!"
	OpEmpty Op = "empty"
	OpNeg   Op = "-" // unary minus (in Unary) and subtraction (in Binary)
	OpAdd   Op = "+"
	OpMul   Op = "*"
	OpDiv   Op = "/"
	OpMod   Op = "%"
)

// LitKind is the type of a literal.
type LitKind uint8

const (
	LitString LitKind = iota + 1
	LitInt
	LitFloat
	LitBool
	LitNull
)

// Lit is a literal: 'text', "text", 42, 1.5, true, false or null. Raw is the literal as
// written; Str is the decoded text of a string.
type Lit struct {
	Kind       LitKind
	Raw, Str   string
	Start, End Pos
}

// Ident is a name: inputs, steps, workflow, or any other variable Flowable may resolve.
type Ident struct {
	Name       string
	Start, End Pos
}

// QName is the name of a JUEL function with a prefix, ns:fn in ns:fn(...).
type QName struct {
	NS, Name   string
	Start, End Pos
}

// Member is X.Name.
type Member struct {
	X       Node
	Name    string
	NamePos Pos // where Name starts
	End     Pos
}

// Index is X[Index].
type Index struct {
	X, Index Node
	End      Pos // just after ]
}

// Call is Fun(Args...): a function (Fun an *Ident or *QName) or a method call on a
// bean or value (Fun a *Member or *Index), as Flowable allows.
type Call struct {
	Fun  Node
	Args []Node
	End  Pos // just after )
}

// Unary is Op X for -, !, not and empty.
type Unary struct {
	Op    Op
	X     Node
	Start Pos
}

// Binary is X Op Y.
type Binary struct {
	Op             Op
	X, Y           Node
	OpStart, OpEnd Pos
}

// Cond is Cond ? Then : Else.
type Cond struct {
	Cond, Then, Else Node
}

// Bad stands where an operand could not be parsed; the tree around it is still usable
// (for references) but the expression has an error.
type Bad struct {
	Start, End Pos
}

func (n *Lit) Span() (Pos, Pos)    { return n.Start, n.End }
func (n *Ident) Span() (Pos, Pos)  { return n.Start, n.End }
func (n *QName) Span() (Pos, Pos)  { return n.Start, n.End }
func (n *Member) Span() (Pos, Pos) { return start(n.X), n.End }
func (n *Index) Span() (Pos, Pos)  { return start(n.X), n.End }
func (n *Call) Span() (Pos, Pos)   { return start(n.Fun), n.End }
func (n *Unary) Span() (Pos, Pos)  { return n.Start, end(n.X) }
func (n *Binary) Span() (Pos, Pos) { return start(n.X), end(n.Y) }
func (n *Cond) Span() (Pos, Pos)   { return start(n.Cond), end(n.Else) }
func (n *Bad) Span() (Pos, Pos)    { return n.Start, n.End }

func start(n Node) Pos { s, _ := n.Span(); return s }
func end(n Node) Pos   { _, e := n.Span(); return e }

// Inspect calls f for n and, while f returns true, for the nodes under it, depth first in
// source order.
func Inspect(n Node, f func(Node) bool) {
	if n == nil || !f(n) {
		return
	}
	switch n := n.(type) {
	case *Member:
		Inspect(n.X, f)
	case *Index:
		Inspect(n.X, f)
		Inspect(n.Index, f)
	case *Call:
		Inspect(n.Fun, f)
		for _, a := range n.Args {
			Inspect(a, f)
		}
	case *Unary:
		Inspect(n.X, f)
	case *Binary:
		Inspect(n.X, f)
		Inspect(n.Y, f)
	case *Cond:
		Inspect(n.Cond, f)
		Inspect(n.Then, f)
		Inspect(n.Else, f)
	}
}
