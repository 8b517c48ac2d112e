package main

import (
	"strings"
	"testing"

	"github.com/wfc-dev/wfc/config"
)

func TestAddWorkflowEntriesKeepsTheFile(t *testing.T) {
	entries := []workflowEntry{{"flows/new.yaml", "id-new"}, {"flows/odd name: #1.yaml", "id-odd"}}
	for _, tc := range []struct{ name, src, want string }{
		{"empty", "", "workflows:\n  flows/new.yaml: id-new\n  \"flows/odd name: #1.yaml\": id-odd\n"},
		{"no workflows key", "# project settings\nlint:\n  extends: all # every rule\n",
			"# project settings\nlint:\n  extends: all # every rule\nworkflows:\n  flows/new.yaml: id-new\n  \"flows/odd name: #1.yaml\": id-odd\n"},
		{"no final newline", "lint:\n  extends: all",
			"lint:\n  extends: all\nworkflows:\n  flows/new.yaml: id-new\n  \"flows/odd name: #1.yaml\": id-odd\n"},
		{"empty workflows", "workflows: # filled by wfc pull\nlint:\n  extends: all\n",
			"workflows: # filled by wfc pull\n  flows/new.yaml: id-new\n  \"flows/odd name: #1.yaml\": id-odd\nlint:\n  extends: all\n"},
		{"block mapping, deeper indent and nested values",
			"workflows:\n    old.yaml: id-old # mine\n    named.yaml:\n      name: Named\n\n# targets below\ntargets: {}\n",
			"workflows:\n    old.yaml: id-old # mine\n    named.yaml:\n      name: Named\n    flows/new.yaml: id-new\n    \"flows/odd name: #1.yaml\": id-odd\n\n# targets below\ntargets: {}\n"},
		{"CRLF", "workflows:\r\n  old.yaml: id-old\r\n",
			"workflows:\r\n  old.yaml: id-old\r\n  flows/new.yaml: id-new\r\n  \"flows/odd name: #1.yaml\": id-odd\r\n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, ok := addWorkflowEntries([]byte(tc.src), entries)
			if !ok || string(got) != tc.want {
				t.Fatalf("addWorkflowEntries = %v\n%q\nwant\n%q", ok, got, tc.want)
			}
			cfg, diags := config.Parse("/repo/wfc.yaml", got)
			if diags.HasErrors() {
				t.Fatalf("the result does not load: %v", diags)
			}
			for _, en := range entries {
				if id, _, found := cfg.WorkflowRef("/repo/" + en.File); !found || id != en.ID {
					t.Errorf("wfc.yaml maps %s to %q (%v), want %s", en.File, id, found, en.ID)
				}
			}
		})
	}
}

// What cannot be merged by adding lines is left to people: the caller prints the entries.
func TestAddWorkflowEntriesRefusesWhatItCannotExtend(t *testing.T) {
	for _, src := range []string{
		"workflows: {a.yaml: id-a}\n", // flow style
		"workflows: ~\n",
		"workflows: [a.yaml]\n",
		"{lint: {extends: all}}\n",
		"- a\n",
		"lint: [\n", // not YAML
	} {
		if got, ok := addWorkflowEntries([]byte(src), []workflowEntry{{"b.yaml", "id-b"}}); ok {
			t.Errorf("addWorkflowEntries(%q) = %q, want a refusal", src, got)
		}
	}
	if strings.Contains(entryLines([]workflowEntry{{"a b.yaml", "x"}}, "", "\n"), "a b.yaml:") {
		t.Error("a key with a space is not quoted")
	}
}
