package driver

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/wfc-dev/wfc/diag"
	"github.com/wfc-dev/wfc/lint"
	"github.com/wfc-dev/wfc/workflow"
)

// summarize renders diagnostics one per line as "file:line:col severity rule [element]", the
// parts of a diagnostic these tests care about; messages are the rules' own business.
func summarize(diags diag.List) string {
	var b strings.Builder
	for _, d := range diags {
		b.WriteString(filepath.Base(d.Range.File) + ":" + d.Range.Start.String() + " " + d.Severity.String() + " " + d.Rule)
		if d.Element != "" {
			b.WriteString(" " + d.Element)
		}
		b.WriteByte('\n')
	}
	return b.String()
}

func readTestdata(t *testing.T, name string) []byte {
	t.Helper()
	src, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return src
}

func mustFile(t *testing.T, path string, src []byte, s lint.Settings) diag.List {
	t.Helper()
	diags, err := File(path, src, s)
	if err != nil {
		t.Fatalf("File(%s): %v", path, err)
	}
	return diags
}

func TestDetectKind(t *testing.T) {
	for _, c := range []struct {
		path, src string
		want      Kind
	}{
		{"a.yaml", "<x/>", KindWorkflow}, // the extension wins over content
		{"a.YML", "", KindWorkflow},
		{"a.bpmn", "", KindBPMN},
		{"a.xml", "", KindBPMN},
		{"a.json", "", KindJSON},
		{"<stdin>", "\ufeff  <definitions/>", KindBPMN},
		{"<stdin>", "\n{\"taskflow\":\"\"}", KindJSON},
		{"<stdin>", "[]", KindJSON},
		{"<stdin>", "wfc: 1", KindWorkflow},
		{"<stdin>", "", KindWorkflow},
		{"taskflow.txt", strings.Repeat("eyJlbGVtZW50VHlwZSI6Int9In0=\n", 3), KindBPMN},
		{"<stdin>", "eyJlbGVtZW50VHlwZSI6Int9In0=", KindWorkflow}, // too short to be a taskflow
	} {
		if got := DetectKind(c.path, []byte(c.src)); got != c.want {
			t.Errorf("DetectKind(%q, %q) = %v, want %v", c.path, c.src, got, c.want)
		}
	}
}

// A YAML file is a workflow when a document is a mapping with a top-level wfc key, in any
// YAML style; a file that does not decode is not quietly skipped.
func TestClassifyYAML(t *testing.T) {
	for _, c := range []struct {
		src  string
		want yamlRole
	}{
		{"wfc: 1\nname: x\n", yamlWorkflow},
		{"\ufeffwfc: 1\n", yamlWorkflow},
		{"'wfc' : 1\n", yamlWorkflow},
		{"\"\\x77fc\": 1\n", yamlWorkflow}, // an escaped key is still wfc
		{"{wfc: 1, name: x, steps: [{id: a, action: p/a}]}\n", yamlWorkflow},
		{"# a comment\n{\n  wfc: 1 }\n", yamlWorkflow},
		{"base: &b {x: 1}\nwfc: 1\n", yamlWorkflow},
		{"kind: A\n---\nwfc: 1\n", yamlWorkflow},    // Load then says one workflow per file
		{"name: x\nsteps:\n  - id: a\n", yamlOther}, // steps alone: Azure Pipelines, Cloud Build
		{"lint:\n  extends: all\n", yamlOther},      // wfc.yaml
		{"- id: wfc-lint\n  entry: wfc lint\n", yamlOther},
		{"on: push\njobs:\n  a:\n    steps:\n      - run: x\n", yamlOther},
		{"wfcx: 1\nstepsize: 2\n", yamlOther},
		{"name: 'wfc: 1'\n", yamlOther},
		{"key: \"a\nwfc: 1\"\n", yamlOther}, // a quoted string's second line, not a key
		{"", yamlOther},
		{"{wfc: 1, name: x, steps: [\n", yamlUndecodable},
		{"a: b: c\n", yamlUndecodable},
		{"kind: A\n---\nb: [\n", yamlUndecodable}, // a later document that does not parse
		{"\xff\xfew\x00f\x00c\x00:\x00 \x001\x00\n\x00", yamlUndecodable},
		{"\xfe\xff\x00w\x00f\x00c\x00:\x00 \x001\x00\n", yamlUndecodable},
		{"w\x00f\x00c\x00:\x00 \x001\x00\n\x00", yamlUndecodable}, // UTF-16 without a BOM
		{"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", yamlUndecodable},
		{strings.Repeat("# comment\n", workflow.MaxFileSize/10+1), yamlUndecodable}, // over the limit: Load says so
		{"%YAML 1.2\n# c\n--- # doc\n\nwfc: 1\n", yamlWorkflow},
		{"wfc: 1\nsteps: [\n", yamlWorkflow}, // begins as a workflow: linted, and Load reports the syntax error
		{"wfc:1\n", yamlOther},               // a plain scalar, not a key
		{"---\n- wfc: 1\n", yamlOther},
	} {
		if got := classifyYAML([]byte(c.src)); got != c.want {
			t.Errorf("classifyYAML(%.60q) = %v, want %v", c.src, got, c.want)
		}
	}
}

