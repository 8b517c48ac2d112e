package secmaster_test

import (
	"bytes"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/rogpeppe/go-internal/txtar"

	"github.com/wfc-dev/wfc/bpmn"
	"github.com/wfc-dev/wfc/internal/golden"
	"github.com/wfc-dev/wfc/target/secmaster"
)

// exampleFiles are the bundled examples, sorted.
func exampleFiles(t testing.TB) []string {
	t.Helper()
	files, err := filepath.Glob("../../examples/*.yaml")
	if err != nil || len(files) == 0 {
		t.Fatalf("no examples found in ../examples (err %v)", err)
	}
	sort.Strings(files)
	return files
}

// caseFiles are the txtar archives in testdata/DIR, sorted.
func caseFiles(t testing.TB, dir string) []string {
	t.Helper()
	files, err := filepath.Glob(filepath.Join("testdata", dir, "*.txtar"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no cases found in testdata/%s (err %v)", dir, err)
	}
	sort.Strings(files)
	return files
}

// outputs renders everything a compiled workflow is reviewed as, by golden section name.
func outputs(t *testing.T, res *secmaster.Result) map[string][]byte {
	t.Helper()
	req, err := res.RequestJSON()
	if err != nil {
		t.Fatal(err)
	}
	tc, err := res.TaskconfigJSON()
	if err != nil {
		t.Fatal(err)
	}
	doc := mustDocument(t, res)
	tree, err := bpmn.EncodeTreeJSON(doc, "  ")
	if err != nil {
		t.Fatal(err)
	}
	xml, err := bpmn.EncodeXML(doc, bpmn.XMLOptions{Indent: "  ", DefaultDeclaration: true})
	if err != nil {
		t.Fatal(err)
	}
	return map[string][]byte{
		"request.json":    req,
		"taskconfig.json": tc,
		"tree.json":       append(tree, '\n'),
		"bpmn.xml":        append(xml, '\n'),
	}
}

// goldenSections is the order sections are written in a case archive or checked for an
// example; looked up in outputs by name.
var goldenSections = []string{"request.json", "taskconfig.json", "bpmn.xml", "tree.json"}

// mustDocument is the xml-js tree of a compiled workflow.
func mustDocument(t testing.TB, res *secmaster.Result) *bpmn.Document {
	t.Helper()
	doc, err := res.Document()
	if err != nil {
		t.Fatalf("the compiled model does not write as a tree: %v", err)
	}
	return doc
}

func mustCompile(t testing.TB, file string, src []byte) *secmaster.Result {
	t.Helper()
	res, diags := secmaster.CompileFile(file, src, secmaster.Options{})
	if len(diags) > 0 || res == nil {
		t.Fatalf("%s does not compile cleanly:\n%v", file, diags)
	}
	return res
}

// mustRequest is res's create-version request, taskflow included.
func mustRequest(t testing.TB, res *secmaster.Result) secmaster.Request {
	t.Helper()
	req, err := res.Request()
	if err != nil {
		t.Fatalf("the request has no taskflow: %v", err)
	}
	return req
}

// TestExamplesGolden compiles every bundled example and compares the request, taskconfig,
// BPMN XML and tree with testdata/examples/NAME.*.
func TestExamplesGolden(t *testing.T) {
	for _, file := range exampleFiles(t) {
		name := strings.TrimSuffix(filepath.Base(file), ".yaml")
		t.Run(name, func(t *testing.T) {
			src, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			out := outputs(t, mustCompile(t, "examples/"+filepath.Base(file), src))
			for _, section := range goldenSections {
				checkGoldenFile(t, filepath.Join("testdata", "examples", name+"."+section), out[section])
			}
		})
	}
}

func checkGoldenFile(t *testing.T, path string, got []byte) {
	t.Helper()
	golden.Check(t, path, got)
}

// TestCasesGolden compiles the focused cases in testdata/cases/*.txtar: each holds in.yaml
// and the golden sections of its output.
func TestCasesGolden(t *testing.T) {
	for _, file := range caseFiles(t, "cases") {
		t.Run(strings.TrimSuffix(filepath.Base(file), ".txtar"), func(t *testing.T) {
			ar := readArchive(t, file)
			out := outputs(t, mustCompile(t, "in.yaml", section(t, ar, "in.yaml")))
			checkArchive(t, file, ar, out, goldenSections)
		})
	}
}

// TestErrorsGolden compiles the broken workflows in testdata/errors/*.txtar and compares every
// diagnostic, positions included, with the diagnostics section.
func TestErrorsGolden(t *testing.T) {
	for _, file := range caseFiles(t, "errors") {
		t.Run(strings.TrimSuffix(filepath.Base(file), ".txtar"), func(t *testing.T) {
			ar := readArchive(t, file)
			res, diags := secmaster.CompileFile("in.yaml", section(t, ar, "in.yaml"), secmaster.Options{})
			if res != nil {
				t.Errorf("a workflow with errors gave a result")
			}
			if !diags.HasErrors() {
				t.Fatalf("no errors reported")
			}
			got := []byte(diags.Error() + "\n")
			checkArchive(t, file, ar, map[string][]byte{"diagnostics": got}, []string{"diagnostics"})
		})
	}
}

func readArchive(t *testing.T, file string) *txtar.Archive {
	t.Helper()
	ar, err := txtar.ParseFile(file)
	if err != nil {
		t.Fatal(err)
	}
	return ar
}

func section(t *testing.T, ar *txtar.Archive, name string) []byte {
	t.Helper()
	for _, f := range ar.Files {
		if f.Name == name {
			return f.Data
		}
	}
	t.Fatalf("archive has no %s section", name)
	return nil
}

// checkArchive compares the named sections of ar with out, or with -update rewrites the
// archive as its comment, in.yaml and those sections.
func checkArchive(t *testing.T, file string, ar *txtar.Archive, out map[string][]byte, names []string) {
	t.Helper()
	if golden.Update() {
		next := &txtar.Archive{Comment: ar.Comment, Files: []txtar.File{{Name: "in.yaml", Data: section(t, ar, "in.yaml")}}}
		for _, n := range names {
			next.Files = append(next.Files, txtar.File{Name: n, Data: out[n]})
		}
		if err := os.WriteFile(file, txtar.Format(next), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	for _, n := range names {
		var want []byte
		found := false
		for _, f := range ar.Files {
			if f.Name == n {
				want, found = f.Data, true
			}
		}
		if !found {
			t.Errorf("%s has no %s section (run go test ./target/secmaster -update)", file, n)
			continue
		}
		if !bytes.Equal(out[n], want) {
			t.Errorf("%s: %s differs (-want +got):\n%s", file, n, cmp.Diff(string(want), string(out[n])))
		}
	}
}
