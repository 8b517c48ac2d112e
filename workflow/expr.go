package workflow

import (
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/wfc-dev/wfc/diag"
)

// Expression is one ${...} inside a string value.
type Expression struct {
	Text         string     // "${...}" as it appears in the value
	Body         string     // what is between "${" and "}"
	Range        diag.Range // from "${" to just after "}"; only Start when the scalar's text cannot be matched
	Refs         []Ref      // the inputs., steps. and workflow. references in Body, in order
	Unterminated bool       // no closing "}": Text and Body run to the end of the value
}

// Ref is a reference inside an expression: inputs.NAME, steps.ID.output[.FIELD...] or
// workflow.NAME. Only dotted names are followed: in steps.a.output['x'] the path ends at output.
type Ref struct {
	Root  string     // "inputs", "steps" or "workflow"
	Path  []string   // the names after Root: [NAME], [ID, "output", FIELD...], ...
	Text  string     // the reference as written, e.g. "steps.enrich.output.severity"
	Range diag.Range // where it is written; the scalar's start when it cannot be placed exactly
}

// Input is the input name of an inputs.NAME reference, else "".
func (r Ref) Input() string {
	if r.Root == "inputs" && len(r.Path) > 0 {
		return r.Path[0]
	}
	return ""
}

// StepID is the step id of a steps.ID... reference, else "".
func (r Ref) StepID() string {
	if r.Root == "steps" && len(r.Path) > 0 {
		return r.Path[0]
	}
	return ""
}

// Fields are the names after steps.ID.output (empty for the whole output), and ok is false
// when the reference is not of that form (steps.ID alone, steps.ID.status, ...).
func (r Ref) Fields() (fields []string, ok bool) {
	if r.Root != "steps" || len(r.Path) < 2 || r.Path[1] != "output" {
		return nil, false
	}
	return r.Path[2:], true
}

// IsExpression reports whether s, trimmed of spaces, is exactly one ${...} expression.
func IsExpression(s string) bool {
	s = strings.TrimSpace(s)
	if !strings.HasPrefix(s, "${") {
		return false
	}
	end, ok := closeBrace(s, 2)
	return ok && end == len(s)-1
}

// HasExpression reports whether s contains "${".
func HasExpression(s string) bool { return strings.Contains(s, "${") }

// Expressions finds the ${...} expressions in a string value and the references in them,
// positioned at their line and column when the scalar is written on one line.
func Expressions(s String) []Expression {
	if !strings.Contains(s.Value, "${") {
		return nil
	}
	pos := positioner(s)
	var out []Expression
	v := s.Value
	for i := 0; i+1 < len(v); {
		start := strings.Index(v[i:], "${")
		if start < 0 {
			break
		}
		start += i
		end, ok := closeBrace(v, start+2)
		e := Expression{Unterminated: !ok}
		if ok {
			e.Text, e.Body = v[start:end+1], v[start+2:end]
			e.Range = pos.span(start, end+1)
			i = end + 1
		} else {
			e.Text, e.Body = v[start:], v[start+2:]
			e.Range = pos.span(start, len(v))
			i = len(v)
		}
		e.Refs = refs(e.Body, start+2, pos)
		out = append(out, e)
	}
	return out
}

// closeBrace finds the "}" that closes an expression whose body starts at i, skipping
// nested braces and quoted strings; ok is false when there is none.
func closeBrace(s string, i int) (int, bool) {
	depth := 0
	for ; i < len(s); i++ {
		switch c := s[i]; c {
		case '\'', '"':
			j := strings.IndexByte(s[i+1:], c)
			if j < 0 {
				return 0, false
			}
			i += j + 1
		case '{':
			depth++
		case '}':
			if depth == 0 {
				return i, true
			}
			depth--
		}
	}
	return 0, false
}

var refRoots = map[string]bool{"inputs": true, "steps": true, "workflow": true}

