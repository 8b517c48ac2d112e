package workflow

import (
	"encoding/json"
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"

	"github.com/wfc-dev/wfc/schema"
)

const modulePath = "github.com/wfc-dev/wfc"

// bodyTypeNames are the names of the body types, in the order of Kinds.
func bodyTypeNames(t *testing.T) []string {
	t.Helper()
	var names []string
	for _, info := range Kinds {
		names = append(names, reflect.TypeOf(info.New()).Elem().Name())
	}
	return names
}

// TestKindsTable: every row's body has the row's key, no two rows share a key or a body type,
// and of the keys the schema defines for a step, the body reads exactly its kind key and
// the keys of its row but next (which is the step's). So the table and the body types
// cannot drift apart.
func TestKindsTable(t *testing.T) {
	var doc struct {
		Defs struct {
			Step struct {
				Properties map[string]any `json:"properties"`
			} `json:"step"`
		} `json:"$defs"`
	}
	if err := json.Unmarshal(schema.JSON(), &doc); err != nil {
		t.Fatal(err)
	}
	keys, types := map[string]bool{}, map[string]bool{}
	b := &builder{file: "k.yaml"}
	value := &yaml.Node{Kind: yaml.ScalarNode, Value: "x", Line: 1, Column: 1}
	for i, info := range Kinds {
		body := info.New()
		name := bodyTypeNames(t)[i]
		if body.Key() != info.Key {
			t.Errorf("Kinds[%d]: row key %q, its body's key %q", i, info.Key, body.Key())
		}
		if keys[info.Key] || types[name] {
			t.Errorf("Kinds[%d]: key %q or body type %s is in the table twice", i, info.Key, name)
		}
		keys[info.Key], types[name] = true, true
		for key := range doc.Defs.Step.Properties {
			want := (key == info.Key || slices.Contains(info.Keys, key)) && key != "next"
			if key == "id" || key == "name" || key == "description" || key == "next" {
				want = false // the step's own keys
			}
			if got := body.read(b, &Step{}, key, value); got != want {
				t.Errorf("the %s body reads %q: %v; its row allows it: %v", info.Key, key, got, want)
			}
		}
	}
}

// TestKindsInDocs: the steps table of docs/language.md lists the kind keys of Kinds, in
// order.
func TestKindsInDocs(t *testing.T) {
	doc, err := os.ReadFile("../docs/language.md")
	if err != nil {
		t.Fatal(err)
	}
	_, steps, _ := strings.Cut(string(doc), "\n## Steps\n")
	steps, _, _ = strings.Cut(steps, "\n## ")
	row := regexp.MustCompile("(?m)^\\| `([a-z_]+):")
	var got []string
	for _, m := range row.FindAllStringSubmatch(steps, -1) {
		got = append(got, m[1])
	}
	var want []string
	for _, info := range Kinds {
		want = append(want, info.Key)
	}
	if !slices.Equal(got, want) {
		t.Errorf("docs/language.md's steps table lists %q; Kinds has %q", got, want)
	}
}

// TestBodyTypesAreTheTable: the types marked as bodies (stepBody) are exactly the table's,
// so a body type cannot exist that the table, and so every test walking it, leaves out.
func TestBodyTypesAreTheTable(t *testing.T) {
	fset := token.NewFileSet()
	pkgs, err := parser.ParseDir(fset, ".", func(fi fs.FileInfo) bool { return !strings.HasSuffix(fi.Name(), "_test.go") }, 0)
	if err != nil {
		t.Fatal(err)
	}
	var marked []string
	for _, f := range pkgs["workflow"].Files {
		for _, d := range f.Decls {
			if fn, ok := d.(*ast.FuncDecl); ok && fn.Name.Name == "stepBody" && fn.Recv != nil {
				if star, ok := fn.Recv.List[0].Type.(*ast.StarExpr); ok {
					marked = append(marked, star.X.(*ast.Ident).Name)
				}
			}
		}
	}
	want := bodyTypeNames(t)
	slices.Sort(marked)
	slices.Sort(want)
	if !slices.Equal(marked, want) {
		t.Errorf("body types %q, but Kinds has %q; add the kind to Kinds", marked, want)
	}
}

// TestBodySwitchesAreExhaustive: every type switch on a step Body in the module (not its
// tests) lists every body type, or has a default that reports an error, so that a new kind
// fails here until every switch says what it does with it.
func TestBodySwitchesAreExhaustive(t *testing.T) {
	root, err := filepath.Abs("..")
	if err != nil {
		t.Fatal(err)
	}
	types := bodyTypeNames(t)
	var problems []string
	switches := 0
	err = filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (d.Name() == "testdata" || strings.HasPrefix(d.Name(), ".")) && path != root {
			return filepath.SkipDir
		}
		if d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return nil
		}
		src, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, path)
		inWorkflow := filepath.Dir(rel) == "workflow"
		n, found := bodySwitchProblems(rel, src, inWorkflow, types)
		switches += n
		problems = append(problems, found...)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range problems {
		t.Error(p)
	}
	// The walk must find the switches it is there to check (graph.go's two, at least).
	if switches < 2 {
		t.Errorf("found %d type switches on a Body; the walk is not reading the module", switches)
	}
}

