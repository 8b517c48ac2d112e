package diff

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/wfc-dev/wfc/internal/golden"
)

// reformatted is base written differently in every way that has no meaning: block style for
// flow maps, comments, keys in another order, with keys reordered, API spellings, defaults
// written out, durations in other units, sets in another order, an explicit next naming the
// step below.
const reformatted = `# a comment
name: Base   # trailing comment
wfc: 1
type: NORMAL
log_level: info
description: "Base workflow"
labels: [DOMAIN, IP]
outputs:
  - value: "${steps.enrich.output.severity}"
    name: verdict
inputs:
  - required: true
    name: ip
steps:
  - action: tb/ip
    id: enrich
    timeout: 1m
    with:
      tags:
        - {v: 1, k: a}
      opts:
        fast: true
        depth: 1
      ip: ${inputs.ip}
    on_error: fail
    next: decide
  - id: decide
    default: close
    switch:
      - when: "${steps.enrich.output.severity == 'high'}"
        name: high
        next: approve
      - next: close
        name: low
        when: "${steps.enrich.output.severity == 'low'}"
  - id: approve
    approval:
      timeout: 240m
      approvers: [bob, alice]
      on_timeout: interrupt
  - id: fan
    parallel:
      - steps:
          - id: one
            action: p/one
      - steps:
          - {wait: 5, id: two}
  - {id: block, action: fw/block, with: {ip: "${inputs.ip}"}, next: end}
  - id: close
    action: s/close
    next: end
`

func TestMeaninglessEditsAreNoChange(t *testing.T) {
	for name, src := range map[string]string{"itself": base, "reformatted": reformatted} {
		for _, dir := range [][2]string{{base, src}, {src, base}} {
			got := Programs(program(t, "old.yaml", dir[0]), program(t, "new.yaml", dir[1]))
			if len(got) != 0 {
				t.Errorf("%s: want no changes, got:\n%s", name, bytes.Join(toBytes(lines(got)), []byte("\n")))
			}
		}
	}
}

func toBytes(ss []string) [][]byte {
	out := make([][]byte, len(ss))
	for i, s := range ss {
		out[i] = []byte(s)
	}
	return out
}

// TestFormats compares every output form of one diff with many kinds of change with its
// golden file, and checks the order does not depend on the run.
func TestFormats(t *testing.T) {
	old, new := readFile(t, "testdata", "old.yaml"), readFile(t, "testdata", "new.yaml")
	report := func() Report {
		return Report{Old: "old.yaml", New: "new.yaml",
			Changes: Programs(program(t, "old.yaml", string(old)), program(t, "new.yaml", string(new)))}
	}
	r := report()
	forms := []struct {
		file  string
		write func(*bytes.Buffer, Report) error
	}{
		{"diff.txt", func(b *bytes.Buffer, r Report) error { return WriteText(b, r, false) }},
		{"diff_color.txt", func(b *bytes.Buffer, r Report) error { return WriteText(b, r, true) }},
		{"diff.json", func(b *bytes.Buffer, r Report) error { return WriteJSON(b, r) }},
		{"diff.md", func(b *bytes.Buffer, r Report) error { return WriteMarkdown(b, r) }},
	}
	for _, f := range forms {
		var first, again bytes.Buffer
		if err := f.write(&first, r); err != nil {
			t.Fatal(err)
		}
		for i := 0; i < 5; i++ { // maps are read in the diff: a random order would show here
			again.Reset()
			if err := f.write(&again, report()); err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(first.Bytes(), again.Bytes()) {
				t.Fatalf("%s: two runs differ:\n%s\n---\n%s", f.file, first.Bytes(), again.Bytes())
			}
		}
		golden.Check(t, filepath.Join("testdata", f.file), first.Bytes())
	}
}

func TestNoChangeOutputs(t *testing.T) {
	r := Report{Old: "a.yaml", New: "b.yaml"}
	var b bytes.Buffer
	if err := WriteJSON(&b, r); err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(b.Bytes(), []byte(`"changes": []`)) {
		t.Errorf("JSON of no changes should list none as [], got:\n%s", b.Bytes())
	}
	b.Reset()
	if err := WriteMarkdown(&b, r); err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(b.Bytes(), []byte("No changes.")) {
		t.Errorf("markdown of no changes should say so, got:\n%s", b.Bytes())
	}
}

// TestReadmeExample keeps the README's "Reviewing a change" output the golden text diff.
func TestReadmeExample(t *testing.T) {
	readme, want := readFile(t, "..", "README.md"), readFile(t, "testdata", "diff.txt")
	_, section, ok := bytes.Cut(readme, []byte("## Reviewing a change\n"))
	if !ok {
		t.Fatal(`README.md has no "## Reviewing a change" section`)
	}
	if !bytes.Contains(section, append([]byte("```\n"), want...)) {
		t.Errorf("the README's example output is not testdata/diff.txt; paste it there:\n%s", want)
	}
}

func readFile(t testing.TB, path ...string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(path...))
	if err != nil {
		t.Fatal(err)
	}
	return b
}