// The shortcut for files that begin with `wfc:` never takes a file the parse would skip.
func FuzzStartsWithWfcKey(f *testing.F) {
	for _, seed := range []string{"wfc: 1\n", "# c\n---\nwfc:\n  x: 1\n", "--- |\nwfc: 1\n", "%YAML 1.2\n---\nwfc: 1\n",
		"wfc: 1\n- a\n", "\"a\nwfc: 1\"\n", "? wfc\n: 1\n", "--- >\nwfc: 1\n"} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		if startsWithWfcKey(src) && parseYAMLRole(src) == yamlOther {
			t.Errorf("%q starts with wfc: but parses as YAML without a top-level wfc key", src)
		}
	})
}

// A workflow gets the workflow rules and the BPMN rules over its compiled diagram, both
// positioned in the YAML. unreachable-step is off here: it would stand in for the BPMN
// no-implicit-start on the step it reports (lint/subsume.go).
func TestFileWorkflowRunsBothRuleSets(t *testing.T) {
	s := lint.Settings{Rules: map[string]diag.Severity{"unreachable-step": lint.Off}}
	got := summarize(mustFile(t, "testdata/problems.yaml", readTestdata(t, "problems.yaml"), s))
	want := `problems.yaml:5:11 warning unused-input
problems.yaml:12:5 error no-implicit-start Activity_1evetbf
problems.yaml:15:5 warning switch-default
`
	if got != want {
		t.Errorf("got:\n%swant:\n%s", got, want)
	}
}

func TestFileSettingsAndSuppressions(t *testing.T) {
	src := readTestdata(t, "problems.yaml")
	s := lint.Settings{Rules: map[string]diag.Severity{"unreachable-step": lint.Off, "switch-default": diag.Error}}
	got := summarize(mustFile(t, "p.yaml", src, s))
	want := `p.yaml:5:11 warning unused-input
p.yaml:12:5 error no-implicit-start Activity_1evetbf
p.yaml:15:5 error switch-default
`
	if got != want {
		t.Errorf("with settings, got:\n%swant:\n%s", got, want)
	}

	suppressed := strings.Replace(string(src), "  - name: unused\n", "  # wfc-disable-next-line unused-input\n  - name: unused\n", 1)
	suppressed += "  # wfc-disable-next-line label-required\n  - id: last\n    action: a/b\n"
	got = summarize(mustFile(t, "p.yaml", []byte(suppressed), s))
	want = `p.yaml:13:5 error no-implicit-start Activity_1evetbf
p.yaml:16:5 error switch-default
p.yaml:19:3 warning unused-suppression
`
	if got != want {
		t.Errorf("with suppressions, got:\n%swant:\n%s", got, want)
	}
}

// Schema errors stop linting (the rules would only restate what is missing); the compiler's
// checks still run, as `wfc compile` reports them.
func TestFileSchemaErrorsStopBeforeRules(t *testing.T) {
	src := []byte("wfc: 1\nname: x\nsteps:\n  - id: a\n    action: p/a\n    next: nowhere\n")
	got := summarize(mustFile(t, "s.yaml", src, lint.Settings{Extends: lint.All}))
	want := "s.yaml:1:1 error schema\ns.yaml:6:11 error compile\n"
	if got != want {
		t.Errorf("got:\n%swant:\n%s", got, want)
	}
}

// A compile error is a diagnostic, and the rules wait until it is fixed: they would restate it.
func TestFileCompileErrors(t *testing.T) {
	src := []byte("wfc: 1\nname: x\ndescription: \"\"\ninputs:\n  - name: unused\nsteps:\n  - id: a\n    action: p/a\n    next: nowhere\n")
	got := summarize(mustFile(t, "c.yaml", src, lint.Settings{}))
	want := "c.yaml:9:11 error compile\n"
	if got != want {
		t.Errorf("got:\n%swant:\n%s", got, want)
	}
}

