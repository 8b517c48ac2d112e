package expr

import (
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/wfc-dev/wfc/diag"
)

// Type is the declared type of a workflow input.
type Type uint8

const (
	TypeUnknown Type = iota
	TypeString
	TypeNumber
	TypeBoolean
	TypeObject
	TypeArray
)

var typeNames = map[string]Type{"string": TypeString, "number": TypeNumber, "boolean": TypeBoolean, "object": TypeObject, "array": TypeArray}

// ParseType reads a type name as inputs declare it; an unknown name is TypeUnknown.
func ParseType(s string) Type { return typeNames[s] }

func (t Type) String() string {
	for name, u := range typeNames {
		if u == t {
			return name
		}
	}
	return "unknown"
}

// Check reports the operations in an expression parsed from src that certainly fail at run
// time, given the declared types of the workflow's inputs. JUEL converts freely (EL 2.2
// section 1.18), so only conversions that cannot succeed are reported:
//   - a comparison of a number with a string literal that is not a number ('high'), or
//     with a boolean: both sides become numbers, and that conversion fails;
//   - !, not, && and ||, and the condition of ?: on a number, object or array: it cannot
//     become a boolean;
//   - arithmetic (+ - * / % and unary -) on a string literal that is not a number, a
//     boolean, an object or an array.
//
// A string input in arithmetic is not reported: it converts when it holds digits.
func Check(src string, n Node, inputs map[string]Type) []Diagnostic {
	return CheckTypes(src, n, Types{Inputs: inputs})
}

// Types is what Check knows of the values references stand for.
type Types struct {
	Inputs map[string]Type // the workflow's inputs by name, as declared
	// Output, when set, is the declared type of steps.STEP.output.FIELDS... (at least one
	// field) and who declares it, for messages ("threatbook/ip_reputation in the plugin
	// catalog"); TypeUnknown when nothing declares it.
	Output func(step string, fields []string) (t Type, declaredBy string)
}

// CheckTypes is Check with everything Types knows: declared inputs and step outputs.
func CheckTypes(src string, n Node, types Types) []Diagnostic {
	c := &checker{src: src, types: types}
	Inspect(n, c.check)
	sort.SliceStable(c.out, func(i, j int) bool { return c.out[i].Start < c.out[j].Start })
	return c.out
}

type checker struct {
	src   string
	types Types
	out   []Diagnostic
}

// check applies the rules to one node; Inspect brings every node of the tree.
func (c *checker) check(n Node) bool {
	switch n := n.(type) {
	case *Unary:
		switch n.Op {
		case OpNot:
			c.needBoolean(n.X, "!")
		case OpNeg:
			c.needNumber(n.X, "-")
		}
	case *Binary:
		switch n.Op {
		case OpAnd, OpOr:
			c.needBoolean(n.X, string(n.Op))
			c.needBoolean(n.Y, string(n.Op))
		case OpEq, OpNe, OpLt, OpLe, OpGt, OpGe:
			c.comparable(n)
		default:
			c.needNumber(n.X, string(n.Op))
			c.needNumber(n.Y, string(n.Op))
		}
	case *Cond:
		c.needBoolean(n.Cond, "?:")
	}
	return true
}

// typeOf is the type n certainly has, as far as a literal, a declared input or an
// operator's result tells.
func (c *checker) typeOf(n Node) Type {
	switch n := n.(type) {
	case *Lit:
		return map[LitKind]Type{LitString: TypeString, LitInt: TypeNumber, LitFloat: TypeNumber, LitBool: TypeBoolean}[n.Kind]
	case *Member, *Index:
		if name, ok := inputName(n); ok {
			return c.types.Inputs[name]
		}
		if step, fields, ok := outputFields(n); ok && c.types.Output != nil {
			t, _ := c.types.Output(step, fields)
			return t
		}
	case *Unary:
		if n.Op == OpNeg {
			return TypeNumber
		}
		return TypeBoolean
	case *Binary:
		switch n.Op {
		case OpAdd, OpNeg, OpMul, OpDiv, OpMod:
			return TypeNumber
		}
		return TypeBoolean
	}
	return TypeUnknown
}

// inputName is NAME when n is inputs.NAME or inputs['NAME'].
func inputName(n Node) (string, bool) {
	var x Node
	switch n := n.(type) {
	case *Member:
		x = n.X
	case *Index:
		x = n.X
	}
	if id, ok := x.(*Ident); !ok || id.Name != "inputs" {
		return "", false
	}
	return suffixName(n)
}

