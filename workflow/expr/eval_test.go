package expr

import (
	"fmt"
	"strings"
	"testing"
)

func show(v Value, ok bool) string {
	if !ok {
		return "?"
	}
	switch v.Kind {
	case Null:
		return "null"
	case Bool:
		return fmt.Sprint(v.Bool)
	case Int:
		return fmt.Sprintf("%d", v.Int)
	case Float:
		return fmt.Sprintf("%gf", v.Float)
	case String:
		return fmt.Sprintf("%q", v.Str)
	}
	return "invalid"
}

// TestEval covers what lint's constant-when rule folds today (literal comparisons, true
// and false, !, short-circuit && and ||, empty, the same reference on both sides) and
// arithmetic; "?" is not constant.
func TestEval(t *testing.T) {
	for _, c := range []struct{ src, want string }{
		{"true", "true"}, {"false", "false"}, {"null", "null"}, {"'a'", `"a"`}, {"42", "42"}, {"1.5", "1.5f"},
		{"1 == 1", "true"}, {"1 eq 2", "false"}, {"1 == 1.0", "true"}, {"2 > 1", "true"}, {"2 le 1", "false"},
		{"'a' == 'a'", "true"}, {"'a' < 'b'", "true"}, {"'b' ge 'c'", "false"},
		{"true == false", "false"}, {"true != false", "true"}, {"true < false", "?"},
		{"null == null", "true"}, {"null == 1", "false"}, {"null != 'x'", "true"}, {"null < 1", "false"}, {"null <= null", "true"},
		{"'1' == 1", "?"}, {"'a' == true", "?"},
		{"!true", "false"}, {"not false", "true"}, {"!1", "?"}, {"!inputs.a", "?"},
		{"true && inputs.x", "?"}, {"false && inputs.x", "false"}, {"inputs.x && false", "false"},
		{"inputs.x || true", "true"}, {"true or inputs.x", "true"}, {"false || false", "false"}, {"true and true", "true"},
		{"'a' eq 'b' or 2 lt 1", "false"}, {"inputs.x && !true", "false"},
		{"empty null", "true"}, {"empty ''", "true"}, {"empty 'x'", "false"}, {"empty 0", "false"}, {"empty inputs.x", "?"},
		{"1 + 2 * 3", "7"}, {"7 / 2", "3.5f"}, {"7 div 2", "3.5f"}, {"7 % 2", "1"}, {"7 mod 0", "?"}, {"7.5 % 2", "1.5f"},
		{"-3 - 1", "-4"}, {"-1.5", "-1.5f"}, {"null + 1", "1"}, {"null / null", "0"}, {"-null", "0"},
		{"9223372036854775807 + 1", "-9223372036854775808"}, {"1 / 0", "+Inff"},
		{"'1' + 1", "?"}, {"true + 1", "?"},
		{"1 + 1 == 2 && 'x' != 'y'", "true"},
		{"true ? 'a' : inputs.x", `"a"`}, {"1 > 2 ? inputs.x : 3", "3"}, {"inputs.c ? 1 : 1", "?"},
		// the same reference on both sides compares equal to itself
		{"steps.x.output.n == steps.x.output.n", "true"}, {"inputs.a != inputs.a", "false"},
		{"a['k'] <= a['k']", "true"}, {"a.b < a.b", "false"}, {"(a) == a", "true"},
		{"inputs.a == inputs.b", "?"}, {"fn(inputs.x) == fn(inputs.x)", "?"}, {"a[b] == a[b]", "?"},
		{"inputs.x == 1", "?"}, {"inputs.x", "?"},
	} {
		n, err := ParseExpr(c.src)
		if err != nil {
			t.Fatalf("ParseExpr(%q): %v", c.src, err)
		}
		if got := show(Eval(n)); got != c.want {
			t.Errorf("Eval(%s) = %s, want %s", c.src, got, c.want)
		}
	}
}

// TestEvalCoversLintsFolder runs the cases of the folder lint had before it used Eval
// through ParseExpr and Eval: a body that does not parse is not constant.
func TestEvalCoversLintsFolder(t *testing.T) {
	cases := map[string]string{
		"true":                           "true",
		"not false":                      "true",
		"1 < 2 && 'b' > 'a'":             "true",
		"1.5 >= 2":                       "false",
		"null == null":                   "true",
		"empty ''":                       "true",
		"-1 < 0":                         "true",
		"(a.b == a.b)":                   "true",
		"a['x'] != a['x']":               "false",
		"a.b == a.c":                     "?",
		"f(x) == f(x)":                   "?",
		"a[i] == a[i]":                   "?",
		"x ? true : false":               "?",
		`'it\'s' == 'it\'s'`:             "true",
		"1 == '1'":                       "?",
		"a.b == 'x' || true":             "true",
		"'unterminated":                  "?",
		"a ==":                           "?",
		"":                               "?",
		strings.Repeat("(", 10000) + "1": "?",
		strings.Repeat("!", 10000) + "1": "?",
		strings.Repeat("a.", 5000) + "b": "?",
	}
	for body, want := range cases {
		got := "?"
		if n, err := ParseExpr(body); err == nil {
			got = show(Eval(n))
		}
		if got != want {
			t.Errorf("Eval(%.40q) = %s, want %s", body, got, want)
		}
	}
}
