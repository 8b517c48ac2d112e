package expr

import (
	"fmt"
	"strings"
	"testing"
)

func TestCheck(t *testing.T) {
	inputs := map[string]Type{"n": TypeNumber, "s": TypeString, "b": TypeBoolean, "o": TypeObject, "a": TypeArray}
	for _, c := range []struct{ src, want string }{
		// comparisons of a number with what cannot become one
		{"inputs.n == 'high'", "0-18 inputs.n is declared number but 'high' is not a number: JUEL converts both sides to numbers to compare them, and this fails at run time; compare with a number, or declare the input string"},
		{"'high' ne inputs['n']", "0-21 inputs['n'] is declared number but 'high' is not a number: JUEL converts both sides to numbers to compare them, and this fails at run time; compare with a number, or declare the input string"},
		{"inputs.n > 'x'", "0-14 inputs.n is declared number but 'x' is not a number: JUEL converts both sides to numbers to compare them, and this fails at run time; compare with a number, or declare the input string"},
		{"inputs.n == true", "0-16 inputs.n is declared number but true is a boolean: JUEL cannot compare a number with a boolean, and this fails at run time"},
		{"inputs.n + 1 == inputs.b", "0-24 inputs.n + 1 is a number but inputs.b is declared boolean: JUEL cannot compare a number with a boolean, and this fails at run time"},
		// what converts is not reported
		{"inputs.n == '5'", ""}, {"inputs.n == ''", ""}, {"inputs.n == ' 1.5e3 '", ""}, {"inputs.n == 2", ""},
		{"inputs.s == 'high'", ""}, {"inputs.s == 5", ""}, {"inputs.b == 'true'", ""}, {"inputs.x == 'y'", ""},
		{"inputs.n == inputs.s", ""}, {"inputs.o.n == 'x'", ""},
		// boolean operators on what cannot become a boolean
		{"!inputs.n", "1-9 ! needs a boolean, but inputs.n is declared number, which JUEL cannot convert: this fails at run time; compare it instead, e.g. inputs.n != 0"},
		{"not 5", "4-5 ! needs a boolean, but 5 is a number, which JUEL cannot convert: this fails at run time; compare it instead, e.g. 5 != 0"},
		{"inputs.b && inputs.o", "12-20 && needs a boolean, but inputs.o is declared object, which JUEL cannot convert: this fails at run time; test it with empty instead, e.g. !empty inputs.o"},
		{"inputs.a ? 1 : 2", "0-8 ?: needs a boolean, but inputs.a is declared array, which JUEL cannot convert: this fails at run time; test it with empty instead, e.g. !empty inputs.a"},
		{"!inputs.b || !inputs.s || inputs.x", ""},
		// arithmetic on what cannot become a number
		{"inputs.n + 'abc'", "11-16 + works on numbers, but 'abc' is not a number: this fails at run time; to join text, write it around the expression, e.g. 'text ${x}'"},
		{"-inputs.b", "1-9 - works on numbers, but inputs.b is declared boolean, which JUEL cannot convert: this fails at run time"},
		{"inputs.a * 2", "0-8 * works on numbers, but inputs.a is declared array, which JUEL cannot convert: this fails at run time"},
		{"inputs.s + 1", ""}, {"'2' * inputs.n", ""},
		// several findings come in source order
		{"!inputs.n && inputs.o", "1-9 ! needs a boolean, but inputs.n is declared number, which JUEL cannot convert: this fails at run time; compare it instead, e.g. inputs.n != 0\n" +
			"13-21 && needs a boolean, but inputs.o is declared object, which JUEL cannot convert: this fails at run time; test it with empty instead, e.g. !empty inputs.o"},
		// nested operands are checked too
		{"f(!inputs.n)", "3-11 ! needs a boolean, but inputs.n is declared number, which JUEL cannot convert: this fails at run time; compare it instead, e.g. inputs.n != 0"},
	} {
		n, err := ParseExpr(c.src)
		if err != nil {
			t.Fatalf("ParseExpr(%q): %v", c.src, err)
		}
		var got []string
		for _, d := range Check(c.src, n, inputs) {
			if d.Kind != KindType || d.Severity.String() != "error" {
				t.Errorf("%q: %s %s", c.src, d.Kind, d.Severity)
			}
			got = append(got, fmt.Sprintf("%d-%d %s", d.Start, d.End, d.Message))
		}
		if g := strings.Join(got, "\n"); g != c.want {
			t.Errorf("Check(%q)\n got %s\nwant %s", c.src, g, c.want)
		}
	}
}

func TestParseType(t *testing.T) {
	for _, name := range []string{"string", "number", "boolean", "object", "array"} {
		if got := ParseType(name); got == TypeUnknown || got.String() != name {
			t.Errorf("ParseType(%q) = %v", name, got)
		}
	}
	if ParseType("integer") != TypeUnknown {
		t.Error("integer is not a declared type")
	}
}

func TestTemplateCheckUsesValueOffsets(t *testing.T) {
	tp, _ := ParseTemplate("a ${inputs.s} b ${!inputs.n}")
	diags := tp.Check(map[string]Type{"n": TypeNumber})
	if len(diags) != 1 || diags[0].Start != 19 || diags[0].End != 27 {
		t.Errorf("diagnostics %v, want one at 19-27 (inputs.n in the value)", diags)
	}
}