func TestFileBPMN(t *testing.T) {
	got := summarize(mustFile(t, "fake-join.bpmn", readTestdata(t, "fake-join__invalid-task.bpmn"), lint.Settings{}))
	for _, line := range []string{
		"fake-join.bpmn:7:5 warning fake-join Element",
		"fake-join.bpmn:7:5 error no-implicit-end Element",
		"fake-join.bpmn:3:3 error start-event-required Process_1",
	} {
		if !strings.Contains(got, line+"\n") {
			t.Errorf("missing %q in:\n%s", line, got)
		}
	}
}

func TestFileBPMNSyntaxErrorIsPositioned(t *testing.T) {
	diags := mustFile(t, "broken.bpmn", []byte("<definitions>\n  <process id=\"p\">\n</definitions>\n"), lint.Settings{})
	if len(diags) != 1 || diags[0].Rule != diag.RuleSyntax || diags[0].Severity != diag.Error || diags[0].Range.Start.Line != 3 {
		t.Fatalf("got %v, want one syntax error on line 3", diags)
	}
	if !strings.Contains(diags[0].Message, "</definitions>") {
		t.Errorf("message %q does not name the mismatched tag", diags[0].Message)
	}

	diags = mustFile(t, "notbpmn.xml", []byte("<html/>"), lint.Settings{})
	if len(diags) != 1 || diags[0].Rule != diag.RuleSyntax || !strings.Contains(diags[0].Message, "BPMN") {
		t.Errorf("a non-BPMN root: got %v, want one syntax error saying it is not BPMN", diags)
	}
}

func TestFileGarbageNeverPanics(t *testing.T) {
	for _, c := range []struct{ path, src string }{
		{"a.yaml", "\x00\x01\x02"}, {"a.yaml", "[1, 2"}, {"a.yaml", "- 1\n- 2\n"}, {"a.bpmn", ""},
		{"a.json", "{"}, {"a.json", "[{\"name\": 1}]"}, {"a.json", "{\"taskflow\": \"!!\"}"}, {"x", "\xff\xfe"},
	} {
		diags, err := File(c.path, []byte(c.src), lint.Settings{Extends: lint.All})
		if err != nil {
			t.Errorf("File(%s, %q): %v", c.path, c.src, err)
			continue
		}
		if !diags.HasErrors() {
			t.Errorf("File(%s, %q) = %v, want an error diagnostic", c.path, c.src, diags)
		}
		for _, d := range diags {
			if d.Rule == RuleInternal {
				t.Errorf("File(%s, %q) crashed: %s", c.path, c.src, d.Message)
			}
		}
	}
}

func TestFileTooLarge(t *testing.T) {
	_, err := File("big.bpmn", make([]byte, MaxFileSize+1), lint.Settings{})
	var tl *TooLargeError
	if !errors.As(err, &tl) || !strings.Contains(err.Error(), "big.bpmn") || !strings.Contains(err.Error(), "64 MiB") {
		t.Errorf("got %v, want a TooLargeError naming the file and the limit", err)
	}
}

// A crash in one file's linter becomes an error diagnostic for that file; the others are
// still linted (a panic on a worker goroutine would otherwise end the whole run).
func TestCrashIsContainedToItsFile(t *testing.T) {
	saved := linters[KindBPMN]
	t.Cleanup(func() { linters[KindBPMN] = saved })
	linters[KindBPMN] = func(string, []byte, lint.Settings) diag.List { panic("boom") }

	diags, _, errs := run([]job{
		{path: "a.bpmn", explicit: true, read: func() ([]byte, error) { return []byte("<x/>"), nil }},
		{path: "b.yaml", explicit: true, read: func() ([]byte, error) { return readTestdata(t, "problems.yaml"), nil }},
	}, lint.Settings{})
	if len(errs) != 0 {
		t.Fatal(errs)
	}
	if len(diags) < 2 || diags[0].Rule != RuleInternal || diags[0].Range.File != "a.bpmn" ||
		!strings.Contains(diags[0].Message, "boom") || !strings.Contains(diags[0].Detail, "goroutine") {
		t.Fatalf("got %v", diags)
	}
	if diags[1].Range.File != "b.yaml" {
		t.Errorf("the other file was not linted: %v", diags)
	}
}
