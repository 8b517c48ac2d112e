package main

import (
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/wfc-dev/wfc/catalog"
	"github.com/wfc-dev/wfc/secmaster"
)

func TestParseActionOutput(t *testing.T) {
	got, err := parseActionOutput(`[{"name":"score","type":"Number","description":"0-100"},`+
		`{"name":"geo","type":"Object","fields":[{"name":"country","type":"String"}]}]`, "p/a")
	if err != nil {
		t.Fatal(err)
	}
	want := []*catalog.Output{{Name: "score", Type: "Number"},
		{Name: "geo", Type: "Object", Fields: []*catalog.Output{{Name: "country", Type: "String"}}}}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("got %+v", got)
	}
	for _, empty := range []string{"", " ", "[]"} {
		if out, err := parseActionOutput(empty, "p/a"); err != nil || out != nil {
			t.Errorf("%q: %v %v, want no outputs", empty, out, err)
		}
	}
	for bad, msg := range map[string]string{
		`{"score":"Number"}`:  "action_output is not a JSON array of parameters",
		`[{"type":"String"}]`: "action_output: output 0 of action p/a has no name",
		`[{"name":"s","type":"String","fields":[{"name":"x"}]}]`: `output s of action p/a has fields but type "String"`,
	} {
		if _, err := parseActionOutput(bad, "p/a"); err == nil || !strings.Contains(err.Error(), msg) {
			t.Errorf("%s: error %v, want %q", bad, err, msg)
		}
	}
}

// An action_output wfc cannot read does not fail the pull: the action is saved without
// outputs (so its references go unchecked) and standard error says which one.
func TestCatalogPullKeepsActionsWithUnreadableOutputs(t *testing.T) {
	srv, run := cliAgainst(t)
	srv.SeedComponent(secmaster.Component{Name: "odd"},
		secmaster.ComponentAction{ActionName: "free_text", ActionInput: `[]`, ActionOutput: `result: a string`},
		secmaster.ComponentAction{ActionName: "typed", ActionInput: `[]`, ActionOutput: `[{"name":"n","type":"Number"}]`})
	out := filepath.Join(t.TempDir(), "cat.json")
	code, stdout, stderr := run("catalog", "pull", "-o", out)
	if code != exitOK || !strings.Contains(stdout, "1 plugin, 2 actions") {
		t.Fatalf("exit %d\n%s%s", code, stdout, stderr)
	}
	if want := "wfc: catalog pull: action odd/free_text: action_output is not a JSON array of parameters"; !strings.HasPrefix(stderr, want) ||
		!strings.Contains(stderr, "saved without outputs") || strings.Count(stderr, "\n") != 1 {
		t.Errorf("stderr %q, want one note starting %q", stderr, want)
	}
	cat, err := catalog.Load(out)
	if err != nil {
		t.Fatal(err)
	}
	if _, a := cat.Lookup("odd/free_text"); a == nil || a.Outputs != nil {
		t.Errorf("odd/free_text = %+v, want it saved without outputs", a)
	}
	if _, a := cat.Lookup("odd/typed"); a == nil || len(a.Outputs) != 1 || a.Outputs[0].Kind() != "number" {
		t.Errorf("odd/typed = %+v, want its output n saved", a)
	}
}
