package lint

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/wfc-dev/wfc/catalog"
	"github.com/wfc-dev/wfc/diag"
	"github.com/wfc-dev/wfc/internal/wanttest"
	"github.com/wfc-dev/wfc/workflow"
)

// The workflow rules are tested with YAML files in testdata/workflow/RULE/, analysistest
// style (internal/wanttest): a comment `# want "REGEXP" ...` on a line says a diagnostic whose
// message matches each REGEXP must be reported on that line. Every diagnostic must be wanted
// and every want met. Files named ok*.yaml must produce nothing. Only the rule named by the
// directory runs, with testdata/workflow/catalog.json as the plugin catalog and the files of
// the directory and of testdata/workflow/callees as the Repository (the workflows linted in
// the same run, which workflow: steps may call).

const workflowTestdata = "testdata/workflow"

func TestWorkflowRules(t *testing.T) {
	cat := testCatalog(t)
	for _, r := range workflowRules {
		files := wanttest.RuleFiles(t, workflowTestdata, r.ID)
		callees, err := filepath.Glob(filepath.Join(workflowTestdata, "callees", "*.yaml"))
		if err != nil {
			t.Fatal(err)
		}
		repo := testRepository(t, append(callees, files...))
		for _, file := range files {
			t.Run(r.ID+"/"+filepath.Base(file), func(t *testing.T) {
				checkWants(t, r, file, cat, repo)
			})
		}
	}
}

func testCatalog(t *testing.T) *catalog.Catalog {
	t.Helper()
	cat, err := catalog.Load(filepath.Join(workflowTestdata, "catalog.json"))
	if err != nil {
		t.Fatal(err)
	}
	return cat
}

// loadTestWorkflow reads a test file, which must load without problems.
var loadTestWorkflow = wanttest.LoadWorkflow

// runOne runs a single rule at its default severity.
func runOne(r *Rule, file string, src []byte, w *workflow.Workflow, cat *catalog.Catalog) diag.List {
	in := &Input{File: file, Source: src, Workflow: w, Settings: Settings{Extends: All, Catalog: cat}}
	return runRules(in, []*Rule{r})
}

// testRepository indexes the test files of one rule as the driver indexes a run's files.
func testRepository(t *testing.T, files []string) *Repository {
	t.Helper()
	sigs := make([]*Signature, len(files))
	for i, file := range files {
		w, _ := loadTestWorkflow(t, file)
		sigs[i] = SignatureOf(w)
	}
	return NewRepository(sigs)
}

func checkWants(t *testing.T, r *Rule, file string, cat *catalog.Catalog, repo *Repository) {
	w, src := loadTestWorkflow(t, file)
	in := &Input{File: file, Source: src, Workflow: w, Settings: Settings{Extends: All, Catalog: cat}, Repository: repo}
	diags := runRules(in, []*Rule{r})
	for _, d := range diags {
		checkDiagnosticShape(t, r, d)
	}
	wanttest.Check(t, file, src, diags)
}

// checkDiagnosticShape holds every diagnostic to the project's message rules.
func checkDiagnosticShape(t *testing.T, r *Rule, d diag.Diagnostic) {
	t.Helper()
	wanttest.CheckShape(t, r.ID, r.Severity, d)
}

// TestWorkflowRuleMetadata checks what docs and config rely on: unique kebab-case ids that do
// not clash with the BPMN rules, a summary and a doc, a severity and the workflow scope.
func TestWorkflowRuleMetadata(t *testing.T) {
	kebab := regexp.MustCompile(`^[a-z]+(-[a-z]+)*$`)
	seen := make(map[string]bool)
	for _, r := range Rules() {
		if seen[r.ID] {
			t.Errorf("rule id %q is used twice", r.ID)
		}
		seen[r.ID] = true
	}
	for _, r := range workflowRules {
		if !kebab.MatchString(r.ID) || r.Scope != ScopeWorkflow || r.Check == nil || r.Summary == "" || len(r.Doc) < 80 {
			t.Errorf("rule %q: bad id, scope, check, summary or doc", r.ID)
		}
		if r.Severity != diag.Error && r.Severity != diag.Warning && r.Severity != diag.Info {
			t.Errorf("rule %q has no severity", r.ID)
		}
		if Lookup(r.ID) != r {
			t.Errorf("rule %q is not in Rules()", r.ID)
		}
	}
}

