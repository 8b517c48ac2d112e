package report

import (
	"bytes"
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	"github.com/wfc-dev/wfc/diag"
	"github.com/wfc-dev/wfc/internal/golden"
)

// sources is the fixed set of files the golden diagnostics point into.
var sources = map[string]string{
	"wf.yaml": "name: block-ip\n" +
		"steps:\n" +
		"  - acton: x\n" +
		"\t\tname: tabbed\n" + // 4: tab-indented
		"  - name: 封禁恶意IP # ok\n" + // 5: multi-byte characters
		"    with: {a: 1,\r\n" + // 6: CRLF, range runs onto line 7
		"      b: 2}\n" +
		"    when: ${x}\x1b[2J\n" + // 8: a control character in the source
		"  - id: " + strings.Repeat("a", 190) + "BAD" + strings.Repeat("z", 100) + "\n" + // 9: long line
		"  - name: 告警 🚨 通知\n" + // 10: wide characters: each CJK character and the emoji take two columns
		"    description: " + strings.Repeat("长", 150) + " 错误 " + strings.Repeat("尾", 100) + "\n", // 11: a long line of wide characters
	"empty.yaml": "",
}

func readSource(file string) ([]byte, bool) {
	s, ok := sources[file]
	return []byte(s), ok
}

func at(file string, line, col, endLine, endCol int) diag.Range {
	return diag.Range{File: file, Start: diag.Pos{Line: line, Column: col}, End: diag.Pos{Line: endLine, Column: endCol}}
}

// goldenDiags covers every shape the formatters must handle. The order is deliberately not
// sorted: Write sorts.
func goldenDiags() diag.List {
	return diag.List{
		{Severity: diag.Warning, Rule: "fake-join", Message: "element has 2 incoming flows; join them with a parallel gateway", Range: diag.Range{File: "a.bpmn"}, Element: "Task_1"},
		{Severity: diag.Error, Rule: "schema", Message: `unknown key "acton"; did you mean "action"?`, Range: at("wf.yaml", 3, 5, 3, 10)},
		{Severity: diag.Error, Rule: "syntax", Message: "tab character; YAML indents with spaces", Range: at("wf.yaml", 4, 1, 4, 2)},
		{Severity: diag.Warning, Rule: "label-style", Message: "step name has an emoji before 通知", Range: at("wf.yaml", 10, 16, 10, 18)},
		{Severity: diag.Error, Rule: "step-id", Message: "错误 in a long line of wide characters", Range: at("wf.yaml", 11, 169, 11, 171)},
		{Severity: diag.Info, Rule: "label-style", Message: "step name is not ASCII", Range: at("wf.yaml", 5, 11, 5, 17)},
		{Severity: diag.Warning, Rule: "inline-map", Message: "write with as a block mapping", Range: at("wf.yaml", 6, 11, 7, 12), Detail: "Block mappings diff better.\nFlow mappings hide keys in review."},
		{Severity: diag.Error, Rule: "expression", Message: "control character \x1b in expression", Range: at("wf.yaml", 8, 11, 0, 0)},
		{Severity: diag.Error, Rule: "step-id", Message: `step id has upper-case letters "BAD"`, Range: at("wf.yaml", 9, 199, 9, 202)},
		{Severity: diag.Error, Rule: "compile", Message: "step ends past the end of the file", Range: at("wf.yaml", 99, 1, 0, 0)},
		{Severity: diag.Error, Rule: "schema", Message: "line known, column unknown", Range: at("wf.yaml", 2, 0, 0, 0)},
		{Severity: diag.Error, Rule: "io", Message: "cannot read the file: permission denied", Range: diag.Range{File: "missing.yaml"}},
		{Severity: diag.Error, Rule: "syntax", Message: "file is empty; a workflow needs name and steps", Range: at("empty.yaml", 1, 1, 0, 0)},
		{Severity: diag.Warning, Rule: "odd:title,x", Message: "100% sure\r\nsecond line", Range: at("dir,1/we:ird.yaml", 2, 3, 2, 8)},
		{Severity: diag.Error, Message: "no file, no rule"},
	}
}

func rulesTable() []RuleInfo {
	return []RuleInfo{
		{ID: "schema", Severity: diag.Error, Summary: "the workflow matches the JSON Schema", Doc: "Every key and value must match the published workflow schema.", HelpURI: "https://github.com/wfc-dev/wfc/blob/main/docs/rules.md#schema"},
		{ID: "fake-join", Severity: diag.Warning, Summary: "no implicit joins"},
		{ID: "label-style", Severity: diag.Info, Summary: "labels are plain"},
	}
}

func checkGolden(t *testing.T, name string, got []byte) {
	t.Helper()
	golden.Check(t, filepath.Join("testdata", name), got)
}

