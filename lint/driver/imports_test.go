package driver

import (
	"os/exec"
	"slices"
	"strings"
	"testing"
)

// platformOf names the platform a package of the module belongs to ("" for the
// target-neutral core): its API client and emulator, its target and what drives them.
// docs/architecture.md draws the same lines (issue 9, item 3).
func platformOf(pkg string) string {
	for _, p := range []struct{ platform, prefix string }{
		{"secmaster", "secmaster"},
		{"secmaster", "target/secmaster"},
		{"secmaster", "publish"}, // push planning against SecMaster's versions
		{"dataworks", "dataworks"},
		{"dataworks", "target/dataworks"},
	} {
		if pkg == p.prefix || strings.HasPrefix(pkg, p.prefix+"/") {
			return p.platform
		}
	}
	return ""
}

// goPackage is one package as go list describes it, paths relative to the module.
type goPackage struct {
	path    string
	imports []string // direct, inside the module
	deps    []string // transitive, inside the module
}

// importViolations are the breaches of the layering rules among pkgs:
//   - bpmn (and below) depends on no platform package and not on package target: it is
//     BPMN alone, and a platform passes in what it wraps BPMN in (bpmn.Wrapper);
//   - lint (the rules, not lint/driver) depends on no target and no platform: the rules
//     read the resolved program and a BPMN model, whatever compiled them;
//   - a package outside cmd/ that imports a platform's package is that platform's own:
//     the core reaches a platform only through package target. internal/gendocs is a
//     program, as cmd/wfc is: it links every target's rules to document them.
func importViolations(pkgs []goPackage) []string {
	var out []string
	for _, p := range pkgs {
		switch {
		case p.path == "bpmn" || strings.HasPrefix(p.path, "bpmn/"):
			for _, d := range p.deps {
				if platformOf(d) != "" || d == "target" {
					out = append(out, p.path+" depends on "+d+"; bpmn knows no target or platform")
				}
			}
		case p.path == "lint":
			for _, d := range p.deps {
				if platformOf(d) != "" || d == "target" || strings.HasPrefix(d, "target/") {
					out = append(out, "lint depends on "+d+"; lint rules read workflow.Program and a BPMN model only")
				}
			}
		}
		if strings.HasPrefix(p.path, "cmd/") || p.path == "internal/gendocs" {
			continue
		}
		for _, imp := range p.imports {
			if want := platformOf(imp); want != "" && platformOf(p.path) != want {
				out = append(out, p.path+" imports "+imp+", a "+want+" package; only "+want+"'s own packages and cmd/ may")
			}
		}
	}
	return out
}

// TestPlatformsStayInTheirPackages asks the go command for every package's imports and
// fails on any breach of importViolations' rules.
func TestPlatformsStayInTheirPackages(t *testing.T) {
	goTool, err := exec.LookPath("go")
	if err != nil {
		t.Skip("the go command is not on PATH")
	}
	const module = "github.com/wfc-dev/wfc"
	out, err := exec.Command(goTool, "list", "-f", `{{.ImportPath}}|{{join .Imports " "}}|{{join .Deps " "}}`, module+"/...").Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	inModule := func(list string) []string {
		var paths []string
		for _, p := range strings.Fields(list) {
			if rel, ok := strings.CutPrefix(p, module+"/"); ok {
				paths = append(paths, rel)
			}
		}
		return paths
	}
	var pkgs []goPackage
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		fields := strings.Split(line, "|")
		pkgs = append(pkgs, goPackage{path: strings.TrimPrefix(fields[0], module+"/"), imports: inModule(fields[1]), deps: inModule(fields[2])})
	}
	for _, v := range importViolations(pkgs) {
		t.Error(v)
	}
	for _, must := range []string{"bpmn", "lint", "lint/driver", "target", "target/secmaster", "publish"} {
		if !slices.ContainsFunc(pkgs, func(p goPackage) bool { return p.path == must }) {
			t.Errorf("go list did not list %s, so this test checked nothing about it", must)
		}
	}
}

// TestImportViolationsFindEachBreach: each rule catches the import it forbids, and lets the
// allowed ones be.
func TestImportViolationsFindEachBreach(t *testing.T) {
	pkgs := []goPackage{
		{path: "bpmn", deps: []string{"diag", "secmaster/resource"}},
		{path: "lint", deps: []string{"workflow", "target"}},
		{path: "lint/driver", imports: []string{"target", "target/secmaster"}},
		{path: "target/dataworks", imports: []string{"secmaster/resource"}},
		// Allowed: a platform's own packages, and the CLI.
		{path: "publish", imports: []string{"secmaster", "target/secmaster"}},
		{path: "target/secmaster", imports: []string{"target", "bpmn", "secmaster/resource"}},
		{path: "cmd/wfc", imports: []string{"target/secmaster", "dataworks"}},
	}
	got := importViolations(pkgs)
	want := []string{
		"bpmn depends on secmaster/resource",
		"lint depends on target",
		"lint/driver imports target/secmaster",
		"target/dataworks imports secmaster/resource",
	}
	if len(got) != len(want) {
		t.Fatalf("violations:\n%s\nwant one for each of %q", strings.Join(got, "\n"), want)
	}
	for i := range want {
		if !strings.HasPrefix(got[i], want[i]) {
			t.Errorf("violation %d = %q, want it to start %q", i, got[i], want[i])
		}
	}
}
