package workflow

import (
	"fmt"
	"strings"
	"testing"
)

// exprWorkflow puts the same references in differently quoted scalars; the test checks
// that each reference is placed at its own column in the line.
const exprWorkflow = `wfc: 1
name: x
description: ""
outputs:
  - name: verdict
    value: ${steps.enrich.output.verdict}
steps:
  - id: enrich
    action: p/a
    with:
      plain: ip=${inputs.src_ip} at ${workflow.name}
      double: "\t${inputs.src_ip}\u00e9${steps.enrich.output}"
      single: 'it''s ${inputs.src_ip}'
      literal: 'don''t match ${inputs.a} in ''steps.x'''
      folded: "${inputs.a}
        ${inputs.b}"
      nested: {list: ["${inputs.deep}"]}
      broken: "${inputs.open"
  - id: decide
    switch:
      - when: "${steps.enrich.output.severity == 'steps.fake' && inputs.level > 2}"
        next: end
    default: end
`

func TestExpressionPositions(t *testing.T) {
	w := mustLoad(t, "e.yaml", []byte(exprWorkflow))
	var got []string
	for _, site := range w.Sites() {
		for _, e := range Expressions(site.String) {
			line := fmt.Sprintf("%s %s@%v-%v", site.Field, e.Text, e.Range.Start, e.Range.End)
			if e.Unterminated {
				line += " unterminated"
			}
			for _, r := range e.Refs {
				line += fmt.Sprintf(" [%s %s@%v]", r.Root, strings.Join(r.Path, "."), r.Range.Start)
			}
			got = append(got, line)
		}
	}
	want := []string{
		"with.plain ${inputs.src_ip}@11:17-11:33 [inputs src_ip@11:19]",
		"with.plain ${workflow.name}@11:37-11:53 [workflow name@11:39]",
		`with.double ${inputs.src_ip}@12:18-12:34 [inputs src_ip@12:20]`,
		`with.double ${steps.enrich.output}@12:40-12:62 [steps enrich.output@12:42]`,
		"with.single ${inputs.src_ip}@13:22-13:38 [inputs src_ip@13:24]",
		"with.literal ${inputs.a}@14:30-14:41 [inputs a@14:32]",
		// A scalar folded over two lines cannot be placed exactly: its start stands in.
		"with.folded ${inputs.a}@15:15-0:0 [inputs a@15:15]",
		"with.folded ${inputs.b}@15:15-0:0 [inputs b@15:15]",
		"with.nested ${inputs.deep}@17:24-17:38 [inputs deep@17:26]",
		`with.broken ${inputs.open@18:16-18:29 unterminated [inputs open@18:18]`,
		"switch[0].when ${steps.enrich.output.severity == 'steps.fake' && inputs.level > 2}@21:16-21:83 [steps enrich.output.severity@21:18] [inputs level@21:66]",
		"outputs[0].value ${steps.enrich.output.verdict}@6:12-6:42 [steps enrich.output.verdict@6:14]",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("expressions:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestRefHelpers(t *testing.T) {
	s := String{Value: "${steps.a.output.x.y} ${steps.b} ${inputs.n} ${x.steps.c}"}
	var refs []Ref
	for _, e := range Expressions(s) {
		refs = append(refs, e.Refs...)
	}
	if len(refs) != 3 {
		t.Fatalf("refs = %+v; want 3 (x.steps.c is not a reference)", refs)
	}
	if f, ok := refs[0].Fields(); !ok || strings.Join(f, ".") != "x.y" || refs[0].StepID() != "a" {
		t.Errorf("refs[0] fields %v %v step %q", f, ok, refs[0].StepID())
	}
	if _, ok := refs[1].Fields(); ok || refs[1].StepID() != "b" {
		t.Errorf("refs[1]: steps.b has no output fields")
	}
	if refs[2].Input() != "n" || refs[2].StepID() != "" {
		t.Errorf("refs[2] input %q", refs[2].Input())
	}
}

func TestIsExpression(t *testing.T) {
	for s, want := range map[string]bool{
		"${a}": true, " ${a == '}'} ": true, "#{a}": true, "${a ==}": true,
		"${a} ${b}": false, "x${a}": false, "${a": false, "plain": false,
		"${{a: 1}}": false, // JUEL 2.2 has no map literal: the first } closes the expression
	} {
		if got := IsExpression(s); got != want {
			t.Errorf("IsExpression(%q) = %v, want %v", s, got, want)
		}
	}
}

func TestHasExpression(t *testing.T) {
	for s, want := range map[string]bool{"${a}": true, "x #{a}": true, "${": true, "$a #a {a}": false, "": false} {
		if got := HasExpression(s); got != want {
			t.Errorf("HasExpression(%q) = %v, want %v", s, got, want)
		}
	}
}

// TestExpressionParts: each part's text, body, delimiter and syntax error, for values at
// the edges (an expression cut short, an empty one, #{...}).
func TestExpressionParts(t *testing.T) {
	for v, want := range map[string]string{
		"${":             `"${" "" unterminated err=unterminated-expression`,
		"${}":            `"${}" "" err=missing-operand`,
		"a #{b} c":       `"#{b}" "b" deferred`,
		"${a ==} ${b}":   `"${a ==}" "a ==" err=missing-operand | "${b}" "b"`,
		"${a}#{b}":       `"${a}" "a" | "#{b}" "b" deferred err=mixed-delimiters`,
		"${'}' == x":     `"${'}' == x" "'}' == x" unterminated err=unterminated-expression`,
		`\${a} $b`:       ``,
		"${x.y(1)} ${z[": `"${x.y(1)}" "x.y(1)" | "${z[" "z[" unterminated err=unterminated-expression`,
	} {
		var got []string
		for _, e := range Expressions(String{Value: v}) {
			s := fmt.Sprintf("%q %q", e.Text, e.Body)
			if e.Unterminated {
				s += " unterminated"
			}
			if e.Deferred {
				s += " deferred"
			}
			if e.Err != nil {
				s += " err=" + string(e.Err.Kind)
			}
			if e.Node == nil {
				s += " no-tree"
			}
			got = append(got, s)
		}
		if strings.Join(got, " | ") != want {
			t.Errorf("Expressions(%q):\n got %s\nwant %s", v, strings.Join(got, " | "), want)
		}
	}
}
