package workflow

import (
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/wfc-dev/wfc/diag"
	"github.com/wfc-dev/wfc/workflow/expr"
)

// Expression is one ${...} (or #{...}) inside a string value.
type Expression struct {
	Text         string           // "${...}" as it appears in the value
	Body         string           // what is between "${" and "}"
	Range        diag.Range       // from "${" to just after "}"; only Start when the scalar's text cannot be matched
	Refs         []Ref            // the inputs., steps. and workflow. references in Body, in order
	Unterminated bool             // no closing "}": Text and Body run to the end of the value
	Deferred     bool             // written #{...}
	Node         expr.Node        // the parsed body; an *expr.Bad stands where an operand is missing
	Err          *expr.Diagnostic // the syntax error in this expression (offsets into the value), nil when it parses
}

// Ref is a reference inside an expression (expr.Ref placed in the file): inputs.NAME,
// steps.ID.output[.FIELD...] or workflow.NAME, a name also written as a string index
// (steps.a.output['x']).
type Ref struct {
	Root  string      // "inputs", "steps" or "workflow"
	Path  []string    // the names after Root: [NAME], [ID, "output", FIELD...], ...
	Text  string      // the reference as written, e.g. "steps.enrich.output.severity"
	Range diag.Range  // where it is written; the scalar's start when it cannot be placed exactly
	Names []expr.Span // where each name of Path is written, as byte offsets in the value (String.Span places one)
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

// IsExpression reports whether s, trimmed of spaces, is exactly one ${...} (or #{...})
// expression with its closing }.
func IsExpression(s string) bool {
	t, _ := expr.ParseTemplate(strings.TrimSpace(s))
	_, ok := t.Single()
	return ok
}

// HasExpression reports whether s contains "${" or "#{", the start of an expression.
func HasExpression(s string) bool { return strings.Contains(s, "${") || strings.Contains(s, "#{") }

// Expressions finds the ${...} and #{...} expressions in a string value and the references in
// them, positioned at their line and column when the scalar is written on one line. The
// value is parsed with package expr; ExpressionsOf takes a value already parsed.
func Expressions(s String) []Expression {
	if !HasExpression(s.Value) {
		return nil
	}
	t, diags := expr.ParseTemplate(s.Value)
	return ExpressionsOf(s, t, diags)
}

// ExpressionsOf is Expressions for a value that expr.ParseTemplate has parsed into t, with
// the diagnostics it returned.
func ExpressionsOf(s String, t *expr.Template, diags []expr.Diagnostic) []Expression {
	var out []Expression
	var pos *position
	v := s.Value
	for _, p := range t.Parts {
		if !p.IsExpr() {
			continue
		}
		if pos == nil {
			pos = positioner(s)
		}
		start, end := int(p.Start), int(p.End)
		bodyEnd := end
		if p.Closed {
			bodyEnd--
		}
		e := Expression{Text: v[start:end], Body: v[start+2 : bodyEnd], Range: pos.span(start, end),
			Unterminated: !p.Closed, Deferred: p.Deferred, Node: p.Expr, Err: errorIn(diags, p)}
		for _, r := range expr.Refs(v, p.Expr) {
			e.Refs = append(e.Refs, Ref{Root: r.Root, Path: r.Path, Text: r.Text, Range: pos.span(int(r.Start), int(r.End)), Names: r.Spans})
		}
		out = append(out, e)
	}
	return out
}

// errorIn is the first error among diags that lies in the part, or nil.
func errorIn(diags []expr.Diagnostic, p expr.Part) *expr.Diagnostic {
	for i, d := range diags {
		if d.Severity == diag.Error && d.Start >= p.Start && d.Start < p.End {
			return &diags[i]
		}
	}
	return nil
}

// position maps byte offsets in a scalar's value to columns in the file.
type position struct {
	s    String
	cols []int // value byte offset → column offset from the scalar's start; nil: unknown
}

// Span is where bytes from..to of the value are written: a range inside the scalar when it
// sits on one line and its text could be matched, else one starting at the scalar.
func (s String) Span(from, to int) diag.Range { return positioner(s).span(from, to) }

func positioner(s String) *position {
	return &position{s: s, cols: columnTable(s.raw(), s.Value)}
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
