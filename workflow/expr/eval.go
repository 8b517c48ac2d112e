package expr

import (
	"math"
	"strconv"
)

// ValueKind is the type of a constant value.
type ValueKind uint8

const (
	Unknown ValueKind = iota // not a constant, or not one Eval can work out
	Null
	Bool
	Int // a Java long
	Float
	String
)

// Value is the result of Eval.
type Value struct {
	Kind  ValueKind
	Bool  bool
	Int   int64
	Float float64
	Str   string
}

// Eval folds an expression to a constant: the value it has on every run, following the EL
// 2.2 rules (sections 1.7-1.10) for the cases it covers: literals, ! and not, && and ||
// (a false or true side decides whatever the other is), empty, comparisons of two numbers,
// two strings, two booleans or with null, arithmetic on numbers and null, ?: with a
// constant condition, and the same reference on both sides of a comparison (x == x). It
// never invents a constant: whatever it does not cover (references, calls, string to
// number conversion) makes the result not constant. Call it only on a tree that parsed
// without error: true || <missing> folds to true.
func Eval(n Node) (Value, bool) {
	v := eval(n)
	return v, v.Kind != Unknown
}

func eval(n Node) Value {
	switch n := n.(type) {
	case *Lit:
		return literal(n)
	case *Unary:
		return unary(n.Op, eval(n.X))
	case *Binary:
		switch n.Op {
		case OpAnd, OpOr:
			return logical(n.Op, eval(n.X), eval(n.Y))
		case OpEq, OpNe, OpLt, OpLe, OpGt, OpGe:
			if sameReference(n.X, n.Y) {
				return Value{Kind: Bool, Bool: n.Op == OpEq || n.Op == OpLe || n.Op == OpGe}
			}
			return compare(n.Op, eval(n.X), eval(n.Y))
		}
		return arithmetic(n.Op, eval(n.X), eval(n.Y))
	case *Cond:
		if c := eval(n.Cond); c.Kind == Bool {
			if c.Bool {
				return eval(n.Then)
			}
			return eval(n.Else)
		}
	}
	return Value{}
}

func literal(n *Lit) Value {
	switch n.Kind {
	case LitString:
		return Value{Kind: String, Str: n.Str}
	case LitBool:
		return Value{Kind: Bool, Bool: n.Raw == "true"}
	case LitNull:
		return Value{Kind: Null}
	case LitInt:
		if i, err := strconv.ParseInt(n.Raw, 10, 64); err == nil {
			return Value{Kind: Int, Int: i}
		}
	case LitFloat:
		if f, err := strconv.ParseFloat(n.Raw, 64); err == nil {
			return Value{Kind: Float, Float: f}
		}
	}
	return Value{}
}

func unary(op Op, x Value) Value {
	switch {
	case op == OpNot && x.Kind == Bool:
		return Value{Kind: Bool, Bool: !x.Bool}
	case op == OpEmpty && x.Kind != Unknown:
		// null and "" are empty; a number or a boolean never is (EL 2.2 section 1.10)
		return Value{Kind: Bool, Bool: x.Kind == Null || x.Kind == String && x.Str == ""}
	case op == OpNeg && x.Kind == Null:
		return Value{Kind: Int}
	case op == OpNeg && x.Kind == Int:
		return Value{Kind: Int, Int: -x.Int}
	case op == OpNeg && x.Kind == Float:
		return Value{Kind: Float, Float: -x.Float}
	}
	return Value{}
}

// logical folds && and ||: a false side makes && false and a true side makes || true
// whatever the other side is.
func logical(op Op, x, y Value) Value {
	decisive := op == OpOr
	if x.Kind == Bool && x.Bool == decisive || y.Kind == Bool && y.Bool == decisive {
		return Value{Kind: Bool, Bool: decisive}
	}
	if x.Kind == Bool && y.Kind == Bool {
		return Value{Kind: Bool, Bool: !decisive}
	}
	return Value{}
}

