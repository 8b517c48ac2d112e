package report

import (
	"bytes"
	"strconv"
	"strings"
	"unicode/utf8"
)

// sourceFile is a file split into lines once, so that many diagnostics in one file cost one
// pass over it rather than one pass each.
type sourceFile struct {
	data       []byte
	lineStarts []int                // byte offset where each line starts
	columns    map[int]*columnIndex // by line number, built the first time a snippet needs it
}

func lineStarts(data []byte) []int {
	if len(data) == 0 {
		return nil
	}
	starts := []int{0}
	for i, c := range data {
		if c == '\n' && i+1 < len(data) {
			starts = append(starts, i+1)
		}
	}
	return starts
}

// line returns line n (1-based) without its line ending, as a slice of the file (no copy);
// false when the file has no such line.
func (f *sourceFile) line(n int) ([]byte, bool) {
	if n < 1 || n > len(f.lineStarts) {
		return nil, false
	}
	from, to := f.lineStarts[n-1], len(f.data)
	if n < len(f.lineStarts) {
		to = f.lineStarts[n]
	}
	s := bytes.TrimSuffix(f.data[from:to], []byte("\n"))
	return bytes.TrimSuffix(s, []byte("\r")), true
}

// columnsOf returns the column index of line n, whose text is line, building it once.
func (f *sourceFile) columnsOf(n int, line []byte) *columnIndex {
	if c, ok := f.columns[n]; ok {
		return c
	}
	if f.columns == nil {
		f.columns = map[int]*columnIndex{}
	}
	c := newColumnIndex(line)
	f.columns[n] = c
	return c
}

// columnStride is how many characters apart columnIndex records byte offsets: finding a
// column decodes at most this many characters, whatever the line's length.
const columnStride = 64

// columnIndex turns a character column of one line into a byte offset without decoding the
// line from its start, so a diagnostic at the end of a minified megabyte-long line costs as
// little as one at its start. It costs one pass over the line and 8 bytes per 64 characters.
type columnIndex struct {
	chars   int   // characters in the line
	offsets []int // offsets[k] is the byte offset of character k*columnStride
}

func newColumnIndex(line []byte) *columnIndex {
	c := &columnIndex{offsets: make([]int, 0, len(line)/columnStride+1)}
	for i := 0; i < len(line); c.chars++ {
		if c.chars%columnStride == 0 {
			c.offsets = append(c.offsets, i)
		}
		_, size := utf8.DecodeRune(line[i:])
		i += size
	}
	return c
}

// byteOffset is where character ch (0-based, clamped to the line) starts in line; the line's
// length for ch at or past its end.
func (c *columnIndex) byteOffset(line []byte, ch int) int {
	ch = max(0, min(ch, c.chars))
	if ch == c.chars {
		return len(line)
	}
	i := c.offsets[ch/columnStride]
	for n := ch % columnStride; n > 0; n-- {
		_, size := utf8.DecodeRune(line[i:])
		i += size
	}
	return i
}

// expandLine turns source text into the characters a snippet shows and the terminal cells
// they take. Control characters become U+FFFD, so nothing in a file can move the terminal
// cursor or inject escape sequences; tabs stay tabs (shownLine.text draws them) and reach to
// the next tab stop, counted from the start of text. Every other character takes its display
// width (cellWidth: 2 for CJK and emoji, 0 for combining marks). at[i] is the first cell of
// the i-th character and at[len] is the text's width, so a 1-based column c maps to cell
// at[c-1].
func expandLine(text []byte) (chars []rune, at []int) {
	at = make([]int, 0, utf8.RuneCount(text)+1)
	chars = make([]rune, 0, cap(at))
	cell := 0
	for _, r := range string(text) {
		at = append(at, cell)
		switch {
		case r == '\t':
			cell += tabWidth - cell%tabWidth
		case isControl(r):
			r = utf8.RuneError
			cell++
		default:
			cell += cellWidth(r)
		}
		chars = append(chars, r)
	}
	return chars, append(at, cell)
}

func isControl(r rune) bool {
	return r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0)
}

// sanitize keeps a message, file name or rule on one line and free of terminal escapes by
// writing control characters the way Go quotes them (\n, \x1b). Tabs are kept.
func sanitize(s string) string {
	clean := true
	for _, r := range s {
		if r != '\t' && isControl(r) {
			clean = false
			break
		}
	}
	if clean {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		if r != '\t' && isControl(r) {
			q := strconv.QuoteRune(r)
			b.WriteString(q[1 : len(q)-1])
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}
