package lint

import (
	"strings"
	"testing"
)

func TestFoldConstant(t *testing.T) {
	type result struct {
		known bool // a constant bool
		value bool
	}
	cases := map[string]result{
		"true":                           {true, true},
		"not false":                      {true, true},
		"1 < 2 && 'b' > 'a'":             {true, true},
		"1.5 >= 2":                       {true, false},
		"null == null":                   {true, true},
		"empty ''":                       {true, true},
		"-1 < 0":                         {true, true},
		"(a.b == a.b)":                   {true, true},
		"a['x'] != a['x']":               {true, false},
		"a.b == a.c":                     {false, false},
		"f(x) == f(x)":                   {false, false},
		"a[i] == a[i]":                   {false, false},
		"x ? true : false":               {false, false},
		"'it\\'s' == 'it\\'s'":           {true, true},
		"1 == '1'":                       {false, false}, // JUEL coerces; not worth guessing
		"a.b == 'x' || true":             {true, true},
		"'unterminated":                  {false, false},
		"a ==":                           {false, false},
		"":                               {false, false},
		strings.Repeat("(", 10000) + "1": {false, false}, // too deep: unknown, not a crash
		strings.Repeat("!", 10000) + "1": {false, false},
		strings.Repeat("a.", 5000) + "b": {false, false},
	}
	for body, want := range cases {
		v, ok := foldConstant(body)
		got := result{ok && v.kind == constBool, v.b && ok && v.kind == constBool}
		if got != want {
			t.Errorf("foldConstant(%.40q) = %+v (ok %v), want %+v", body, v, ok, want)
		}
	}
}

func TestNormalizeExpression(t *testing.T) {
	same := [][2]string{
		{"${a=='x'}", "${ a == 'x' }"},
		{"${not x}", "${not  x}"},
		{"${a and\n b}", "${a and b}"},
	}
	for _, c := range same {
		if normalizeExpression(c[0]) != normalizeExpression(c[1]) {
			t.Errorf("%q and %q should normalise the same: %q vs %q", c[0], c[1], normalizeExpression(c[0]), normalizeExpression(c[1]))
		}
	}
	different := [][2]string{
		{"${'a b'}", "${'ab'}"},
		{"${not x}", "${notx}"},
		{`${"a  b" == x}`, `${"a b" == x}`},
	}
	for _, c := range different {
		if normalizeExpression(c[0]) == normalizeExpression(c[1]) {
			t.Errorf("%q and %q should differ, both normalise to %q", c[0], c[1], normalizeExpression(c[0]))
		}
	}
}
