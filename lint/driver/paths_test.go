package driver

import (
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/wfc-dev/wfc/bpmn"
	"github.com/wfc-dev/wfc/diag"
	"github.com/wfc-dev/wfc/lint"
)

func writeTree(t *testing.T, root string, files map[string]string) {
	t.Helper()
	for name, body := range files {
		p := filepath.Join(root, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// fixtureTaskflow is the bpmnlint fake-join fixture as a base64 taskflow.
func fixtureTaskflow(t *testing.T) string {
	t.Helper()
	doc, err := bpmn.DecodeXML(readTestdata(t, "fake-join__invalid-task.bpmn"))
	if err != nil {
		t.Fatal(err)
	}
	tf, err := bpmn.EncodeTaskflow(doc)
	if err != nil {
		t.Fatal(err)
	}
	return tf
}

func TestFileExportNamesEachWorkflow(t *testing.T) {
	tf := fixtureTaskflow(t)
	export, err := json.Marshal([]map[string]any{
		{"name": "Phish", "versions": []map[string]string{{"name": "v1", "taskflow": tf, "taskconfig": "{}"}}},
		{"name": "Block", "versions": []map[string]string{{"name": "v2", "taskflow": "not base64!", "taskconfig": "{}"}}},
	})
	if err != nil {
		t.Fatal(err)
	}
	diags := mustFile(t, "export.json", export, lint.Settings{})
	var phish, block int
	for _, d := range diags {
		switch {
		case strings.HasPrefix(d.Message, `workflow "Phish" version "v1": `):
			phish++
			if d.Element == "" {
				t.Errorf("%s: no element id", d.Error())
			}
		case strings.HasPrefix(d.Message, `workflow "Block" version "v2": taskflow: `) && d.Rule == diag.RuleSyntax:
			block++
		default:
			t.Errorf("unexpected %s", d.Error())
		}
	}
	// The fixture has 9 problems under the recommended rules (see TestFileBPMN's file).
	direct := mustFile(t, "x.bpmn", readTestdata(t, "fake-join__invalid-task.bpmn"), lint.Settings{})
	if phish != len(direct) || block != 1 {
		t.Errorf("got %d problems for Phish (want %d, as for the .bpmn) and %d for Block (want 1)", phish, len(direct), block)
	}
}

func TestFileTaskflowForms(t *testing.T) {
	tf := fixtureTaskflow(t)
	for name, src := range map[string]string{
		"request.json": `{"name":"x","taskflow":"` + tf + `"}`,
		"taskflow.txt": tf,
	} {
		diags := mustFile(t, name, []byte(src), lint.Settings{})
		if !strings.Contains(summarize(diags), "fake-join Element") {
			t.Errorf("%s: fake-join not reported:\n%s", name, summarize(diags))
		}
	}
}

const cleanWorkflow = "wfc: 1\nname: ok\ndescription: \"\"\nsteps:\n  - id: a\n    action: p/a\n"
const badWorkflow = "wfc: 1\nname: bad\ndescription: \"\"\nsteps:\n  - id: a\n    action: p/a\n    next: end\n  - id: b\n    action: p/b\n"

// The walk lints workflows, BPMN and taskflow JSON, and skips what is not a workflow:
// hidden directories, dependencies, other YAML, other XML and JSON.
func TestPathsWalkSkipsWhatIsNotAWorkflow(t *testing.T) {
	root := t.TempDir()
	fixture := string(readTestdata(t, "fake-join__invalid-task.bpmn"))
	writeTree(t, root, map[string]string{
		"a.yaml":                      badWorkflow,
		"clean.yml":                   cleanWorkflow,
		"nested/deep/b.yaml":          badWorkflow,
		"nested/diagram.bpmn":         fixture,
		"nested/diagram.xml":          fixture,
		"nested/request.json":         `{"taskflow":"` + fixtureTaskflow(t) + `"}`,
		"wfc.yaml":                    "lint:\n  extends: all\n",
		".pre-commit-hooks.yaml":      "- id: x\n  steps: 1\n",
		".github/workflows/ci.yaml":   badWorkflow, // hidden directory
		"node_modules/m/flow.yaml":    badWorkflow,
		"vendor/v/flow.yaml":          badWorkflow,
		"gh.yaml":                     "on: push\njobs:\n  a:\n    steps: []\n",
		"package.json":                `{"name": "x"}`,
		"pom.xml":                     "<project/>",
		"notes.txt":                   "steps:\n",
		"nested/empty-but-named.yaml": "",
	})
	diags, _, err := Paths([]string{root}, lint.Settings{})
	if err != nil {
		t.Fatal(err)
	}
	files := map[string]bool{}
	var order []string
	for _, d := range diags {
		rel, _ := filepath.Rel(root, d.Range.File)
		rel = filepath.ToSlash(rel)
		if !files[rel] {
			files[rel] = true
			order = append(order, rel)
		}
	}
	want := []string{"a.yaml", "nested/deep/b.yaml", "nested/diagram.bpmn", "nested/diagram.xml", "nested/request.json"}
	if !reflect.DeepEqual(order, want) {
		t.Errorf("files with problems, in output order:\n got %v\nwant %v", order, want)
	}
}

// Named files are linted whatever their extension, except YAML that is not a workflow (hooks
// pass every staged YAML file); a directory and a file in it are linted once.
func TestPathsNamedFiles(t *testing.T) {
	root := t.TempDir()
	writeTree(t, root, map[string]string{
		"a.yaml":  badWorkflow,
		"gh.yaml": "on: push\n",
		"pom.xml": "<project/>",
	})
	a := filepath.Join(root, "a.yaml")
	diags, _, err := Paths([]string{a, filepath.Join(root, "gh.yaml"), filepath.Join(root, "pom.xml"), root, a}, lint.Settings{})
	if err != nil {
		t.Fatal(err)
	}
	got := summarize(diags)
	want := "a.yaml:8:9 error unreachable-step\npom.xml:1:1 error syntax\n"
	if got != want {
		t.Errorf("got:\n%swant:\n%s", got, want)
	}
}

func TestPathsReportsUnreadableAndGoesOn(t *testing.T) {
	root := t.TempDir()
	writeTree(t, root, map[string]string{"a.yaml": badWorkflow})
	missing := filepath.Join(root, "missing.yaml")
	diags, _, err := Paths([]string{missing, root}, lint.Settings{})
	if err == nil || !strings.Contains(err.Error(), "cannot read "+missing+": no such file or directory") {
		t.Errorf("err = %v, want one naming %s", err, missing)
	}
	if len(diags) != 1 || diags[0].Rule != "unreachable-step" {
		t.Errorf("the readable file was not linted: %v", diags)
	}
}

// Parallel linting gives exactly what linting each file alone gives, in the same order on
// every run.
func TestPathsMatchesFileByFile(t *testing.T) {
	root := t.TempDir()
	files := map[string]string{}
	var names []string
	for i := range 40 {
		name := filepath.Join("d", string(rune('a'+i%26))+strings.Repeat("x", i/26)+".yaml")
		src := genWorkflow(i, 30)
		if i%3 == 0 {
			src = strings.Replace(src, "inputs:\n", "inputs:\n  - name: never_used\n", 1)
		}
		files[name] = src
		names = append(names, name)
	}
	writeTree(t, root, files)
	var want diag.List
	for _, name := range names {
		p := filepath.Join(root, name)
		d, err := File(p, []byte(files[name]), lint.Settings{})
		if err != nil {
			t.Fatal(err)
		}
		want = append(want, d...)
	}
	want.Sort()
	if len(want) == 0 {
		t.Fatal("the generated workflows have no problems to compare")
	}
	for range 3 {
		got, _, err := Paths([]string{root}, lint.Settings{})
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("Paths differs from File one by one:\n got %s\nwant %s", got.Error(), want.Error())
		}
	}
}

// Whether a YAML file is a workflow is decided by parsing it: a flow-style workflow is linted,
// a file that does not decode is reported (in a walk and when named), and YAML that decodes
// without a top-level wfc key (Azure Pipelines, Cloud Build: steps alone) is skipped.
func TestPathsDecideByParsing(t *testing.T) {
	root := t.TempDir()
	writeTree(t, root, map[string]string{
		"flow.yaml":           "{wfc: 1, name: F, description: '', steps: [{id: a, action: p/a, next: end}, {id: b, action: p/b}]}\n",
		"utf16.yaml":          "\xff\xfew\x00f\x00c\x00:\x00 \x001\x00\n\x00",
		"binary.yaml":         "\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00",
		"broken.yml":          "{wfc: 1, name: x, steps: [\n",
		"azure-pipelines.yml": "trigger:\n  - main\nsteps:\n  - script: make\n",
		"cloudbuild.yaml":     "steps:\n  - name: gcr.io/cloud-builders/go\n",
	})
	diags, sum, err := Paths([]string{root}, lint.Settings{})
	if err != nil {
		t.Fatal(err)
	}
	got := summarize(diags)
	want := "binary.yaml:1:1 error syntax\nbroken.yml:1:1 error syntax\nflow.yaml:1:82 error unreachable-step\nutf16.yaml:0:0 error syntax\n"
	if got != want {
		t.Errorf("got:\n%swant:\n%s", got, want)
	}
	if sum != (Summary{Checked: 4, Skipped: 2}) {
		t.Errorf("summary %+v, want 4 checked and 2 skipped", sum)
	}
	// Named, the same files get the same verdicts: what a hook passes is judged as in a walk.
	var named []string
	for _, n := range []string{"flow.yaml", "utf16.yaml", "binary.yaml", "broken.yml", "azure-pipelines.yml", "cloudbuild.yaml"} {
		named = append(named, filepath.Join(root, n))
	}
	diags, sum, err = Paths(named, lint.Settings{})
	if err != nil || summarize(diags) != want || sum != (Summary{Checked: 4, Skipped: 2}) {
		t.Errorf("named: err %v, summary %+v, got:\n%s", err, sum, summarize(diags))
	}
}

// A directory that yields nothing to lint is an error, since exit 0 would pass CI on a wrong
// path; a named file that is not a workflow is not (a hook passes every staged YAML file).
func TestPathsDirectoryWithNothingToLint(t *testing.T) {
	root := t.TempDir()
	writeTree(t, root, map[string]string{
		"ci/azure-pipelines.yml": "steps:\n  - script: make\n",
		"ci/package.json":        `{"name": "x"}`,
		"flows/ok.yaml":          cleanWorkflow,
		"hidden/.git/flow.yaml":  cleanWorkflow,
	})
	if err := os.Mkdir(filepath.Join(root, "empty"), 0o755); err != nil {
		t.Fatal(err)
	}
	ci, empty, hidden := filepath.Join(root, "ci"), filepath.Join(root, "empty"), filepath.Join(root, "hidden")
	diags, sum, err := Paths([]string{ci, empty, hidden, filepath.Join(root, "flows"), filepath.Join(ci, "azure-pipelines.yml")}, lint.Settings{})
	if len(diags) != 0 || sum != (Summary{Checked: 1, Skipped: 2}) {
		t.Errorf("diags %v, summary %+v; want none, 1 checked and 2 skipped", diags, sum)
	}
	var msgs []string
	if err != nil {
		msgs = strings.Split(err.Error(), "\n")
	}
	if len(msgs) != 3 {
		t.Fatalf("want one error for each of ci, empty and hidden, got %q", msgs)
	}
	for i, dir := range []string{ci, empty, hidden} {
		if !strings.HasPrefix(msgs[i], dir+" holds nothing to lint: no YAML file with a top-level wfc key") {
			t.Errorf("error %d = %q, want one naming %s", i, msgs[i], dir)
		}
	}
	// Named alone, the non-workflow file is skipped without an error.
	if _, sum, err := Paths([]string{filepath.Join(ci, "azure-pipelines.yml")}, lint.Settings{}); err != nil || sum != (Summary{Skipped: 1}) {
		t.Errorf("named non-workflow: err %v, summary %+v", err, sum)
	}
}

// WorkflowFiles (push's and package's walk) takes what Paths lints as a workflow: YAML with a
// top-level wfc key or that does not decode, not BPMN, JSON or other YAML.
func TestWorkflowFilesMatchesPaths(t *testing.T) {
	root := t.TempDir()
	writeTree(t, root, map[string]string{
		"a.yaml":                 cleanWorkflow,
		"b/flow.yml":             "{wfc: 1, name: F, description: '', steps: [{id: a, action: p/a}]}\n",
		"b/broken.yaml":          "{wfc: 1, steps: [\n",
		"b/diagram.bpmn":         string(readTestdata(t, "fake-join__invalid-task.bpmn")),
		"ci/azure-pipelines.yml": "steps:\n  - script: make\n",
		"wfc.yaml":               "lint:\n  extends: all\n",
		"node_modules/m/x.yml":   cleanWorkflow,
	})
	got, err := WorkflowFiles(root)
	if err != nil {
		t.Fatal(err)
	}
	var rel []string
	for _, p := range got {
		r, _ := filepath.Rel(root, p)
		rel = append(rel, filepath.ToSlash(r))
	}
	if want := []string{"a.yaml", "b/broken.yaml", "b/flow.yml"}; !reflect.DeepEqual(rel, want) {
		t.Errorf("got %v, want %v", rel, want)
	}
	empty := filepath.Join(root, "ci")
	if _, err := WorkflowFiles(empty); err == nil || !strings.HasPrefix(err.Error(), empty+" holds no workflow") {
		t.Errorf("err = %v, want one saying %s holds no workflow", err, empty)
	}
}