func TestGolden(t *testing.T) {
	cases := []struct {
		golden string
		format Format
		opts   Options
	}{
		{"text.golden", Text, Options{Sources: readSource, Summary: true}},
		{"text_color.golden", Text, Options{Sources: readSource, Color: true}},
		{"text_oneline.golden", Text, Options{Sources: readSource, OneLine: true}},
		{"json.golden", JSON, Options{}},
		{"sarif.golden", SARIF, Options{Rules: rulesTable(), ToolVersion: "1.2.3"}},
		{"github.golden", GitHub, Options{}},
	}
	for _, c := range cases {
		t.Run(c.golden, func(t *testing.T) {
			var buf bytes.Buffer
			if err := Write(&buf, c.format, goldenDiags(), c.opts); err != nil {
				t.Fatal(err)
			}
			checkGolden(t, c.golden, buf.Bytes())
		})
	}
}

func TestNoDiagnostics(t *testing.T) {
	want := map[Format]string{Text: "", JSON: "[]\n", GitHub: ""}
	for _, f := range Formats {
		var buf bytes.Buffer
		if err := Write(&buf, f, nil, Options{Summary: true}); err != nil {
			t.Fatal(err)
		}
		if f == SARIF {
			var log sarifLog
			if err := json.Unmarshal(buf.Bytes(), &log); err != nil {
				t.Fatal(err)
			}
			if log.Runs[0].Results == nil || len(log.Runs[0].Results) != 0 || log.Runs[0].Tool.Driver.Rules == nil {
				t.Errorf("sarif without diagnostics needs empty results and rules arrays, got %s", buf.String())
			}
			continue
		}
		if buf.String() != want[f] {
			t.Errorf("%s: got %q, want %q", f, buf.String(), want[f])
		}
	}
}

// The header line of an error is exactly diag's one-line form, so text output, error
// strings and problem matchers agree.
func TestTextHeaderMatchesDiagError(t *testing.T) {
	for _, d := range goldenDiags() {
		if d.Severity != diag.Error {
			continue
		}
		var buf bytes.Buffer
		if err := Write(&buf, Text, diag.List{d}, Options{OneLine: true}); err != nil {
			t.Fatal(err)
		}
		if got, want := buf.String(), sanitize(d.Error())+"\n"; got != want {
			t.Errorf("got %q, want %q", got, want)
		}
	}
}

func TestSummary(t *testing.T) {
	cases := []struct {
		sevs []diag.Severity
		want string
	}{
		{[]diag.Severity{diag.Error}, "1 error"},
		{[]diag.Severity{diag.Warning, diag.Warning}, "2 warnings"},
		{[]diag.Severity{diag.Error, diag.Error, diag.Error, diag.Warning}, "3 errors, 1 warning"},
		{[]diag.Severity{diag.Info, 0}, "1 error, 1 info"}, // an unclassified diagnostic counts as an error
	}
	for _, c := range cases {
		var l diag.List
		for _, s := range c.sevs {
			l = append(l, diag.Diagnostic{Severity: s, Message: "m"})
		}
		if got := summary(l); got != c.want {
			t.Errorf("summary(%v) = %q, want %q", c.sevs, got, c.want)
		}
	}
}

func TestParseFormat(t *testing.T) {
	for _, f := range Formats {
		got, err := ParseFormat(strings.ToUpper(string(f)))
		if err != nil || got != f {
			t.Errorf("ParseFormat(%q) = %q, %v", f, got, err)
		}
	}
	_, err := ParseFormat("xml")
	if err == nil || err.Error() != `unknown format "xml"; use text, json, sarif or github` {
		t.Errorf("ParseFormat(xml) error = %v", err)
	}
	if err := Write(&bytes.Buffer{}, "xml", nil, Options{}); err == nil {
		t.Error("Write accepted an unknown format")
	}
}

func TestGitHubEscaping(t *testing.T) {
	if got, want := escapeData("50% done\r\nnext: a,b"), "50%25 done%0D%0Anext: a,b"; got != want {
		t.Errorf("escapeData = %q, want %q", got, want)
	}
	if got, want := escapeProperty("C:\\a,b%\n"), "C%3A\\a%2Cb%25%0A"; got != want {
		t.Errorf("escapeProperty = %q, want %q", got, want)
	}
}

func TestArtifactURI(t *testing.T) {
	base := t.TempDir()
	cases := []struct {
		file, base, uri, baseID string
	}{
		{"workflows/a.yaml", "", "workflows/a.yaml", "%SRCROOT%"},
		{"./workflows/../b c.yaml", "", "b%20c.yaml", "%SRCROOT%"},
		{"x:y.yaml", "", "x%3Ay.yaml", "%SRCROOT%"},
		{filepath.Join(base, "sub", "w.yaml"), base, "sub/w.yaml", "%SRCROOT%"},
		{"/elsewhere/w.yaml", base, "file:///elsewhere/w.yaml", ""},
	}
	for _, c := range cases {
		uri, id := artifactURI(c.file, c.base)
		if uri != c.uri || id != c.baseID {
			t.Errorf("artifactURI(%q, %q) = %q, %q; want %q, %q", c.file, c.base, uri, id, c.uri, c.baseID)
		}
	}
}
