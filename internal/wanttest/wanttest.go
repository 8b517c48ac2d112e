// Package wanttest checks lint diagnostics against the expectations a YAML test file writes
// in comments, analysistest style: `# want "REGEXP" ...` on a line says a diagnostic whose
// message matches each REGEXP (a Go string literal) must be reported on that line. Every
// diagnostic must be wanted and every want met. lint's rules and the rules targets
// contribute (target/dataworks/rules) are tested this way.
package wanttest

import (
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"unicode"

	"github.com/wfc-dev/wfc/diag"
	"github.com/wfc-dev/wfc/workflow"
)

// Want is one expected diagnostic.
type Want struct {
	Line int
	Re   *regexp.Regexp
	met  bool
}

var wantComment = regexp.MustCompile(`\s#\s*want\s+(.*)$`)

// Parse reads the `# want "re" ...` comments of src.
func Parse(t testing.TB, src []byte) []*Want {
	t.Helper()
	var out []*Want
	for i, line := range strings.Split(string(src), "\n") {
		m := wantComment.FindStringSubmatch(line)
		if m == nil {
			continue
		}
		rest := strings.TrimSpace(m[1])
		for rest != "" {
			lit, err := strconv.QuotedPrefix(rest)
			if err != nil {
				t.Fatalf("line %d: bad # want: %v", i+1, err)
			}
			text, _ := strconv.Unquote(lit)
			out = append(out, &Want{Line: i + 1, Re: regexp.MustCompile(text)})
			rest = strings.TrimSpace(rest[len(lit):])
		}
	}
	return out
}

// Check fails t for each diagnostic no want of its line matches and each want no diagnostic
// met. A file named ok*.yaml must have no wants.
func Check(t testing.TB, file string, src []byte, diags diag.List) {
	t.Helper()
	wants := Parse(t, src)
	if strings.HasPrefix(filepath.Base(file), "ok") && len(wants) > 0 {
		t.Fatalf("%s is an ok file but has # want comments", file)
	}
	for _, d := range diags {
		matched := false
		for _, w := range wants {
			if !w.met && w.Line == d.Range.Start.Line && w.Re.MatchString(d.Message) {
				w.met, matched = true, true
				break
			}
		}
		if !matched {
			t.Errorf("unexpected diagnostic: %s", d.Error())
		}
	}
	for _, w := range wants {
		if !w.met {
			t.Errorf("%s:%d: no diagnostic matching %q", file, w.Line, w.Re)
		}
	}
}

// LoadWorkflow reads a test workflow file, which must load without problems.
func LoadWorkflow(t testing.TB, file string) (*workflow.Workflow, []byte) {
	t.Helper()
	src, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	w, diags := workflow.Load(file, src)
	if len(diags) > 0 || w == nil {
		t.Fatalf("test file does not load cleanly:\n%v", diags)
	}
	return w, src
}

// CheckShape holds a diagnostic of rule, whose default severity is sev, to the project's
// message rules: the rule's id and severity, a real position, a message that starts
// lower-case and does not end with a period.
func CheckShape(t testing.TB, rule string, sev diag.Severity, d diag.Diagnostic) {
	t.Helper()
	if d.Rule != rule || d.Severity != sev || !d.Range.Start.IsValid() || d.Range.File == "" {
		t.Errorf("diagnostic has rule %q severity %v at %v; want rule %q severity %v at a real position", d.Rule, d.Severity, d.Range, rule, sev)
	}
	if m := d.Message; m == "" || unicode.IsUpper([]rune(m)[0]) || strings.HasSuffix(m, ".") {
		t.Errorf("message %q must start lower-case and not end with a period", m)
	}
}

// RuleFiles lists a rule's test files, dir/RULE/*.yaml, and fails t unless there is a
// passing one (ok*.yaml) and a failing one.
func RuleFiles(t testing.TB, dir, rule string) []string {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(dir, rule, "*.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	ok := 0
	for _, file := range files {
		if strings.HasPrefix(filepath.Base(file), "ok") {
			ok++
		}
	}
	if ok == 0 || ok == len(files) {
		t.Errorf("rule %s needs a passing (ok*.yaml) and a failing test file in %s/%s; it has %d and %d", rule, dir, rule, ok, len(files)-ok)
	}
	return files
}