// TestBodySwitchCheckFails: the check of TestBodySwitchesAreExhaustive fails a switch that
// leaves a kind out, or that has a default that says nothing, and passes one with a default
// that reports an error.
func TestBodySwitchCheckFails(t *testing.T) {
	types := []string{"Action", "Wait"}
	src := func(cases string) []byte {
		return []byte("package x\nimport wf \"" + modulePath + "/workflow\"\nfunc f(s *wf.Step) {\n\tswitch s.Body.(type) {\n" + cases + "\t}\n}\n")
	}
	for _, c := range []struct {
		name, cases string
		problems    int
	}{
		{"every kind", "\tcase *wf.Action:\n\tcase *wf.Wait, nil:\n", 0},
		{"one left out", "\tcase *wf.Action:\n", 1},
		{"a silent default", "\tcase *wf.Action:\n\tdefault:\n\t\treturn\n", 1},
		{"a default that fails", "\tcase *wf.Action:\n\tdefault:\n\t\tpanic(\"unknown kind\")\n", 0},
	} {
		n, problems := bodySwitchProblems("x.go", src(c.cases), false, types)
		if n != 1 || len(problems) != c.problems {
			t.Errorf("%s: %d switches, problems %q; want 1 switch and %d problems", c.name, n, problems, c.problems)
		}
	}
}

// reportsError matches the name of a call that reports a problem: errorf, Errorf, fail,
// panic, Error, ...
var reportsError = regexp.MustCompile(`(?i)^(fail|panic|.*errorf?)$`)

// bodySwitchProblems finds the type switches of one Go file whose cases name a body type
// (*workflow.T, or *T inside package workflow) and says which leave a body type out without
// a default that reports an error. It returns how many such switches the file has.
func bodySwitchProblems(path string, src []byte, inWorkflow bool, types []string) (int, []string) {
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, path, src, 0)
	if err != nil {
		return 0, []string{err.Error()}
	}
	local := "" // the file's name for the workflow package
	for _, imp := range f.Imports {
		if p, _ := strconv.Unquote(imp.Path.Value); p == modulePath+"/workflow" {
			local = "workflow"
			if imp.Name != nil {
				local = imp.Name.Name
			}
		}
	}
	bodyType := func(e ast.Expr) string {
		star, ok := e.(*ast.StarExpr)
		if !ok {
			return ""
		}
		var name string
		switch x := star.X.(type) {
		case *ast.Ident:
			if inWorkflow {
				name = x.Name
			}
		case *ast.SelectorExpr:
			if id, ok := x.X.(*ast.Ident); ok && local != "" && id.Name == local {
				name = x.Sel.Name
			}
		}
		if slices.Contains(types, name) {
			return name
		}
		return ""
	}
	var problems []string
	switches := 0
	ast.Inspect(f, func(n ast.Node) bool {
		sw, ok := n.(*ast.TypeSwitchStmt)
		if !ok {
			return true
		}
		listed := map[string]bool{}
		var def *ast.CaseClause
		for _, st := range sw.Body.List {
			cc := st.(*ast.CaseClause)
			if cc.List == nil {
				def = cc
			}
			for _, e := range cc.List {
				if name := bodyType(e); name != "" {
					listed[name] = true
				}
			}
		}
		if len(listed) == 0 {
			return true
		}
		switches++
		var missing []string
		for _, name := range types {
			if !listed[name] {
				missing = append(missing, name)
			}
		}
		if len(missing) > 0 && (def == nil || !callsReport(def)) {
			problems = append(problems, fset.Position(sw.Pos()).String()+": a type switch on a step Body leaves out "+
				strings.Join(missing, ", ")+"; add a case for each, or a default that reports an error")
		}
		return true
	})
	return switches, problems
}

// callsReport reports whether a case clause calls something that reports an error.
func callsReport(cc *ast.CaseClause) bool {
	found := false
	for _, st := range cc.Body {
		ast.Inspect(st, func(n ast.Node) bool {
			if call, ok := n.(*ast.CallExpr); ok {
				var name string
				switch fn := call.Fun.(type) {
				case *ast.Ident:
					name = fn.Name
				case *ast.SelectorExpr:
					name = fn.Sel.Name
				}
				found = found || reportsError.MatchString(name)
			}
			return !found
		})
	}
	return found
}
