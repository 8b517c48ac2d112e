package workflow

import (
	"strconv"
	"strings"
	"testing"

	"github.com/wfc-dev/wfc/diag"
)

// FuzzExpressions scans arbitrary string values for ${...} expressions, written as a plain,
// a 'single' and a "double" quoted scalar. Beyond not panicking: each expression is a piece
// of the value starting with "${", in order and not overlapping, its body what lies between
// the braces; each reference is "root.path..." and lies inside its body; IsExpression agrees
// with Expressions; and when the scalar's text can be matched, every position points at the
// "${", the "}" or the reference in that text.
func FuzzExpressions(f *testing.F) {
	for _, s := range []string{
		"${inputs.ip}", "ip=${inputs.src_ip} at ${workflow.name}", "${steps.a.output['x'] == 'steps.b' && inputs.n > 2}",
		"${inputs.open", "${{a}}}", "${'}'}${\"{\"}", "é${steps.s-1.output.f_2}\t", "${}", "$${inputs.a}", " ${inputs.a} ",
		"it's ${inputs.a}", "\x00${inputs.\xff}", "${inputs.a.b.c.d}${steps.x.status}",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, value string) {
		for _, raw := range scalarSpellings(value) {
			s := String{Value: value, Range: diag.Range{File: "f.yaml", Start: diag.Pos{Line: 3, Column: 7}}, text: &scalarText{escaped: raw}}
			exprs := Expressions(s)
			checkExpressionPieces(t, value, exprs)
			checkIsExpression(t, value)
			checkExpressionPositions(t, s, exprs)
		}
	})
}

// scalarSpellings are ways value can be written in YAML on one line: unknown (""), plain,
// 'single' and "double" quoted (Go's escapes are all YAML escapes too).
func scalarSpellings(value string) []string {
	return []string{"", value, "'" + strings.ReplaceAll(value, "'", "''") + "'", strconv.Quote(value)}
}

func checkExpressionPieces(t *testing.T, value string, exprs []Expression) {
	t.Helper()
	if len(exprs) > 0 && !HasExpression(value) {
		t.Fatalf("%d expressions in %q", len(exprs), value)
	}
	at := 0
	for i, e := range exprs {
		off := nextUnescaped(value, at, e.Text)
		opener := e.Text[:min(2, len(e.Text))]
		if off < 0 || (opener != "${" && opener != "#{") || value[at+off:at+off+2] != opener {
			t.Fatalf("expression %d %q is not the next ${ in %q after byte %d", i, e.Text, value, at)
		}
		switch {
		case e.Unterminated && (i != len(exprs)-1 || at+off+len(e.Text) != len(value) || e.Body != e.Text[2:]):
			t.Fatalf("unterminated expression %q does not run to the end of %q", e.Text, value)
		case !e.Unterminated && (!strings.HasSuffix(e.Text, "}") || e.Body != e.Text[2:len(e.Text)-1]):
			t.Fatalf("expression %q has body %q", e.Text, e.Body)
		}
		at += off + len(e.Text)
		for _, r := range e.Refs {
			// Text keeps the reference as written (steps.a.output['x']), Path its names.
			if !strings.HasPrefix(r.Text, r.Root+".") || len(r.Path) == 0 || !refRoots[r.Root] || !strings.Contains(e.Body, r.Text) {
				t.Fatalf("reference %+v in body %q", r, e.Body)
			}
		}
	}
}

func checkIsExpression(t *testing.T, value string) {
	t.Helper()
	trimmed := strings.TrimSpace(value)
	exprs := Expressions(String{Value: trimmed})
	whole := len(exprs) == 1 && !exprs[0].Unterminated && exprs[0].Text == trimmed
	if IsExpression(value) != whole {
		t.Fatalf("IsExpression(%q) = %v, but Expressions finds %+v", value, !whole, exprs)
	}
}

// checkExpressionPositions: where the scalar's text decodes to the value, positions are on
// the scalar's line and point at what they name in that text; else they are its start.
func checkExpressionPositions(t *testing.T, s String, exprs []Expression) {
	t.Helper()
	start := s.Range.Start
	exact := columnTable(s.raw(), s.Value) != nil
	runes := []rune(s.raw())
	textAt := func(p diag.Pos, n int) string {
		off := p.Column - start.Column
		if p.Line != start.Line || off < 0 || off+n > len(runes) {
			return ""
		}
		return string(runes[off : off+n])
	}
	for _, e := range exprs {
		if !exact {
			if e.Range.Start != start || e.Range.End.IsValid() {
				t.Fatalf("inexact scalar %q: expression %q at %v-%v, want the scalar's start", s.raw(), e.Text, e.Range.Start, e.Range.End)
			}
			continue
		}
		if got := textAt(e.Range.Start, 2); got != "${" && got != "#{" {
			t.Fatalf("expression %q at %v, where %q has %q", e.Text, e.Range.Start, s.raw(), textAt(e.Range.Start, 2))
		}
		if !e.Unterminated && textAt(diag.Pos{Line: e.Range.End.Line, Column: e.Range.End.Column - 1}, 1) != "}" {
			t.Fatalf("expression %q ends at %v, after no } in %q", e.Text, e.Range.End, s.raw())
		}
		for _, r := range e.Refs {
			// Only the root is compared: a quoted field (output['x']) may be escaped in the
			// scalar's text ('' in a single-quoted scalar).
			if got := textAt(r.Range.Start, len(r.Root)+1); got != r.Root+"." {
				t.Fatalf("reference %q at %v, where %q has %q", r.Text, r.Range.Start, s.raw(), got)
			}
		}
	}
}

// refRoots are the names a reference may start with.
var refRoots = map[string]bool{"inputs": true, "steps": true, "workflow": true}

// nextUnescaped is the offset after at of the next text that is not written with a
// backslash before it (\${ is a literal ${), or -1.
func nextUnescaped(value string, at int, text string) int {
	for from := at; from <= len(value); {
		off := strings.Index(value[from:], text)
		if off < 0 {
			return -1
		}
		if i := from + off; i == 0 || value[i-1] != '\\' {
			return i - at
		}
		from += off + 1
	}
	return -1
}