// refs finds dotted references in an expression body; base is the body's offset in the value.
func refs(body string, base int, pos *position) []Ref {
	var out []Ref
	for i := 0; i < len(body); {
		c := body[i]
		switch {
		case c == '\'' || c == '"':
			j := strings.IndexByte(body[i+1:], c)
			if j < 0 {
				return out
			}
			i += j + 2
		case isIdentStart(c) && (i == 0 || !isIdentChar(body[i-1]) && body[i-1] != '.'):
			start := i
			var names []string
			for {
				j := i
				for j < len(body) && isIdentChar(body[j]) {
					j++
				}
				names = append(names, body[i:j])
				i = j
				if i+1 < len(body) && body[i] == '.' && isIdentStart(body[i+1]) {
					i++
					continue
				}
				break
			}
			if len(names) >= 2 && refRoots[names[0]] {
				out = append(out, Ref{Root: names[0], Path: names[1:], Text: body[start:i], Range: pos.span(base+start, base+i)})
			}
		default:
			i++
		}
	}
	return out
}

func isIdentStart(c byte) bool { return c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }
func isIdentChar(c byte) bool  { return isIdentStart(c) || c == '-' || c >= '0' && c <= '9' }

// position maps byte offsets in a scalar's value to columns in the file.
type position struct {
	s    String
	cols []int // value byte offset → column offset from the scalar's start; nil: unknown
}

// Span is where bytes from..to of the value are written: a range inside the scalar when it
// sits on one line and its text could be matched, else one starting at the scalar.
func (s String) Span(from, to int) diag.Range { return positioner(s).span(from, to) }

func positioner(s String) *position {
	return &position{s: s, cols: columnTable(s.raw, s.Value)}
}

func (p *position) at(off int) diag.Pos {
	start := p.s.Range.Start
	if p.cols == nil || off < 0 || off >= len(p.cols) {
		return start
	}
	return diag.Pos{Line: start.Line, Column: start.Column + p.cols[off]}
}

func (p *position) span(from, to int) diag.Range {
	r := diag.Range{File: p.s.Range.File, Start: p.at(from)}
	if p.cols != nil {
		r.End = p.at(to)
	}
	return r
}

// columnTable decodes a scalar's raw text (plain, 'single' or "double" quoted, on one line)
// and records, for each byte of the decoded value and one past the end, the rune column
// offset in raw where it came from. It returns nil when raw is unknown or does not decode to
// value, so callers fall back to the scalar's start.
func columnTable(raw, value string) []int {
	if raw == "" {
		return nil
	}
	cols := make([]int, 0, len(value)+1)
	var dec strings.Builder
	emit := func(piece string, col int) {
		for range len(piece) {
			cols = append(cols, col)
		}
		dec.WriteString(piece)
	}
	runes := []rune(raw)
	switch runes[0] {
	case '\'':
		for i := 1; i < len(runes)-1; i++ {
			if runes[i] == '\'' && i+1 < len(runes)-1 && runes[i+1] == '\'' {
				emit("'", i)
				i++
				continue
			}
			emit(string(runes[i]), i)
		}
		cols = append(cols, len(runes)-1)
	case '"':
		for i := 1; i < len(runes)-1; i++ {
			if runes[i] != '\\' || i+1 >= len(runes)-1 {
				emit(string(runes[i]), i)
				continue
			}
			piece, width := unescape(runes[i+1:])
			if width == 0 {
				return nil
			}
			emit(piece, i)
			i += width
		}
		cols = append(cols, len(runes)-1)
	default:
		for i, r := range runes {
			emit(string(r), i)
		}
		cols = append(cols, len(runes))
	}
	if dec.String() != value {
		return nil
	}
	return cols
}

// unescape decodes one YAML double-quoted escape whose text (after the backslash) starts
// at rs, returning the decoded text and how many runes after the backslash it used.
func unescape(rs []rune) (string, int) {
	simple := map[rune]string{'0': "\x00", 'a': "\a", 'b': "\b", 't': "\t", '\t': "\t", 'n': "\n", 'v': "\v",
		'f': "\f", 'r': "\r", 'e': "\x1b", ' ': " ", '"': `"`, '/': "/", '\\': `\`, 'N': "\u0085",
		'_': "\u00a0", 'L': "\u2028", 'P': "\u2029"}
	if s, ok := simple[rs[0]]; ok {
		return s, 1
	}
	digits := map[rune]int{'x': 2, 'u': 4, 'U': 8}[rs[0]]
	if digits == 0 || len(rs) < 1+digits {
		return "", 0
	}
	code, err := strconv.ParseUint(string(rs[1:1+digits]), 16, 32)
	if err != nil || !utf8.ValidRune(rune(code)) {
		return "", 0
	}
	return string(rune(code)), 1 + digits
}
