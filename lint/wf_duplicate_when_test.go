package lint

import (
	"testing"

	"github.com/wfc-dev/wfc/workflow/expr"
)

func key(when string) string {
	t, _ := expr.ParseTemplate(when)
	return conditionKey(t)
}

func TestConditionKey(t *testing.T) {
	same := [][2]string{
		{"${a=='x'}", "${ a == 'x' }"},
		{"${not x}", "${not  x}"},
		{"${a and\n b}", "${a and b}"},
		{"${a eq 'x' && !b}", `${(a == "x") and not b}`},
		{"${a}-${b}", "${ a }-${b}"},
		{" ${a} ", "${a}"},
	}
	for _, c := range same {
		if k0, k1 := key(c[0]), key(c[1]); k0 != k1 {
			t.Errorf("%q and %q should have the same key: %q vs %q", c[0], c[1], k0, k1)
		}
	}
	different := [][2]string{
		{"${'a b'}", "${'ab'}"},
		{"${not x}", "${notx}"},
		{`${"a  b" == x}`, `${"a b" == x}`},
		{"${a - b - c}", "${a - (b - c)}"},
		{"${a}-${b}", "${a} - ${b}"},
	}
	for _, c := range different {
		if k0, k1 := key(c[0]), key(c[1]); k0 == k1 {
			t.Errorf("%q and %q should differ, both have the key %q", c[0], c[1], k0)
		}
	}
}
