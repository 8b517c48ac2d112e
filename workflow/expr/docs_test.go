package expr

import (
	"os"
	"regexp"
	"strings"
	"testing"
)

// TestDocsExamples keeps docs/expressions.md true: the quoted values in its YAML examples
// parse cleanly, and every value in the first column of its error table draws an error.
func TestDocsExamples(t *testing.T) {
	doc, err := os.ReadFile("../../docs/expressions.md")
	if err != nil {
		t.Fatal(err)
	}
	text := string(doc)
	yamlBlocks := regexp.MustCompile("(?s)```yaml\n(.*?)```").FindAllStringSubmatch(text, -1)
	good := 0
	for _, b := range yamlBlocks {
		for _, m := range regexp.MustCompile(`"([^"]*\$\{[^"]*)"`).FindAllStringSubmatch(b[1], -1) {
			good++
			if _, diags := ParseTemplate(m[1]); len(diags) > 0 {
				t.Errorf("docs example %q: %v", m[1], diags)
			}
		}
	}
	bad := 0
	for _, line := range strings.Split(text, "\n") {
		cells := strings.Split(line, "|")
		if len(cells) < 3 || !strings.Contains(cells[1], "${") || !strings.Contains(cells[2], " ") {
			continue
		}
		for _, m := range regexp.MustCompile("`([^`]*)`").FindAllStringSubmatch(cells[1], -1) {
			bad++
			if _, diags := ParseTemplate(m[1]); len(diags) == 0 || diags[0].Severity.String() != "error" {
				t.Errorf("docs error example %q parses without error", m[1])
			}
		}
	}
	if good < 6 || bad < 12 {
		t.Errorf("found %d examples and %d error examples in docs/expressions.md; the layout changed?", good, bad)
	}
}
