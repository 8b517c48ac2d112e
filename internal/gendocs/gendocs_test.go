package main

import (
	"bytes"
	"os"
	"strings"
	"testing"

	"github.com/wfc-dev/wfc/internal/golden"
	"github.com/wfc-dev/wfc/lint"
	"github.com/wfc-dev/wfc/lint/driver"
)

const docPath = "../../docs/rules.md"

// TestRulesDocIsUpToDate fails when a rule changed and docs/rules.md was not regenerated.
func TestRulesDocIsUpToDate(t *testing.T) {
	want := render(lint.Rules(), driver.Phases())
	if golden.Update() {
		if err := os.WriteFile(docPath, want, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	got, err := os.ReadFile(docPath)
	if err != nil {
		t.Fatalf("%v; create it with: go test ./internal/gendocs -update", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("docs/rules.md is out of date; regenerate it with: go generate ./internal/gendocs (or go test ./internal/gendocs -update)")
	}
}

// Every rule gets a section with its doc, and the table lists it with its severity.
func TestRenderListsEveryRule(t *testing.T) {
	doc := string(render(lint.Rules(), driver.Phases()))
	for _, r := range lint.Rules() {
		if sectionStart(doc, r.ID) < 0 {
			t.Errorf("no section for %s", r.ID)
		}
		if !strings.Contains(doc, "| ["+r.ID+"](#"+r.ID+") | ") {
			t.Errorf("no table row for %s", r.ID)
		}
		if first := strings.SplitN(strings.TrimSpace(r.Doc), "\n", 2)[0]; first != "" && !strings.Contains(doc, first) {
			t.Errorf("%s: doc text missing", r.ID)
		}
	}
	row := func(r *lint.Rule) string {
		return "| [" + r.ID + "](#" + r.ID + ") | " + scopeName(r.Scope) + " | " + r.Severity.String() + " | " + yesNo(r.Recommended) + " | "
	}
	for _, r := range lint.Rules() {
		if !strings.Contains(doc, row(r)) {
			t.Errorf("row for %s does not say %s", r.ID, row(r))
		}
	}
}

// A rule that subsumes BPMN rules says so in its section, and each subsumed rule's section
// names the rules that stand in for it.
func TestRenderNamesSubsumedRules(t *testing.T) {
	doc := string(render(lint.Rules(), driver.Phases()))
	section := func(id string) string {
		s := doc[sectionStart(doc, id):]
		if end := strings.Index(s[1:], "\n#"); end >= 0 {
			s = s[:end+1]
		}
		return s
	}
	pairs := 0
	for _, r := range lint.Rules() {
		for _, id := range r.Subsumes {
			pairs++
			if !strings.Contains(section(r.ID), "stands in for") || !strings.Contains(section(r.ID), "["+id+"](#"+id+")") {
				t.Errorf("section %s does not say it stands in for %s", r.ID, id)
			}
			if !strings.Contains(section(id), "["+r.ID+"](#"+r.ID+")") {
				t.Errorf("section %s does not name %s, which stands in for it", id, r.ID)
			}
		}
	}
	if pairs == 0 {
		t.Error("no rule subsumes another; the one-mistake-one-diagnostic pairs are gone")
	}
}

// sectionStart is where rule id's section starts in doc: a heading "## id" (or "### id",
// under a target's heading), or -1.
func sectionStart(doc, id string) int {
	for _, h := range []string{"\n## ", "\n### "} {
		if i := strings.Index(doc, h+id+"\n"); i >= 0 {
			return i + 1
		}
	}
	return -1
}

// TestRenderGroupsTargetRules: a rule about one platform is listed under its target's
// heading, in that target's table, and not in the table of the rules for every target.
func TestRenderGroupsTargetRules(t *testing.T) {
	core := &lint.Rule{ID: "core-rule", Scope: lint.ScopeWorkflow, Summary: "x"}
	only := &lint.Rule{ID: "only-rule", Scope: lint.ScopeWorkflow, Target: "zz", Summary: "y"}
	doc := string(render([]*lint.Rule{only, core}, nil))
	heading := strings.Index(doc, "\n## Target `zz`\n")
	row := strings.Index(doc, "| [only-rule](#only-rule) |")
	coreSection := strings.Index(doc, "\n## core-rule\n")
	if heading < 0 || row < heading || sectionStart(doc, "only-rule") < row || coreSection < 0 || coreSection > heading {
		t.Errorf("want core-rule's section before the zz heading, then only-rule's row and section under it:\n%s", doc)
	}
}
