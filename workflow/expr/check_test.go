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

// Declared step outputs are typed like inputs; an output nothing declares is unknown and
// never reported.
func TestCheckOutputs(t *testing.T) {
	declared := map[string]Type{"s.score": TypeNumber, "s.geo.asn": TypeNumber, "s.tags": TypeArray, "s.verdict": TypeString}
	types := Types{Output: func(step string, fields []string) (Type, string) {
		return declared[step+"."+strings.Join(fields, ".")], "p/a in the plugin catalog"
	}}
	for _, c := range []struct{ src, want string }{
		{"steps.s.output.score == 'high'", "0-30 steps.s.output.score is declared number by p/a in the plugin catalog but 'high' is not a number: JUEL converts both sides to numbers to compare them, and this fails at run time; compare with a number"},
		{"steps.s.output['geo'].asn gt true", "0-33 steps.s.output['geo'].asn is declared number by p/a in the plugin catalog but true is a boolean: JUEL cannot compare a number with a boolean, and this fails at run time"},
		{"!steps.s.output.tags", "1-20 ! needs a boolean, but steps.s.output.tags is declared array by p/a in the plugin catalog, which JUEL cannot convert: this fails at run time; test it with empty instead, e.g. !empty steps.s.output.tags"},
		// what converts, what nothing declares, and what is not a plain path are not reported
		{"steps.s.output.score >= 40", ""}, {"steps.s.output.verdict == 'high'", ""},
		{"steps.s.output.other == 'x'", ""}, {"steps.t.output.score == 'x'", ""},
		{"steps.s.output.tags[0] == 'x'", ""}, {"steps.s.output == 'x'", ""}, {"x.s.output.score == 'x'", ""},
	} {
		n, err := ParseExpr(c.src)
		if err != nil {
			t.Fatalf("ParseExpr(%q): %v", c.src, err)
		}
		var got []string
		for _, d := range CheckTypes(c.src, n, types) {
			got = append(got, fmt.Sprintf("%d-%d %s", d.Start, d.End, d.Message))
		}
		if g := strings.Join(got, "\n"); g != c.want {
			t.Errorf("CheckTypes(%q)\n got %s\nwant %s", c.src, g, c.want)
		}
	}
	// Without an Output function, outputs are unknown.
	n, _ := ParseExpr("steps.s.output.score == 'high'")
	if got := Check("steps.s.output.score == 'high'", n, nil); len(got) != 0 {
		t.Errorf("Check without output types reported %v", got)
	}
}
