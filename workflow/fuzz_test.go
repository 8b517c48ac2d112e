package workflow

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/txtar"
)

// FuzzLoad: Load never panics, and whatever it reports is positioned inside the file and
// phrased in the house style.
func FuzzLoad(f *testing.F) {
	if src, err := os.ReadFile("testdata/example.yaml"); err == nil {
		f.Add(src)
	}
	f.Add([]byte(parallelWorkflow))
	f.Add([]byte(exprWorkflow))
	files, _ := filepath.Glob("testdata/*.txtar")
	for _, file := range files {
		if ar, err := txtar.ParseFile(file); err == nil && len(ar.Files) > 0 {
			f.Add(ar.Files[0].Data)
		}
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		w, diags := Load("f.yaml", src)
		lines := yamlLines(src)
		for _, d := range diags {
			if d.Message == "" || d.Rule == "" || d.Severity == 0 {
				t.Errorf("incomplete diagnostic %#v", d)
			}
			if d.Range.Start.Line > lines {
				t.Errorf("diagnostic past the end of the file (%d lines): %s", lines, d.Error())
			}
		}
		if w != nil {
			w.AllSteps()
			for _, s := range w.Sites() {
				Expressions(s.String)
			}
		}
	})
}

// yamlLines is how many lines yaml.v3 sees in src: it breaks lines at \n, \r\n, a lone \r,
// NEL, LS and PS, as libyaml does ("\r0" is reported on line 2).
func yamlLines(src []byte) int {
	n := 1 + bytes.Count(src, []byte("\n")) + bytes.Count(src, []byte("\r")) - bytes.Count(src, []byte("\r\n"))
	for _, brk := range []string{"\u0085", "\u2028", "\u2029"} {
		n += bytes.Count(src, []byte(brk))
	}
	return n
}

// BenchmarkLoadExample measures the DSL.md example end to end (YAML, schema, AST).
func BenchmarkLoadExample(b *testing.B) {
	src, err := os.ReadFile("testdata/example.yaml")
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(src)))
	for b.Loop() {
		if _, diags := Load("example.yaml", src); len(diags) > 0 {
			b.Fatal(diags)
		}
	}
}

// BenchmarkLoadLarge loads a 2,000-step workflow: the time per byte should match the small
// example's, since every phase is linear in the file size.
func BenchmarkLoadLarge(b *testing.B) {
	var sb strings.Builder
	sb.WriteString("wfc: 1\nname: big\ndescription: \"\"\nsteps:\n")
	for i := range largeSteps {
		sb.WriteString("  - id: s" + strings.Repeat("x", i%7) + itoa(i) + "\n    action: p/a\n    with: {ip: \"${inputs.ip}\", n: 1}\n    timeout: 30s\n")
	}
	src := []byte(sb.String())
	b.SetBytes(int64(len(src)))
	for b.Loop() {
		if _, diags := Load("big.yaml", src); len(diags) > 0 {
			b.Fatal(diags)
		}
	}
}

// largeSteps is the size of BenchmarkLoadLarge's workflow.
var largeSteps = 2000

func itoa(i int) string {
	const digits = "0123456789"
	if i < 10 {
		return digits[i : i+1]
	}
	return itoa(i/10) + digits[i%10:i%10+1]
}
