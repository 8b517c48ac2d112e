package report

import (
	"bytes"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/wfc-dev/wfc/diag"
)

// Snippet layout. Columns here are display cells after tab expansion; every other character
// counts as one cell, matching diag.Pos, which counts characters.
const (
	tabWidth      = 4   // cells per tab stop
	maxLineCells  = 100 // longest source excerpt shown, without the "..." markers
	contextBefore = 20  // cells kept left of the caret when a long line is cut
	ellipsis      = "..."
)

// ANSI escape sequences, used only when Options.Color is set.
const (
	ansiReset  = "\x1b[0m"
	ansiBold   = "\x1b[1m"
	ansiRed    = "\x1b[31m"
	ansiYellow = "\x1b[33m"
	ansiCyan   = "\x1b[36m"
	ansiGray   = "\x1b[90m"
)

type textWriter struct {
	buf   bytes.Buffer
	opts  Options
	files map[string]*sourceFile // read once per file; looked up, never iterated
}

func writeText(w io.Writer, diags diag.List, opts Options) error {
	t := &textWriter{opts: opts, files: map[string]*sourceFile{}}
	for _, d := range diags {
		t.header(d)
		if !opts.OneLine {
			t.snippet(d)
			t.detail(d)
		}
	}
	if opts.Summary && len(diags) > 0 {
		t.paint(ansiBold, summary(diags))
		t.buf.WriteByte('\n')
	}
	_, err := w.Write(t.buf.Bytes())
	return err
}

// paint writes s, wrapped in an ANSI colour when colours are on.
func (t *textWriter) paint(color, s string) {
	if t.opts.Color && s != "" {
		t.buf.WriteString(color + s + ansiReset)
		return
	}
	t.buf.WriteString(s)
}

// header writes the one-line form. Without colour and for errors it is exactly
// diag.Diagnostic.Error(); warnings and infos get a "warning: " / "info: " prefix after the
// position, so a problem matcher anchored on "file:line:col: " still matches.
func (t *textWriter) header(d diag.Diagnostic) {
	loc := sanitize(d.Range.File)
	if d.Range.Start.IsValid() {
		loc += fmt.Sprintf(":%d:%d", d.Range.Start.Line, d.Range.Start.Column)
	}
	if loc != "" {
		t.paint(ansiBold, loc+":")
		t.buf.WriteByte(' ')
	}
	switch d.Severity {
	case diag.Warning:
		t.paint(ansiYellow, "warning:")
		t.buf.WriteByte(' ')
	case diag.Info:
		t.paint(ansiCyan, "info:")
		t.buf.WriteByte(' ')
	}
	t.buf.WriteString(sanitize(d.Message))
	if d.Element != "" && !d.Range.Start.IsValid() {
		t.buf.WriteString(" (element " + sanitize(d.Element) + ")")
	}
	if d.Rule != "" {
		t.buf.WriteByte(' ')
		t.paint(ansiGray, "["+sanitize(d.Rule)+"]")
	}
	t.buf.WriteByte('\n')
}

// snippet writes the source line of d with a gutter and a caret/tilde underline, when the
// source is available and the line exists.
func (t *textWriter) snippet(d diag.Diagnostic) {
	start := d.Range.Start
	if !start.IsValid() || t.opts.Sources == nil {
		return
	}
	src := t.source(d.Range.File)
	line, ok := src.line(start.Line)
	if !ok {
		return
	}
	cells, at := expandLine(line)
	runes := len(at) - 1

	num := strconv.Itoa(start.Line)
	pad := strings.Repeat(" ", len(num))
	t.paint(ansiGray, pad+" |")
	t.buf.WriteByte('\n')

	// Choose the window of cells to show: the whole line, or a cut around the caret.
	from, to := 0, len(cells)
	startCell := 0
	if start.Column >= 1 {
		startCell = at[min(start.Column-1, runes)]
	}
	if len(cells) > maxLineCells {
		from = max(0, startCell-contextBefore)
		to = min(len(cells), from+maxLineCells)
		from = max(0, to-maxLineCells)
	}
	shown := string(cells[from:to])
	lead := 0
	if from > 0 {
		shown = ellipsis + shown
		lead = len(ellipsis)
	}
	if to < len(cells) {
		shown += ellipsis
	}
	shown = strings.TrimRight(shown, " ")
	t.paint(ansiGray, num+" |")
	if shown != "" {
		t.buf.WriteString(" " + shown)
	}
	t.buf.WriteByte('\n')

	if start.Column < 1 { // the column is unknown: show the line, underline nothing
		return
	}
	endCell := startCell + 1
	end := d.Range.End
	switch {
	case end.Line == start.Line && end.Column > start.Column:
		endCell = at[min(end.Column-1, runes)]
	case end.Line > start.Line: // the range runs on: underline to the end of this line
		endCell = len(cells)
	}
	width := max(1, min(endCell, to)-startCell)
	t.paint(ansiGray, pad+" |")
	t.buf.WriteString(" " + strings.Repeat(" ", lead+startCell-from))
	t.paint(severityColor(d.Severity), "^"+strings.Repeat("~", width-1))
	t.buf.WriteByte('\n')
}

// detail writes the optional longer explanation, indented under the diagnostic.
func (t *textWriter) detail(d diag.Diagnostic) {
	if d.Detail == "" {
		return
	}
	for _, l := range strings.Split(strings.TrimRight(d.Detail, "\n"), "\n") {
		t.buf.WriteString(strings.TrimRight("  "+sanitize(l), " ") + "\n")
	}
}

func (t *textWriter) source(file string) *sourceFile {
	if f, ok := t.files[file]; ok {
		return f
	}
	f := &sourceFile{}
	if data, ok := t.opts.Sources(file); ok {
		f.data, f.lineStarts = data, lineStarts(data)
	}
	t.files[file] = f
	return f
}

func severityColor(s diag.Severity) string {
	switch s {
	case diag.Warning:
		return ansiYellow
	case diag.Info:
		return ansiCyan
	}
	return ansiRed
}

// summary counts diagnostics by severity: "3 errors, 1 warning".
func summary(diags diag.List) string {
	var errs, warns, infos int
	for _, d := range diags {
		switch d.Severity {
		case diag.Warning:
			warns++
		case diag.Info:
			infos++
		default:
			errs++
		}
	}
	var parts []string
	add := func(n int, one, many string) {
		switch {
		case n == 1:
			parts = append(parts, "1 "+one)
		case n > 1:
			parts = append(parts, strconv.Itoa(n)+" "+many)
		}
	}
	add(errs, "error", "errors")
	add(warns, "warning", "warnings")
	add(infos, "info", "infos")
	return strings.Join(parts, ", ")
}