// compare folds a comparison of two constants of one kind, or with null.
func compare(op Op, x, y Value) Value {
	if x.Kind == Unknown || y.Kind == Unknown {
		return Value{}
	}
	var c int
	switch {
	case x.Kind == Null || y.Kind == Null:
		if x.Kind != y.Kind && op != OpEq && op != OpNe {
			return Value{Kind: Bool} // A < null is false (EL 2.2 section 1.8.1)
		}
		c = boolCmp(x.Kind == y.Kind)
	case isNumber(x) && isNumber(y):
		if x.Kind == Int && y.Kind == Int {
			c = cmp3(x.Int < y.Int, x.Int > y.Int)
		} else {
			a, b := asFloat(x), asFloat(y)
			if math.IsNaN(a) || math.IsNaN(b) {
				return Value{}
			}
			c = cmp3(a < b, a > b)
		}
	case x.Kind == String && y.Kind == String:
		c = cmp3(x.Str < y.Str, x.Str > y.Str)
	case x.Kind == Bool && y.Kind == Bool && (op == OpEq || op == OpNe):
		c = boolCmp(x.Bool == y.Bool)
	default:
		return Value{} // a conversion decides, or fails at run time: Check's business
	}
	var r bool
	switch op {
	case OpEq:
		r = c == 0
	case OpNe:
		r = c != 0
	case OpLt:
		r = c < 0
	case OpLe:
		r = c <= 0
	case OpGt:
		r = c > 0
	case OpGe:
		r = c >= 0
	}
	return Value{Kind: Bool, Bool: r}
}

func boolCmp(equal bool) int {
	if equal {
		return 0
	}
	return 1
}

func cmp3(less, greater bool) int {
	switch {
	case less:
		return -1
	case greater:
		return 1
	}
	return 0
}

func isNumber(v Value) bool { return v.Kind == Int || v.Kind == Float }

func asFloat(v Value) float64 {
	if v.Kind == Int {
		return float64(v.Int)
	}
	return v.Float
}

// arithmetic folds + - * / % on numbers, null counting as 0 (EL 2.2 section 1.7): longs
// stay longs (wrapping as Java does) except under /, which always divides doubles; a
// long % 0 fails at run time, so it is not a constant.
func arithmetic(op Op, x, y Value) Value {
	if x.Kind == Null && y.Kind == Null {
		return Value{Kind: Int} // null op null is 0 for every operator, even /
	}
	if x.Kind == Null {
		x = Value{Kind: Int}
	}
	if y.Kind == Null {
		y = Value{Kind: Int}
	}
	if !isNumber(x) || !isNumber(y) {
		return Value{}
	}
	if x.Kind == Int && y.Kind == Int && op != OpDiv {
		a, b := x.Int, y.Int
		switch op {
		case OpAdd:
			return Value{Kind: Int, Int: a + b}
		case OpNeg:
			return Value{Kind: Int, Int: a - b}
		case OpMul:
			return Value{Kind: Int, Int: a * b}
		case OpMod:
			if b == 0 {
				return Value{}
			}
			if b == -1 {
				return Value{Kind: Int} // Java: MinValue % -1 is 0, Go panics
			}
			return Value{Kind: Int, Int: a % b}
		}
		return Value{}
	}
	a, b := asFloat(x), asFloat(y)
	switch op {
	case OpAdd:
		return Value{Kind: Float, Float: a + b}
	case OpNeg:
		return Value{Kind: Float, Float: a - b}
	case OpMul:
		return Value{Kind: Float, Float: a * b}
	case OpDiv:
		return Value{Kind: Float, Float: a / b}
	case OpMod:
		return Value{Kind: Float, Float: math.Mod(a, b)}
	}
	return Value{}
}

// sameReference reports whether x and y are the same plain reference (names and literal
// indexes, no calls), which compares equal to itself on every run.
func sameReference(x, y Node) bool {
	return isPlainReference(x) && isPlainReference(y) && SExpr(x) == SExpr(y)
}

func isPlainReference(n Node) bool {
	switch n := n.(type) {
	case *Ident:
		return true
	case *Member:
		return isPlainReference(n.X)
	case *Index:
		l, ok := n.Index.(*Lit)
		return ok && (l.Kind == LitString || l.Kind == LitInt) && isPlainReference(n.X)
	}
	return false
}
