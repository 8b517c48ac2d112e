package report

import (
	"strconv"
	"strings"
	"unicode/utf8"
)

// sourceFile is a file split into lines once, so that many diagnostics in one file cost one
// pass over it rather than one pass each.
type sourceFile struct {
	data       []byte
	lineStarts []int // byte offset where each line starts
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

// line returns line n (1-based) without its line ending; false when the file has no such line.
func (f *sourceFile) line(n int) (string, bool) {
	if n < 1 || n > len(f.lineStarts) {
		return "", false
	}
	from, to := f.lineStarts[n-1], len(f.data)
	if n < len(f.lineStarts) {
		to = f.lineStarts[n]
	}
	s := string(f.data[from:to])
	s = strings.TrimSuffix(s, "\n")
	return strings.TrimSuffix(s, "\r"), true
}

// expandLine turns a source line into display cells: tabs become spaces up to the next tab
// stop and control characters become U+FFFD, so nothing in a file can move the terminal
// cursor or inject escape sequences. at[i] is the first cell of the i-th character and
// at[len] is the line's width, so a 1-based column c maps to cell at[c-1].
func expandLine(line string) (cells []rune, at []int) {
	at = make([]int, 0, utf8.RuneCountInString(line)+1)
	cells = make([]rune, 0, len(line))
	for _, r := range line {
		at = append(at, len(cells))
		switch {
		case r == '\t':
			for n := tabWidth - len(cells)%tabWidth; n > 0; n-- {
				cells = append(cells, ' ')
			}
		case isControl(r):
			cells = append(cells, utf8.RuneError)
		default:
			cells = append(cells, r)
		}
	}
	return cells, append(at, len(cells))
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
