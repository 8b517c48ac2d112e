package report

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/wfc-dev/wfc/diag"
)

// The GitHub problem matcher docs/ci.md tells users to add, read from the repository.
var matcherFile = filepath.Join("..", ".github", "wfc-matcher.json")

type problemMatcher struct {
	Owner    string `json:"owner"`
	Severity string `json:"severity"`
	Pattern  []struct {
		Regexp   string `json:"regexp"`
		File     int    `json:"file"`
		Line     int    `json:"line"`
		Column   int    `json:"column"`
		Severity int    `json:"severity"`
		Message  int    `json:"message"`
		Code     int    `json:"code"`
	} `json:"pattern"`
}

// annotation is what the Actions runner makes of a matched line.
type annotation struct {
	Severity, File, Line, Column, Message, Code string
}

// Syntax that Go's regexp accepts but the runner's engine (.NET, whose matchers are written for
// JavaScript's) reads differently or refuses; the matcher keeps to the subset both agree on.
// Go itself refuses lookaround and backreferences.
var notECMAScript = regexp.MustCompile(`\(\?[^:]|\\[AzQEpPC]|\[\[:`)

func loadMatchers(t *testing.T) ([]problemMatcher, []*regexp.Regexp) {
	t.Helper()
	data, err := os.ReadFile(matcherFile)
	if err != nil {
		t.Fatal(err)
	}
	var file struct {
		ProblemMatcher []problemMatcher `json:"problemMatcher"`
	}
	if err := json.Unmarshal(data, &file); err != nil {
		t.Fatalf("%s: %v", matcherFile, err)
	}
	var res []*regexp.Regexp
	for _, m := range file.ProblemMatcher {
		if len(m.Pattern) != 1 {
			t.Fatalf("matcher %s: %d patterns; wfc's text output needs one line per problem", m.Owner, len(m.Pattern))
		}
		expr := m.Pattern[0].Regexp
		if bad := notECMAScript.FindString(expr); bad != "" {
			t.Fatalf("matcher %s: %q is not in the ECMAScript subset the runner shares with Go", m.Owner, bad)
		}
		re, err := regexp.Compile(expr)
		if err != nil {
			t.Fatalf("matcher %s: %v", m.Owner, err)
		}
		res = append(res, re)
	}
	return file.ProblemMatcher, res
}

// annotate does what the Actions runner does with one output line: the first matcher, in
// order, whose match has a message and a severity it knows (error, warning, notice; an empty
// severity group means the matcher's default) makes the annotation.
func annotate(ms []problemMatcher, res []*regexp.Regexp, line string) (annotation, bool) {
	for i, m := range ms {
		g := res[i].FindStringSubmatch(line)
		if g == nil {
			continue
		}
		p := m.Pattern[0]
		group := func(n int) string {
			if n == 0 {
				return ""
			}
			return g[n]
		}
		sev := group(p.Severity)
		if sev == "" {
			sev = m.Severity
		}
		if sev == "" {
			sev = "error"
		}
		if !slices.Contains([]string{"error", "warning", "notice"}, sev) || strings.TrimSpace(group(p.Message)) == "" {
			continue // the runner skips the line for this matcher and tries the next
		}
		return annotation{sev, group(p.File), group(p.Line), group(p.Column), group(p.Message), group(p.Code)}, true
	}
	return annotation{}, false
}

