package workflow

import (
	"bytes"
	"encoding/binary"
	"strings"
	"unicode/utf8"

	"gopkg.in/yaml.v3"
)

// source gives the text of a line by number, so a scalar's raw token can be recovered and
// positions inside it computed. Lines are split once; a line's rune-to-byte table is built
// only when a non-ASCII line is asked about, so the total work stays linear in the file size.
type source struct {
	src    []byte
	starts []int         // byte offset of each line's first byte; starts[0] is line 1
	ascii  []int8        // per line: 0 unknown, 1 ASCII, -1 not ASCII; nil when the whole file is ASCII
	runes  map[int][]int // line → byte offset of each rune, for non-ASCII lines
}

func newSource(src []byte) *source {
	// Counted first so the table is allocated once at its size (a 10,000-step file has
	// 50,000 lines: growing by appends copied it some twenty times).
	starts := make([]int, 1, bytes.Count(src, []byte{'\n'})+1)
	for i := 0; ; {
		nl := bytes.IndexByte(src[i:], '\n')
		if nl < 0 {
			break
		}
		i += nl + 1
		starts = append(starts, i)
	}
	s := &source{src: src, starts: starts}
	if !isASCII(src) {
		s.ascii = make([]int8, len(s.starts))
	}
	return s
}

// width is how many columns text from the source takes: its runes, which in an ASCII file
// are its bytes.
func (s *source) width(text []byte) int {
	if s.ascii == nil {
		return len(text)
	}
	return utf8.RuneCount(text)
}

// isASCII reports whether src is all ASCII, eight bytes at a time: most workflows are, and
// then no line needs looking at for a column's byte offset.
func isASCII(src []byte) bool {
	const high = 0x8080808080808080 // the top bit of each of eight bytes
	for ; len(src) >= 8; src = src[8:] {
		if binary.LittleEndian.Uint64(src)&high != 0 {
			return false
		}
	}
	for _, c := range src {
		if c >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// line returns line n (1-based) without its line ending, or "" when out of range.
func (s *source) line(n int) string {
	if s == nil || n < 1 || n > len(s.starts) {
		return ""
	}
	start, end := s.starts[n-1], len(s.src)
	if n < len(s.starts) {
		end = s.starts[n] - 1
	}
	return strings.TrimSuffix(string(s.src[start:end]), "\r")
}

// lineBytes is line n as a byte slice of the source, without copying.
func (s *source) lineBytes(n int) []byte {
	start, end := s.starts[n-1], len(s.src)
	if n < len(s.starts) {
		end = s.starts[n] - 1
	}
	return bytes.TrimSuffix(s.src[start:end], []byte{'\r'})
}

// from returns line n from the 1-based rune column col to its end, without copying; ok is
// false when the column is past the end of the line.
func (s *source) from(n, col int) (rest []byte, ok bool) {
	if s == nil || n < 1 || n > len(s.starts) || col < 1 {
		return nil, false
	}
	line := s.lineBytes(n)
	off, ok := s.offset(n, line, col)
	if !ok {
		return nil, false
	}
	return line[off:], true
}

// offset converts a 1-based rune column on line n (whose text is line) to a byte offset
// within the line; ok is false when the column is past the end of the line.
func (s *source) offset(n int, line []byte, col int) (int, bool) {
	if s.ascii == nil {
		return col - 1, col-1 <= len(line)
	}
	if s.ascii[n-1] == 0 {
		s.ascii[n-1] = 1
		for _, c := range line {
			if c >= utf8.RuneSelf {
				s.ascii[n-1] = -1
				break
			}
		}
	}
	if s.ascii[n-1] == 1 {
		return col - 1, col-1 <= len(line)
	}
	if s.runes == nil {
		s.runes = make(map[int][]int)
	}
	table, ok := s.runes[n]
	if !ok {
		table = make([]int, 0, len(line))
		for i := range string(line) {
			table = append(table, i)
		}
		table = append(table, len(line))
		s.runes[n] = table
	}
	if col-1 >= len(table) {
		return 0, false
	}
	return table[col-1], true
}

// rawScalar returns the exact source text of a scalar written on one line (quotes
// included), or nil when the scalar spans lines, is a block scalar, or was copied to another
// place by an alias and so does not match the text at its position. The text is not copied:
// this runs for every scalar the AST keeps.
func (s *source) rawScalar(n *yaml.Node) []byte {
	if s == nil || n == nil || n.Kind != yaml.ScalarNode {
		return nil
	}
	rest, ok := s.from(n.Line, n.Column)
	if !ok {
		return nil
	}
	switch n.Style {
	case 0, yaml.TaggedStyle, yaml.FlowStyle:
		if n.Value != "" && len(rest) >= len(n.Value) && string(rest[:len(n.Value)]) == n.Value {
			return rest[:len(n.Value)]
		}
		// A tagged plain scalar (!!str 42) starts at its tag; its value follows the tag.
		return nil
	case yaml.DoubleQuotedStyle:
		if len(rest) == 0 || rest[0] != '"' {
			return nil
		}
		for i := 1; i < len(rest); i++ {
			switch rest[i] {
			case '\\':
				i++
			case '"':
				return rest[:i+1]
			}
		}
	case yaml.SingleQuotedStyle:
		if len(rest) == 0 || rest[0] != '\'' {
			return nil
		}
		for i := 1; i < len(rest); i++ {
			if rest[i] == '\'' {
				if i+1 < len(rest) && rest[i+1] == '\'' {
					i++
					continue
				}
				return rest[:i+1]
			}
		}
	}
	return nil
}
