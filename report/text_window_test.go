package report

import (
	"bytes"
	"fmt"
	"io"
	"strings"
	"testing"

	"github.com/wfc-dev/wfc/internal/allocs"

	"github.com/wfc-dev/wfc/diag"
)

// minified builds one line of n bytes: "<t id="T_000001"/>" elements, like a minified BPMN
// file, each 20 bytes, so that the element at byte offset 20*k starts at column 20*k+1.
func minified(n int) []byte {
	var b bytes.Buffer
	for i := 0; b.Len() < n; i++ {
		fmt.Fprintf(&b, `<t id="T_%06d"/>  `, i)
	}
	return b.Bytes()[:n]
}

func writeOneLine(t testing.TB, src []byte, diags diag.List) string {
	t.Helper()
	var buf bytes.Buffer
	opts := Options{Sources: func(string) ([]byte, bool) { return src, true }}
	if err := Write(&buf, Text, diags, opts); err != nil {
		t.Fatal(err)
	}
	return buf.String()
}

// A diagnostic deep inside a megabyte-long line shows a window around it, cut with "..." on
// both sides, and the caret under the element it names; tabs and multi-byte characters
// before the window do not move it.
func TestTextLongLineWindow(t *testing.T) {
	prefix := strings.Repeat("\t封", 1000) // 2000 characters, 4000 bytes, 4000 cells
	src := append([]byte(prefix), minified(1<<20)...)
	col := len([]rune(prefix)) + 20*30000 + 1 // the element T_030000
	d := diag.Errorf(at("min.bpmn", 1, col, 1, col+18), "r", "bad element")
	got := writeOneLine(t, src, diag.List{d})

	lines := strings.Split(got, "\n")
	if len(lines) != 5 {
		t.Fatalf("want header, gutter, line, underline:\n%s", got)
	}
	shown, underline := lines[2], lines[3]
	if !strings.HasPrefix(shown, "1 | ...") || !strings.HasSuffix(shown, "...") {
		t.Errorf("the cut line should have ... at both ends:\n%s", shown)
	}
	if n := len([]rune(shown)); n > len("1 | ")+maxLineCells+2*len(ellipsis) {
		t.Errorf("shown line is %d characters, more than the window:\n%s", n, shown)
	}
	caret := strings.IndexByte(underline, '^')
	if caret < 0 || !strings.HasPrefix(shown[caret:], `<t id="T_030000"/>`) {
		t.Errorf("caret is not under T_030000:\n%s\n%s", shown, underline)
	}
	if want := "^" + strings.Repeat("~", 17); strings.TrimSpace(underline[strings.IndexByte(underline, '|')+1:]) != want {
		t.Errorf("underline = %q, want %q", underline, want)
	}
}

// The work a snippet does must not grow with the length of its line: the extra bytes each
// further diagnostic costs are the same on a 1 KB and a 1 MB line. Reading the line once per
// file (the line and column index) is allowed to grow; it cancels out in the difference.
func TestTextSnippetCostIndependentOfLineLength(t *testing.T) {
	perDiagnostic := func(size int) uint64 {
		src := minified(size)
		diags := func(n int) diag.List {
			var l diag.List
			for i := range n {
				col := 500 + 20*i%400 // inside both lines, away from their ends
				l = append(l, diag.Errorf(at("f", 1, col, 1, col+5), "r", "diagnostic %03d", i))
			}
			return l
		}
		few, many := diags(10), diags(40)
		writeOneLine(t, src, few) // warm up
		a := allocs.Bytes(func() { writeOneLine(t, src, few) })
		b := allocs.Bytes(func() { writeOneLine(t, src, many) })
		return (b - a) / 30
	}
	short, long := perDiagnostic(1<<10), perDiagnostic(1<<20)
	t.Logf("bytes allocated per diagnostic: %d on a 1 KB line, %d on a 1 MB line", short, long)
	if long > short+short/4 {
		t.Errorf("a diagnostic on a 1 MB line allocates %d bytes, on a 1 KB line %d: the snippet grows with the line", long, short)
	}
}

// BenchmarkTextOneLine renders 10,000 diagnostics on one 280 KB line, like `wfc lint` on a
// minified BPMN file with 10,000 tasks.
func BenchmarkTextOneLine(b *testing.B) {
	src := minified(20 * 14000)
	diags := make(diag.List, 0, 10000)
	for i := range 10000 {
		col := 20*i + 1
		diags = append(diags, diag.Errorf(at("min.bpmn", 1, col, 1, col+18), "label-required", "task T_%06d has no name", i))
	}
	opts := Options{Sources: func(string) ([]byte, bool) { return src, true }}
	b.ReportAllocs()
	for b.Loop() {
		if err := Write(io.Discard, Text, diags, opts); err != nil {
			b.Fatal(err)
		}
	}
}
