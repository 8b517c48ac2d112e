package workflow

import (
	"strings"
	"testing"
)

// TestSourceOffset: the text from a column starts at the column's byte offset on an ASCII
// line and at its rune's on any other, whether the whole file is ASCII (no line is looked
// at) or not (each line is).
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
		text := newSource([]byte(c.src))
		rest, ok := text.from(c.line, c.col)
		line := text.line(c.line)
		if ok != c.ok || (ok && string(rest) != line[c.want:]) {
			t.Errorf("%q line %d column %d: rest %q, %v; want %q (byte %d on), %v", c.src, c.line, c.col, rest, ok, line[min(c.want, len(line)):], c.want, c.ok)
		}
	}
}

// TestSourceWidth: text takes a column per rune, counted as bytes only in an ASCII file.
func TestSourceWidth(t *testing.T) {
	if w := newSource([]byte("a: b\n")).width([]byte("abc")); w != 3 {
		t.Errorf("width of abc in an ASCII file = %d, want 3", w)
	}
	if w := newSource([]byte("a: é\n")).width([]byte("éü")); w != 2 {
		t.Errorf("width of éü = %d, want 2 (runes, not bytes)", w)
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
