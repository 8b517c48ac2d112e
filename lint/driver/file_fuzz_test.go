package driver

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/wfc-dev/wfc/catalog"
	"github.com/wfc-dev/wfc/diag"
	"github.com/wfc-dev/wfc/lint"
)

// fuzzNames are the file names a fuzzed input is linted under: each extension picks a
// kind, and a name without one lets the content decide.
var fuzzNames = []string{"f.yaml", "f.bpmn", "f.json", "stdin"}

// FuzzFile runs the whole lint pipeline on one file (detection, load and schema, compile,
// BPMN decoding, every rule, a plugin catalog) with every rule on. Beyond not crashing
// (a panic would come back as an "internal" diagnostic): the same file gives the same
// diagnostics twice, and every diagnostic names the file, has a rule, a severity and a
// message, and points inside the file when it has a position.
func FuzzFile(f *testing.F) {
	for _, seed := range fileFuzzSeeds(f) {
		f.Add(seed.kind, seed.src)
	}
	f.Fuzz(func(t *testing.T, kind uint8, src []byte) {
		path := fuzzNames[int(kind)%len(fuzzNames)]
		s := fuzzSettings(t)
		diags, err := File(path, src, s)
		if err != nil {
			t.Fatalf("File: %v", err)
		}
		again, _ := File(path, src, s)
		if a, b := render(diags), render(again); a != b {
			t.Fatalf("two runs differ:\n%s---\n%s", a, b)
		}
		lines := maxLines(src)
		for _, d := range diags {
			if d.Rule == RuleInternal {
				t.Fatalf("lint crashed: %s\n%s", d.Message, d.Detail)
			}
			if d.Range.File != path || d.Rule == "" || d.Message == "" || d.Severity < diag.Error || d.Severity > diag.Info {
				t.Fatalf("incomplete diagnostic %#v", d)
			}
			if start := d.Range.Start; start.IsValid() && (start.Line > lines || start.Column < 1) {
				t.Fatalf("diagnostic at %v, outside the %d-line file: %s", start, lines, d.Error())
			}
		}
	})
}

// maxLines is how many lines src has at most, counting every break a YAML or XML reader
// may count: \n, \r\n, a lone \r, and NEL, LS and PS (which yaml.v3 counts as libyaml does).
func maxLines(src []byte) int {
	n := 1 + bytes.Count(src, []byte("\n")) + bytes.Count(src, []byte("\r")) - bytes.Count(src, []byte("\r\n"))
	for _, brk := range []string{"\u0085", "\u2028", "\u2029"} {
		n += bytes.Count(src, []byte(brk))
	}
	return n
}

func render(diags diag.List) string {
	var b strings.Builder
	for _, d := range diags {
		fmt.Fprintf(&b, "%s %s %s %s\n", d.Severity, d.Rule, d.Element, d.Error())
	}
	return b.String()
}

// fuzzSettings turns every rule on, with a small catalog so the action rules run too.
func fuzzSettings(t testing.TB) lint.Settings {
	cat, err := catalog.Parse("catalog.json", []byte(`{"plugins":[{"name":"p","actions":[{"name":"a","inputs":[{"name":"ip","required":true}]}]}]}`))
	if err != nil {
		t.Fatal(err)
	}
	return lint.Settings{Extends: lint.All, Catalog: cat}
}

type fileSeed struct {
	kind uint8 // index into fuzzNames
	src  []byte
}

// fileFuzzSeeds: the bundled examples and this package's test files, a BPMN conformance
// file, a create-version request, an export file, and inputs at the edges of detection.
func fileFuzzSeeds(t testing.TB) []fileSeed {
	var seeds []fileSeed
	add := func(kind uint8, paths ...string) {
		for _, p := range paths {
			if src, err := os.ReadFile(p); err == nil {
				seeds = append(seeds, fileSeed{kind, src})
			}
		}
	}
	examples, _ := filepath.Glob("../../examples/*.yaml")
	add(0, examples...)
	add(0, "testdata/problems.yaml")
	add(1, "testdata/fake-join__invalid-task.bpmn", "../../testdata/conformance/xmljs/link-event__valid.xml")
	add(2, "../../bpmn/testdata/create-version-request.json")
	if len(seeds) == 0 {
		t.Fatal("no seed files found")
	}
	req := seeds[len(seeds)-1].src
	seeds = append(seeds, fileSeed{3, req}, fileSeed{2, exportFileSeed(req)})
	for _, s := range []string{"", "wfc: 1\n", "steps: [", "<a/>", "[]", "[{}]", "{}", "{\"taskflow\": 1}", "\ufeff<x", "eyJ="} {
		seeds = append(seeds, fileSeed{3, []byte(s)})
	}
	return seeds
}

// exportFileSeed wraps the taskflow of a create-version request in a one-workflow export file.
func exportFileSeed(request []byte) []byte {
	i := bytes.Index(request, []byte(`"taskflow"`))
	if i < 0 {
		return []byte(`[{"name":"w","versions":[]}]`)
	}
	return []byte(`[{"name":"w","versions":[{"name":"v1","taskconfig":"{}",` + string(request[i:bytes.IndexByte(request[i:], ',')+i]) + `}]}]`)
}