// matcherDiags are problems as lint reports them, including the "… and N more" line Cap
// leaves, and the annotation each must become; nil for the ones the matcher cannot place.
func matcherDiags() (diag.List, []*annotation) {
	l := diag.List{
		{Severity: diag.Error, Rule: "schema", Message: `unknown key "acton"; did you mean "action"?`, Range: at("wf.yaml", 3, 5, 3, 10)},
		{Severity: diag.Warning, Rule: "label-required", Message: "step has no name", Range: at("wf.yaml", 7, 3, 7, 9)},
		{Severity: diag.Info, Rule: "unused-input", Message: `input "host" is never used`, Range: at("wf.yaml", 5, 5, 5, 9)},
		{Severity: diag.Error, Rule: "unknown-reference", Message: `unknown input "src_ip" in with.ip; declare it under inputs`, Range: at("wf.yaml", 9, 20, 9, 33)},
		{Severity: diag.Warning, Rule: "secret-in-with", Message: `with.list "[a] [b]" looks like a Slack webhook URL; warning: move it to a secret`, Range: at("wf.yaml", 12, 7, 12, 9)},
		{Severity: diag.Error, Rule: "step-id", Message: "步骤 id 通知 is not ASCII", Range: at("工作流/通知 流程.yaml", 2, 9, 2, 11)},
		{Severity: diag.Error, Rule: "syntax", Message: "tab character; YAML indents with spaces", Range: at("C:/repo/dir:1/wf.yaml", 4, 1, 4, 2)},
		{Severity: diag.Warning, Rule: "fake-join", Message: "element has 2 incoming flows", Range: diag.Range{File: "tf.json"}, Element: "Task_1"},
	}
	ann := []*annotation{
		{"error", "wf.yaml", "3", "5", `unknown key "acton"; did you mean "action"?`, "schema"},
		{"warning", "wf.yaml", "7", "3", "step has no name", "label-required"},
		{"warning", "wf.yaml", "5", "5", `input "host" is never used`, "unused-input"},
		{"error", "wf.yaml", "9", "20", `unknown input "src_ip" in with.ip; declare it under inputs`, "unknown-reference"},
		{"warning", "wf.yaml", "12", "7", `with.list "[a] [b]" looks like a Slack webhook URL; warning: move it to a secret`, "secret-in-with"},
		{"error", "工作流/通知 流程.yaml", "2", "9", "步骤 id 通知 is not ASCII", "step-id"},
		{"error", "C:/repo/dir:1/wf.yaml", "4", "1", "tab character; YAML indents with spaces", "syntax"},
		nil, // no line: the element id is in the message, but there is nothing to place
	}
	// A rule over its cap leaves one "… and N more" line at its last problem shown.
	many := diag.List{
		{Severity: diag.Warning, Rule: "label-required", Message: "step has no name", Range: at("big.yaml", 3, 3, 3, 4)},
		{Severity: diag.Warning, Rule: "label-required", Message: "step has no name", Range: at("big.yaml", 4, 3, 4, 4)},
		{Severity: diag.Warning, Rule: "label-required", Message: "step has no name", Range: at("big.yaml", 5, 3, 5, 4)},
	}.Cap(diag.Limits{PerRule: 1, PerFile: 10})
	l = append(l, many...)
	ann = append(ann,
		&annotation{"warning", "big.yaml", "3", "3", "step has no name", "label-required"},
		&annotation{"warning", "big.yaml", "3", "3", "… and 2 more not shown; wfc lists at most 1 per rule and 10 per file", "label-required"})
	return l, ann
}

// byPlace compares annotations as a set: the text format sorts problems by file and position.
var byPlace = cmpopts.SortSlices(func(a, b annotation) bool {
	return strings.Join([]string{a.File, a.Line, a.Column, a.Code, a.Message}, "\x00") <
		strings.Join([]string{b.File, b.Line, b.Column, b.Code, b.Message}, "\x00")
})

// TestProblemMatcher runs the matcher's regular expressions over the text format's real
// output, plain and coloured, and wants every placed problem annotated once, at its file,
// line and column, with its message, rule and severity (info as a warning), and nothing
// else annotated: not the source snippets, details or the summary. The runner tries
// matchers in the order it holds them, so both orders must give the same annotations.
func TestProblemMatcher(t *testing.T) {
	ms, res := loadMatchers(t)
	diags, want := matcherDiags()
	var wantAll []annotation
	for _, a := range want {
		if a != nil {
			wantAll = append(wantAll, *a)
		}
	}
	sources := func(string) ([]byte, bool) { // every line a snippet can show
		var b strings.Builder
		for i := 1; i <= 12; i++ {
			b.WriteString("  - id: s" + strconv.Itoa(i) + "  # see wf.yaml:1:2: x [y]\n")
		}
		return []byte(b.String()), true
	}
	for _, color := range []bool{false, true} {
		var out bytes.Buffer
		opts := Options{Sources: sources, Color: color, Summary: true}
		if err := Write(&out, Text, diags, opts); err != nil {
			t.Fatal(err)
		}
		for _, reversed := range []bool{false, true} {
			ms, res := slices.Clone(ms), slices.Clone(res)
			if reversed {
				slices.Reverse(ms)
				slices.Reverse(res)
			}
			var got []annotation
			for _, line := range strings.Split(out.String(), "\n") {
				if a, ok := annotate(ms, res, line); ok {
					got = append(got, a)
				}
			}
			if diff := cmp.Diff(wantAll, got, byPlace); diff != "" {
				t.Errorf("color %v, matchers reversed %v: annotations (-want +got):\n%s\noutput:\n%s", color, reversed, diff, out.String())
			}
		}
	}
}
