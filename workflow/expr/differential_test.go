package expr_test

import (
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/txtar"
	"gopkg.in/yaml.v3"

	"github.com/wfc-dev/wfc/diag"
	"github.com/wfc-dev/wfc/workflow"
	"github.com/wfc-dev/wfc/workflow/expr"
)

// knownDifferences are values where the new parser finds other references than the old
// scanner (oldscanner_test.go, what workflow.Expressions was before it used this package), each with the reason the new answer is the right one. The
// repository's YAML has none today; these values are added to it so that the differences
// stay pinned.
var knownDifferences = map[string]struct{ old, new, why string }{
	"${inputs.count-1}": {"inputs:count-1", "inputs:count",
		"JUEL reads - as subtraction (names are Java identifiers); input names cannot contain - either"},
	"${steps.a.output['risk level']}": {"steps:a.output", "steps:a.output.risk level",
		"a string index names a field as . does; the old scanner stopped at ["},
	"${steps.enrich.output.location.country} ${steps.enrich.output['risk level']}": {
		"steps:enrich.output.location.country steps:enrich.output", "steps:enrich.output.location.country steps:enrich.output.risk level",
		"the same: a string index names a field (unknown-output-field checks it)"},
	"${steps.enrich.output['location']['contry']}": {"steps:enrich.output", "steps:enrich.output.location.contry",
		"the same, for two string indexes in a row"},
	"${inputs['ip']}": {"", "inputs:ip", "the same: inputs['ip'] is inputs.ip"},
	"${steps.a.output.list.size() > 0}": {"steps:a.output.list.size", "steps:a.output.list",
		"size is a method called on the field, not a field of it"},
	"#{inputs.ip}": {"", "inputs:ip", "#{...} is an expression too (a deferred one) and Flowable evaluates it"},
	`${'it\'s' == inputs.a}`: {"", "inputs:a",
		"the old scanner ended the string at the escaped quote, read ' == inputs.a} as an unterminated string and missed the reference"},
}

// TestReferencesMatchTheOldScanner compares the references in every string of the YAML in
// examples/, lint/testdata and target/secmaster/testdata with the old scanner's, and checks that
// workflow.Expressions, now built on this package, lists the parser's.
func TestReferencesMatchTheOldScanner(t *testing.T) {
	values := repositoryValues(t)
	if len(values) < 50+len(knownDifferences) {
		t.Fatalf("found only %d values with ${ in the repository's YAML; the corpus moved?", len(values))
	}
	seen := map[string]bool{}
	for _, v := range values {
		old := oldRefs(v)
		tp, diags := expr.ParseTemplate(v)
		if _, known := knownDifferences[v]; hasError(diags) && !known {
			continue // a deliberately broken value: no rule judges its references
		}
		refs := tp.Refs()
		for _, r := range refs {
			if v[r.Start:r.End] != r.Text {
				t.Errorf("%q: ref %q placed at %d-%d, which holds %q", v, r.Text, r.Start, r.End, v[r.Start:r.End])
			}
		}
		got := newRefs(refs)
		if viaWorkflow := workflowRefs(v); viaWorkflow != got {
			t.Errorf("%q: workflow.Expressions lists %s, the parser %s", v, viaWorkflow, got)
		}
		if want, ok := knownDifferences[v]; ok {
			seen[v] = true
			if old != want.old || got != want.new {
				t.Errorf("%q: known difference changed:\n old %s (want %s)\n new %s (want %s)", v, old, want.old, got, want.new)
			}
			continue
		}
		if got != old {
			t.Errorf("%q:\n old scanner %s\n new parser  %s", v, old, got)
		}
	}
	for v := range knownDifferences {
		if !seen[v] {
			t.Errorf("known difference %q no longer occurs in the repository's YAML; remove it", v)
		}
	}
}

func hasError(diags []expr.Diagnostic) bool {
	for _, d := range diags {
		if d.Severity == diag.Error {
			return true
		}
	}
	return false
}

func oldRefs(v string) string {
	var out []string
	roots, paths := oldScannerRefs(v)
	for i, root := range roots {
		out = append(out, root+":"+strings.Join(paths[i], "."))
	}
	return strings.Join(out, " ")
}

func workflowRefs(v string) string {
	var out []string
	for _, e := range workflow.Expressions(workflow.String{Value: v}) {
		for _, r := range e.Refs {
			out = append(out, r.Root+":"+strings.Join(r.Path, "."))
		}
	}
	return strings.Join(out, " ")
}

func newRefs(refs []expr.Ref) string {
	var out []string
	for _, r := range refs {
		out = append(out, r.Root+":"+strings.Join(r.Path, "."))
	}
	return strings.Join(out, " ")
}

// repositoryValues collects the distinct string scalars holding ${ from the repository's
// YAML files and the YAML files inside its txtar archives, in a stable order.
func repositoryValues(t *testing.T) []string {
	set := map[string]bool{}
	for _, dir := range []string{"../../examples", "../../lint/testdata", "../../target/secmaster/testdata"} {
		err := filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			data, err := os.ReadFile(path)
			if err != nil {
				return err
			}
			switch filepath.Ext(path) {
			case ".yaml", ".yml":
				collect(data, set)
			case ".txtar":
				for _, f := range txtar.Parse(data).Files {
					if strings.HasSuffix(f.Name, ".yaml") || strings.HasSuffix(f.Name, ".yml") {
						collect(f.Data, set)
					}
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	for v := range knownDifferences {
		set[v] = true
	}
	var out []string
	for v := range set {
		out = append(out, v)
	}
	sort.Strings(out)
	return out
}

func collect(data []byte, set map[string]bool) {
	var doc yaml.Node
	if yaml.Unmarshal(data, &doc) != nil {
		return // a deliberately broken file: nothing to compare
	}
	var walk func(n *yaml.Node)
	walk = func(n *yaml.Node) {
		if n.Kind == yaml.ScalarNode && strings.Contains(n.Value, "${") {
			set[n.Value] = true
		}
		for _, c := range n.Content {
			walk(c)
		}
	}
	walk(&doc)
}
