package dataworks

import "testing"

// TestCheckOutputNameFindsTheOffendingCharacter: a comma or control character is found at
// its byte offset with its byte length (two for U+0085, a line break in UTF-8); dots,
// spaces and Chinese pass.
func TestCheckOutputNameFindsTheOffendingCharacter(t *testing.T) {
	for _, tc := range []struct {
		data           string
		offset, length int // -1: no problem
		what           string
	}{
		{"订单 daily.v2.load", -1, 0, ""},
		{"orders,daily.load", 6, 1, "a comma"},
		{"订单\tdaily.load", 6, 1, "a control character (a line break or tab)"},
		{"orders\u0085daily.load", 6, 2, "a control character (a line break or tab)"},
		{"a\nb,c", 3, 1, "a comma"}, // the separator is reported first
	} {
		p := CheckOutputName(tc.data)
		switch {
		case tc.offset < 0 && p != nil:
			t.Errorf("%q: problem %+v, want none", tc.data, p)
		case tc.offset >= 0 && (p == nil || p.Offset != tc.offset || p.Length != tc.length || p.What != tc.what):
			t.Errorf("%q: problem %+v, want %s at %d, %d bytes", tc.data, p, tc.what, tc.offset, tc.length)
		}
	}
}
