package report

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"testing"

	"github.com/wfc-dev/wfc/diag"
)

// FuzzText feeds arbitrary sources and ranges to every format: nothing may panic, JSON and
// SARIF must stay valid JSON, and a text header must stay one line.
func FuzzText(f *testing.F) {
	f.Add([]byte("a\tb\n封禁\r\n"), 1, 2, 1, 9, "msg\x1b")
	f.Add([]byte(""), 5, 0, 3, 1, "")
	f.Add([]byte("\xff\xfe\n\n"), 2, 1000, 1, -4, "a\nb")
	f.Fuzz(func(t *testing.T, src []byte, line, col, endLine, endCol int, msg string) {
		d := diag.Diagnostic{Severity: diag.Warning, Rule: "r", Message: msg, Range: at("f", line, col, endLine, endCol)}
		read := func(string) ([]byte, bool) { return src, true }
		for _, format := range Formats {
			var buf bytes.Buffer
			if err := Write(&buf, format, diag.List{d}, Options{Sources: read, Summary: true}); err != nil {
				t.Fatal(err)
			}
			if (format == JSON || format == SARIF) && !json.Valid(buf.Bytes()) {
				t.Fatalf("%s output is not JSON: %q", format, buf.String())
			}
			if format == GitHub && strings.Count(buf.String(), "\n") != 1 {
				t.Fatalf("github output is not one line: %q", buf.String())
			}
		}
	})
}

// BenchmarkTextSnippets renders one diagnostic per line of a large file, the case where
// re-reading the file per diagnostic would be quadratic.
func BenchmarkTextSnippets(b *testing.B) {
	for _, lines := range []int{1000, 10000} {
		b.Run(fmt.Sprint(lines), func(b *testing.B) {
			var src strings.Builder
			diags := make(diag.List, 0, lines)
			for i := 1; i <= lines; i++ {
				fmt.Fprintf(&src, "  - id: step_%d\n", i)
				diags = append(diags, diag.Errorf(at("big.yaml", i, 9, i, 13), "step-id", "step id %d is bad", i))
			}
			data := []byte(src.String())
			opts := Options{Sources: func(string) ([]byte, bool) { return data, true }}
			b.ReportAllocs()
			for b.Loop() {
				if err := Write(io.Discard, Text, diags, opts); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