// outputFields is STEP and FIELDS when n is steps.STEP.output.FIELDS..., every name
// written .name or ['name'], with at least one field.
func outputFields(n Node) (step string, fields []string, ok bool) {
	var names []string // innermost last
	for {
		name, named := suffixName(n)
		if !named {
			break
		}
		names = append(names, name)
		switch m := n.(type) {
		case *Member:
			n = m.X
		case *Index:
			n = m.X
		}
	}
	if id, isIdent := n.(*Ident); !isIdent || id.Name != "steps" || len(names) < 3 || names[len(names)-2] != "output" {
		return "", nil, false
	}
	step = names[len(names)-1]
	for i := len(names) - 3; i >= 0; i-- {
		fields = append(fields, names[i])
	}
	return step, fields, true
}

// what describes an operand of a known type for a message.
func (c *checker) what(n Node, t Type) string {
	text := snippet(c.src, n)
	if _, ok := inputName(n); ok {
		return fmt.Sprintf("%s is declared %s", text, t)
	}
	if step, fields, ok := outputFields(n); ok && c.types.Output != nil {
		_, by := c.types.Output(step, fields)
		return fmt.Sprintf("%s is declared %s by %s", text, t, by)
	}
	if l, ok := n.(*Lit); ok && l.Kind == LitString {
		return text + " is not a number"
	}
	return fmt.Sprintf("%s is a %s", text, t)
}

func (c *checker) report(n Node, format string, args ...any) {
	start, end := n.Span()
	c.out = append(c.out, Diagnostic{Kind: KindType, Severity: diag.Error, Message: fmt.Sprintf(format, args...), Start: start, End: end})
}

func (c *checker) needBoolean(x Node, op string) {
	switch t := c.typeOf(x); t {
	case TypeNumber:
		c.report(x, "%s needs a boolean, but %s, which JUEL cannot convert: this fails at run time; compare it instead, e.g. %s != 0",
			op, c.what(x, t), snippet(c.src, x))
	case TypeObject, TypeArray:
		c.report(x, "%s needs a boolean, but %s, which JUEL cannot convert: this fails at run time; test it with empty instead, e.g. !empty %s",
			op, c.what(x, t), snippet(c.src, x))
	}
}

func (c *checker) needNumber(x Node, op string) {
	switch t := c.typeOf(x); {
	case t == TypeString && !isNumericLiteral(x):
		c.report(x, "%s works on numbers, but %s: this fails at run time; to join text, write it around the expression, e.g. 'text ${x}'", op, c.what(x, t))
	case t == TypeBoolean || t == TypeObject || t == TypeArray:
		c.report(x, "%s works on numbers, but %s, which JUEL cannot convert: this fails at run time", op, c.what(x, t))
	}
}

// comparable reports a number compared with a non-numeric string literal or a boolean:
// EL converts both sides of a comparison with a number to numbers, which fails for these.
func (c *checker) comparable(b *Binary) {
	for _, pair := range [][2]Node{{b.X, b.Y}, {b.Y, b.X}} {
		num, other := pair[0], pair[1]
		if c.typeOf(num) != TypeNumber {
			continue
		}
		switch t := c.typeOf(other); {
		case t == TypeString && !isNumericLiteral(other):
			fix := "compare with a number"
			if _, ok := inputName(num); ok {
				fix += ", or declare the input string"
			}
			c.report(b, "%s but %s: JUEL converts both sides to numbers to compare them, and this fails at run time; %s",
				c.what(num, TypeNumber), c.what(other, t), fix)
			return
		case t == TypeBoolean:
			c.report(b, "%s but %s: JUEL cannot compare a number with a boolean, and this fails at run time", c.what(num, TypeNumber), c.what(other, t))
			return
		}
	}
}

// isNumericLiteral reports whether n is a string literal that JUEL converts to a number;
// a string that is not a literal counts as numeric, since its value is not known. The test
// is generous (Java accepts more spellings than this), so that it never reports a string
// that converts.
func isNumericLiteral(n Node) bool {
	l, ok := n.(*Lit)
	if !ok || l.Kind != LitString {
		return true
	}
	s := strings.TrimSpace(l.Str)
	s = strings.TrimRight(s, "dDfFlL")
	if s == "" {
		return true // "" converts to 0
	}
	_, err := strconv.ParseFloat(s, 64)
	return err == nil || strings.Contains(s, "Infinity") || strings.Contains(s, "NaN")
}

// Check runs Check on every expression of the value.
func (t *Template) Check(inputs map[string]Type) []Diagnostic {
	var out []Diagnostic
	for _, p := range t.Parts {
		if p.IsExpr() {
			out = append(out, Check(t.Src, p.Expr, inputs)...)
		}
	}
	return out
}
