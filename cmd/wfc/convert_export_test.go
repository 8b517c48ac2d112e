package main

import (
	"errors"
	"strings"
	"testing"

	"github.com/wfc-dev/wfc/secmaster"
	"github.com/wfc-dev/wfc/secmaster/exportfile"
)

// A workflow with several versions needs --version; it matches a version's name, id or
// version id (issue 12, convert reads export files).
func TestPickExportVersion(t *testing.T) {
	w := &exportfile.Workflow{Workflow: secmaster.Workflow{Name: "Lockout"}, Versions: []secmaster.WorkflowVersion{
		{Name: "Lockout", Version: "v1", ID: "id-1", VersionID: "ver-1"},
		{Name: "Lockout", Version: "v2", ID: "id-2", VersionID: "ver-2"},
	}}
	// Every version carries the workflow's name; the label (v1, v2: what push prints) and the
	// ids tell them apart.
	for _, want := range []string{"v2", "id-2", "ver-2"} {
		v, err := pickExportVersion(w, want)
		if err != nil || v.ID != "id-2" {
			t.Errorf("pick %q = %v, %v; want v2", want, v, err)
		}
	}
	_, err := pickExportVersion(w, "")
	var pe *pickError
	if !errors.As(err, &pe) || !strings.Contains(err.Error(), `workflow "Lockout" has 2 versions; pick one with --version LABEL|ID: "v1" (id id-1), "v2" (id id-2)`) {
		t.Errorf("no --version: %v", err)
	}
	if _, err := pickExportVersion(&exportfile.Workflow{Workflow: secmaster.Workflow{Name: "Empty"}}, ""); err == nil || errors.As(err, &pe) {
		t.Errorf("no versions: %v, want a plain error (the file, not the flags, is at fault)", err)
	}
}

// A long list of names is cut short, so an export of many workflows gives a short error.
func TestQuotedListBounded(t *testing.T) {
	names := make([]string, maxListed+5)
	for i := range names {
		names[i] = "w"
	}
	got := quotedList(names)
	if strings.Count(got, `"w"`) != maxListed || !strings.HasSuffix(got, " and 5 more") {
		t.Errorf("quotedList = %s", got)
	}
}
