package workflow

import (
	"strings"
	"testing"
)

// TestSourceOffset: a column is a byte offset on an ASCII line and a rune's offset on any
// other, whether the whole file is ASCII (no line is looked at) or not (each line is).
func TestSourceOffset(t *testing.T) {
	ascii := "id: a\nname: b\n"
	mixed := ascii + "é: ü\n"
	for _, c := range []struct {
		src       string
		line, col int
		want      int
		ok        bool
	}{
		{ascii, 1, 1, 0, true},
		{ascii, 2, 7, 6, true},
		{ascii, 2, 8, 7, true},  // just past the end: where an appended character would go
		{ascii, 2, 9, 0, false}, // the offset is meaningless then
		{mixed, 2, 7, 6, true},
		{mixed, 3, 2, 2, true}, // after é, two bytes
		{mixed, 3, 4, 4, true},
		{mixed, 3, 5, 6, true},
		{mixed, 3, 6, 0, false},
	} {
		got, ok := newSource([]byte(c.src)).offset(c.line, c.col)
		if ok != c.ok || (ok && got != c.want) {
			t.Errorf("%q line %d column %d: offset %d, %v; want %d, %v", c.src, c.line, c.col, got, ok, c.want, c.ok)
		}
	}
}

// TestIsASCII: a byte with the top bit set is found wherever it is, in the eight-byte words
// or the tail.
func TestIsASCII(t *testing.T) {
	for n := 0; n < 20; n++ {
		src := []byte(strings.Repeat("a", n))
		if !isASCII(src) {
			t.Errorf("isASCII(%d ASCII bytes) = false", n)
		}
		for i := range src {
			src[i] = 0x80
			if isASCII(src) {
				t.Errorf("isASCII missed a high byte at %d of %d", i, n)
			}
			src[i] = 'a'
		}
	}
}