// TestCatalogRulesNeedCatalog: without a catalog the action rules stay silent even on a file
// full of unknown actions.
func TestCatalogRulesNeedCatalog(t *testing.T) {
	file := filepath.Join(workflowTestdata, "unknown-action", "unknown.yaml")
	w, src := loadTestWorkflow(t, file)
	for _, r := range []*Rule{wfUnknownAction, wfMissingActionInput, wfUnknownActionInput, wfUnknownOutputField} {
		if got := runOne(r, file, src, w, nil); len(got) > 0 {
			t.Errorf("%s without a catalog reported:\n%v", r.ID, got)
		}
	}
	if got := runOne(wfUnknownAction, file, src, w, testCatalog(t)); len(got) == 0 {
		t.Error("unknown-action with the catalog reported nothing on unknown.yaml")
	}
	// A catalog with null entries (JSON null in a list) must not crash the rules.
	holey := &catalog.Catalog{Plugins: []*catalog.Plugin{{Name: "threatbook", Actions: []*catalog.Action{
		nil, {Name: "ip_reputation", Inputs: []*catalog.Input{nil, {Name: "ip", Required: true}}},
	}}}}
	for _, r := range []*Rule{wfUnknownAction, wfMissingActionInput, wfUnknownActionInput, wfUnknownOutputField} {
		runOne(r, file, src, w, holey)
	}
	// Without a catalog, a reference to a misspelt output is not reported.
	file = filepath.Join(workflowTestdata, "unknown-output-field", "bad.yaml")
	w, src = loadTestWorkflow(t, file)
	if got := runOne(wfUnknownOutputField, file, src, w, nil); len(got) > 0 {
		t.Errorf("unknown-output-field without a catalog reported:\n%v", got)
	}
}

// TestExamplesHaveNoWorkflowErrors: the bundled examples pass every workflow rule at error
// severity (skipped until the examples exist).
func TestExamplesHaveNoWorkflowErrors(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join("..", "examples", "*.yaml"))
	more, _ := filepath.Glob(filepath.Join("..", "examples", "*", "*.yaml"))
	files = append(files, more...)
	if len(files) == 0 {
		t.Skip("no examples yet")
	}
	for _, file := range files {
		src, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		w, diags := workflow.Load(file, src)
		if w == nil {
			t.Errorf("%s does not load:\n%v", file, diags)
			continue
		}
		in := &Input{File: file, Source: src, Workflow: w, Settings: Settings{Extends: All}}
		for _, d := range runRules(in, workflowRules) {
			if d.Severity == diag.Error {
				t.Errorf("%s", d.Error())
			}
		}
	}
}

// TestReferenceDiagnosticsPointAtTheReference: reference problems are reported at the
// reference inside the string, not at the start of the value.
func TestReferenceDiagnosticsPointAtTheReference(t *testing.T) {
	for _, r := range []*Rule{wfUnknownReference, wfOutputBeforeRun} {
		files, _ := filepath.Glob(filepath.Join(workflowTestdata, r.ID, "*.yaml"))
		count := 0
		for _, file := range files {
			w, src := loadTestWorkflow(t, file)
			lines := strings.Split(string(src), "\n")
			for _, d := range runOne(r, file, src, w, nil) {
				count++
				line := []rune(lines[d.Range.Start.Line-1])
				at := string(line[min(d.Range.Start.Column-1, len(line)):])
				if !strings.HasPrefix(at, "steps.") && !strings.HasPrefix(at, "inputs.") {
					t.Errorf("%s: points at %q, not at a reference", d.Error(), at)
				}
			}
		}
		if count == 0 {
			t.Errorf("%s: no diagnostics to check", r.ID)
		}
	}
}

