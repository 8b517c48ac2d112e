package report

import (
	"bytes"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/wfc-dev/wfc/diag"
)

// Snippet layout. Cells here are terminal columns after tab expansion, counted by display
// width (cellWidth), while diag.Pos counts characters; expandLine maps one to the other.
const (
	tabWidth      = 4   // cells per tab stop
	tabMark       = '→' // draws a tab the underline points at, in the tab's first cell
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
		if !opts.OneLine && d.More == 0 { // a "… and N more" line repeats the snippet above it
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
		t.buf.WriteString(" (element " + sanitize(diag.Shorten(d.Element)) + ")")
	}
	if d.Rule != "" {
		t.buf.WriteByte(' ')
		t.paint(ansiGray, "["+sanitize(d.Rule)+"]")
	}
	t.buf.WriteByte('\n')
}

// snippet writes the source line of d with a gutter and a caret/tilde underline, when the
// source is available and the line exists. Its cost is bounded by the width shown, not the
// line's length: only a window of characters around the caret is expanded (window).
func (t *textWriter) snippet(d diag.Diagnostic) {
	start := d.Range.Start
	if !start.IsValid() || t.opts.Sources == nil || d.Sensitive {
		return
	}
	src := t.source(d.Range.File)
	line, ok := src.line(start.Line)
	if !ok {
		return
	}
	caret := max(0, start.Column-1) // characters before the caret; 0 when the column is unknown
	w := window(line, src.columnsOf(start.Line, line), caret)
	underline := w.underlined(start, d.Range.End)

	num := strconv.Itoa(start.Line)
	pad := strings.Repeat(" ", len(num))
	t.paint(ansiGray, pad+" |")
	t.buf.WriteByte('\n')
	t.paint(ansiGray, num+" |")
	if shown := strings.TrimRight(w.text(underline), " "); shown != "" {
		t.buf.WriteString(" " + shown)
	}
	t.buf.WriteByte('\n')

	if start.Column < 1 { // the column is unknown: show the line, underline nothing
		return
	}
	width := max(1, underline.to-underline.from)
	t.paint(ansiGray, pad+" |")
	t.buf.WriteString(" " + strings.Repeat(" ", w.lead()+underline.from-w.from))
	t.paint(severityColor(d.Severity), "^"+strings.Repeat("~", width-1))
	t.buf.WriteByte('\n')
}

// shownLine is the part of a source line a snippet shows. The line is cut twice: first to
// the characters within maxLineCells+1 of the caret (so a minified megabyte-long line is
// never expanded whole), then, after tab expansion, to at most maxLineCells cells. Cells are
// terminal columns: a CJK character or an emoji takes two, a combining mark none.
type shownLine struct {
	first     int    // line character where chars starts
	chars     []rune // the characters around the caret, controls replaced (expandLine)
	at        []int  // at[i]: first cell of chars[i]; at[len(chars)]: their width
	startCell int    // the caret's cell
	from, to  int    // the cells shown
	cutLeft   bool   // characters left of the shown cells are hidden
	cutRight  bool   // characters right of the shown cells are hidden
}

func window(line []byte, cols *columnIndex, caret int) shownLine {
	caret = min(caret, cols.chars)
	first := max(0, caret-maxLineCells-1)
	last := min(cols.chars, caret+maxLineCells+1)
	w := shownLine{first: first}
	w.chars, w.at = expandLine(line[cols.byteOffset(line, first):cols.byteOffset(line, last)])
	w.startCell = w.at[caret-first]
	w.from, w.to = 0, w.width()
	if w.width() > maxLineCells {
		w.from = max(0, w.startCell-contextBefore)
		w.to = min(w.width(), w.from+maxLineCells)
		w.from = max(0, w.to-maxLineCells)
	}
	w.cutLeft = w.from > 0 || first > 0
	w.cutRight = w.to < w.width() || last < cols.chars
	return w
}

// width is how many cells the expanded characters take.
func (w shownLine) width() int { return w.at[len(w.at)-1] }

// cellOf is the cell where line character ch starts, clamped to the window.
func (w shownLine) cellOf(ch int) int {
	return w.at[max(0, min(ch-w.first, len(w.at)-1))]
}

// cellSpan is a half-open range of cells.
type cellSpan struct{ from, to int }

// underlined is the cells the underline covers for a diagnostic from start to end: the
// range's characters when it ends on the same line, the rest of the shown line when it runs
// on, else the caret's cell alone; clipped to the cells shown.
func (w shownLine) underlined(start, end diag.Pos) cellSpan {
	endCell := w.startCell + 1
	switch {
	case end.Line == start.Line && end.Column > start.Column:
		endCell = w.cellOf(end.Column - 1)
	case end.Line > start.Line: // the range runs on: underline to the end of this line
		endCell = w.width()
	}
	return cellSpan{w.startCell, min(endCell, w.to)}
}

// lead is how many columns the left "..." takes.
func (w shownLine) lead() int {
	if w.cutLeft {
		return len(ellipsis)
	}
	return 0
}

// text is the shown cells as a string. A character cut in half by the window's edge becomes
// spaces, so every shown character stays in its column. A tab is blanks to its tab stop, but
// tabMark and blanks when the underline covers it, so a diagnostic about a tab shows the tab.
func (w shownLine) text(underline cellSpan) string {
	var b strings.Builder
	if w.cutLeft {
		b.WriteString(ellipsis)
	}
	baseShown := w.from == 0 // whether the last character with a width was shown whole
	for i, r := range w.chars {
		from, to := w.at[i], w.at[i+1]
		switch {
		case from == to: // a combining mark: shown with the character it combines with
			if baseShown {
				b.WriteRune(r)
			}
		case to <= w.from || from >= w.to:
			baseShown = false
		case from < w.from || to > w.to: // cut by the window's edge
			b.WriteString(strings.Repeat(" ", min(to, w.to)-max(from, w.from)))
			baseShown = false
		case r == '\t':
			blanks := to - from
			if underline.from <= from && from < underline.to {
				b.WriteRune(tabMark)
				blanks--
			}
			b.WriteString(strings.Repeat(" ", blanks))
			baseShown = true
		default:
			b.WriteRune(r)
			baseShown = true
		}
	}
	if w.cutRight {
		b.WriteString(ellipsis)
	}
	return b.String()
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

// summary counts diagnostics by severity: "3 errors, 1 warning". A "… and N more" line left
// by diag.List.Cap counts as the N problems it stands for.
func summary(diags diag.List) string {
	warns, infos := diags.Count(diag.Warning), diags.Count(diag.Info)
	errs := diags.Count(diag.Error) + diags.Count(0) // an unclassified diagnostic fails, as an error
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
