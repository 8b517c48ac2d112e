package dataworks

import (
	"fmt"
	"strings"

	"github.com/wfc-dev/wfc/diag"
	"github.com/wfc-dev/wfc/workflow"
	"github.com/wfc-dev/wfc/workflow/expr"
)

// A switch case's when becomes the condition of a CONTROLLER_BRANCH branch. DataWorks
// evaluates a branch condition as a Python expression after replacing each ${name} with the
// value of the parameter name as text (its branch-node documentation: "${input} == 1"). So:
//   - inputs.NAME becomes the workflow parameter ${NAME}: quoted ('${NAME}') for a string
//     input, bare for a number, and ('${NAME}' == 'true') for a boolean, since the text of
//     a boolean parameter is true or false, which Python does not read;
//   - literals become Python's ('text', 42, 1.5, True, False, None);
//   - ==, !=, <, <=, >, >=, +, -, *, /, % stay; &&, || and ! become and, or and not; a ?: b
//     becomes (a if ? else b); every operation is parenthesised, so precedence cannot differ;
//   - anything else (steps.ID.output: a DataWorks node passes no value a branch reads;
//     workflow.NAME, functions, method calls, empty, an object or array input) has no
//     DataWorks form and is an error naming it.

// inputTypes maps each input's name to its declared type.
func inputTypes(w *workflow.Workflow) map[string]expr.Type {
	m := make(map[string]expr.Type, len(w.Inputs))
	for _, p := range w.Inputs {
		m[p.Name.Value] = expr.ParseType(p.TypeOrDefault())
	}
	return m
}

// branchCondition translates a case's when, a ${...} expression, into a branch condition.
func branchCondition(when string, inputs map[string]expr.Type) (string, error) {
	t, diags := expr.ParseTemplate(strings.TrimSpace(when))
	for _, d := range diags {
		if d.Severity != diag.Error {
			continue
		}
		return "", fmt.Errorf("condition %s does not parse: %s", when, d.Message)
	}
	n, ok := t.Single()
	if !ok {
		return "", fmt.Errorf("condition %q is not one ${...} expression; target dataworks compiles a when only when it is exactly one", when)
	}
	var b strings.Builder
	tr := translator{src: t.Src, inputs: inputs, b: &b}
	if err := tr.node(n); err != nil {
		return "", fmt.Errorf("condition %s: %w; a DataWorks branch condition can compare inputs and literals (==, !=, <, <=, >, >=, and, or, not, + - * / %%)", when, err)
	}
	return b.String(), nil
}

type translator struct {
	src    string
	inputs map[string]expr.Type
	b      *strings.Builder
}

var pythonOps = map[expr.Op]string{
	expr.OpEq: "==", expr.OpNe: "!=", expr.OpLt: "<", expr.OpLe: "<=", expr.OpGt: ">", expr.OpGe: ">=",
	expr.OpAnd: "and", expr.OpOr: "or", expr.OpAdd: "+", expr.OpNeg: "-", expr.OpMul: "*",
	expr.OpDiv: "/", expr.OpMod: "%",
}

func (t *translator) node(n expr.Node) error {
	switch n := n.(type) {
	case *expr.Lit:
		t.b.WriteString(pythonLiteral(n))
		return nil
	case *expr.Binary:
		return t.binary(n)
	case *expr.Unary:
		return t.unary(n)
	case *expr.Cond:
		return t.cond(n)
	case *expr.Member, *expr.Index:
		if name, ok := inputName(n); ok {
			return t.input(name)
		}
	}
	return fmt.Errorf("%s has no DataWorks form", t.describe(n))
}

func (t *translator) binary(n *expr.Binary) error {
	op, ok := pythonOps[n.Op]
	if !ok {
		return fmt.Errorf("the operator %s has no DataWorks form", n.Op)
	}
	t.b.WriteByte('(')
	if err := t.node(n.X); err != nil {
		return err
	}
	t.b.WriteString(" " + op + " ")
	if err := t.node(n.Y); err != nil {
		return err
	}
	t.b.WriteByte(')')
	return nil
}

func (t *translator) unary(n *expr.Unary) error {
	switch n.Op {
	case expr.OpNot:
		t.b.WriteString("(not ")
	case expr.OpNeg:
		t.b.WriteString("(-")
	default:
		return fmt.Errorf("%s has no DataWorks form", t.describe(n))
	}
	if err := t.node(n.X); err != nil {
		return err
	}
	t.b.WriteByte(')')
	return nil
}

func (t *translator) cond(n *expr.Cond) error {
	t.b.WriteByte('(')
	for i, part := range []expr.Node{n.Then, n.Cond, n.Else} {
		if i > 0 {
			t.b.WriteString([]string{"", " if ", " else "}[i])
		}
		if err := t.node(part); err != nil {
			return err
		}
	}
	t.b.WriteByte(')')
	return nil
}

// input writes a reference to the workflow parameter name, as its type reads in Python.
func (t *translator) input(name string) error {
	ref := "${" + name + "}"
	switch t.inputs[name] {
	case expr.TypeNumber:
		t.b.WriteString(ref)
	case expr.TypeBoolean:
		t.b.WriteString("('" + ref + "' == 'true')")
	case expr.TypeObject, expr.TypeArray:
		return fmt.Errorf("inputs.%s is an %s input, which a DataWorks parameter cannot hold", name, t.inputs[name])
	default: // a string, or a name no input has (unknown-reference reports it)
		t.b.WriteString("'" + ref + "'")
	}
	return nil
}

// inputName is NAME of inputs.NAME or inputs['NAME'].
func inputName(n expr.Node) (string, bool) {
	switch n := n.(type) {
	case *expr.Member:
		if id, ok := n.X.(*expr.Ident); ok && id.Name == "inputs" {
			return n.Name, true
		}
	case *expr.Index:
		id, ok := n.X.(*expr.Ident)
		lit, isLit := n.Index.(*expr.Lit)
		if ok && id.Name == "inputs" && isLit && lit.Kind == expr.LitString {
			return lit.Str, true
		}
	}
	return "", false
}

// describe names an expression that has no DataWorks form, as written.
func (t *translator) describe(n expr.Node) string {
	start, end := n.Span()
	text := t.src[start:end]
	if strings.HasPrefix(text, "steps.") {
		return text + " (a DataWorks node passes no output a branch condition can read)"
	}
	return text
}

// pythonLiteral writes a literal as Python reads it.
func pythonLiteral(n *expr.Lit) string {
	switch n.Kind {
	case expr.LitString:
		r := strings.NewReplacer(`\`, `\\`, `'`, `\'`, "\n", `\n`, "\r", `\r`)
		return "'" + r.Replace(n.Str) + "'"
	case expr.LitBool:
		if n.Raw == "true" {
			return "True"
		}
		return "False"
	case expr.LitNull:
		return "None"
	}
	return n.Raw
}
