package driver

import (
	"os/exec"
	"strings"
	"testing"
)

// linksHTTP are the packages allowed to depend on net/http: the API clients, their emulators,
// publish, which drives the SecMaster client, and dataworks/deploy, which drives the DataWorks
// one. Below cmd/ nothing else may: linting and
// compiling a file do not talk to a server, so they do not link the HTTP client
// (docs/architecture.md; issue 9, item 4).
var linksHTTP = map[string]bool{
	"secmaster":               true,
	"secmaster/secmastertest": true,
	"dataworks":               true,
	"dataworks/dataworkstest": true,
	"internal/apiclient":      true,
	"internal/apitest":        true,
	"publish":                 true,
	"dataworks/deploy":        true,
	"cmd/wfc":                 true, // the CLI pushes and imports
}

// TestOnlyAPIClientsLinkNetHTTP asks the go command for every package's dependencies and
// fails for a package outside linksHTTP that depends on net/http.
func TestOnlyAPIClientsLinkNetHTTP(t *testing.T) {
	goTool, err := exec.LookPath("go")
	if err != nil {
		t.Skip("the go command is not on PATH")
	}
	const module = "github.com/wfc-dev/wfc"
	out, err := exec.Command(goTool, "list", "-f", `{{.ImportPath}}{{range .Deps}} {{.}}{{end}}`, module+"/...").Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	checked := map[string]bool{}
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		fields := strings.Fields(line)
		pkg := strings.TrimPrefix(strings.TrimPrefix(fields[0], module), "/")
		checked[pkg] = true
		if linksHTTP[pkg] {
			continue
		}
		for _, dep := range fields[1:] {
			if dep == "net/http" {
				t.Errorf("%s depends on net/http; only the API clients may (see linksHTTP)", fields[0])
			}
		}
	}
	for _, must := range []string{"lint/driver", "lint", "target/secmaster", "workflow", "bpmn", "secmaster/exportfile"} {
		if !checked[must] {
			t.Errorf("go list did not list %s, so this test checked nothing about it", must)
		}
	}
}