// TestOutputFieldDiagnosticsPointAtTheField: an unknown output field is reported at the
// field inside the string (its name, or its quoted index), not at the reference's start.
func TestOutputFieldDiagnosticsPointAtTheField(t *testing.T) {
	file := filepath.Join(workflowTestdata, "unknown-output-field", "bad.yaml")
	w, src := loadTestWorkflow(t, file)
	lines := strings.Split(string(src), "\n")
	named := regexp.MustCompile(`has no (?:output|field) "([^"]*)"`)
	got := runOne(wfUnknownOutputField, file, src, w, testCatalog(t))
	if len(got) == 0 {
		t.Fatal("no diagnostics to check")
	}
	for _, d := range got {
		field := named.FindStringSubmatch(d.Message)[1]
		line := []rune(lines[d.Range.Start.Line-1])
		at := string(line[min(d.Range.Start.Column-1, len(line)):])
		width := d.Range.End.Column - d.Range.Start.Column
		if !strings.HasPrefix(at, field) && !strings.HasPrefix(at, "'"+field+"'") || width != len(field) && width != len(field)+2 {
			t.Errorf("%s: points at %q (%d columns), not at the field %q", d.Error(), at, width, field)
		}
	}
}

// TestWorkflowRulesOnBrokenInput: a workflow the schema rejects still loads partly; the rules
// must work on whatever part there is, without panicking.
func TestWorkflowRulesOnBrokenInput(t *testing.T) {
	broken := []string{
		"wfc: 1\nsteps: 5\n",
		"wfc: 1\nname: x\ndescription: ''\nsteps:\n  - {}\n  - id: a\n  - id: a\n    next: a\n",
		"wfc: 1\nname: x\ndescription: ''\nsteps:\n  - id: s\n    switch: 3\n    default: [1]\n  - id: p\n    parallel: [{}, {steps: 1}, {steps: [{id: q, approval: 7}]}]\n",
		"wfc: 1\nname: x\ndescription: ''\ninputs: [{}, {name: 3}]\noutputs: [{value: '${steps..output}'}]\nsteps:\n  - id: a\n    action: /\n    with: [1, 2]\n    approval: {}\n",
		"wfc: 1\nname: x\ndescription: ''\nsteps:\n  - id: a\n    action: p/a\n    with: {k: &x {password: [*x]}}\n",
		"wfc: 1\nname: x\ndescription: ''\nsteps:\n  - id: a\n    switch:\n      - when: \"${\" \n        next: a\n      - when: \"${'}\"\n        next: end\n",
	}
	for i, src := range broken {
		file := fmt.Sprintf("broken%d.yaml", i)
		w, _ := workflow.Load(file, []byte(src))
		if w == nil {
			continue
		}
		in := &Input{File: file, Source: []byte(src), Workflow: w, Settings: Settings{Extends: All, Catalog: testCatalog(t)}}
		for _, d := range runRules(in, workflowRules) {
			checkDiagnosticShape(t, Lookup(d.Rule), d)
		}
	}
}

// TestReadmeCountsTheWorkflowRules keeps the README's count of workflow rules true.
func TestReadmeCountsTheWorkflowRules(t *testing.T) {
	readme, err := os.ReadFile(filepath.Join("..", "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile(`and (\d+)\s+workflow rules bpmnlint cannot have`).FindSubmatch(readme)
	if m == nil {
		t.Fatal("README.md no longer says how many workflow rules there are (\"and N workflow rules bpmnlint cannot have\")")
	}
	if n, _ := strconv.Atoi(string(m[1])); n != len(workflowRules) {
		t.Errorf("README.md counts %d workflow rules; there are %d", n, len(workflowRules))
	}
}
