package secmaster

import (
	"testing"

	"github.com/wfc-dev/wfc/diag"
	"github.com/wfc-dev/wfc/workflow"
)

// TestAopTypeAndLogLevel: the workflow's type and log level in SecMaster's spelling, the
// language's and the API's spellings of a type alike, absent values as their defaults.
func TestAopTypeAndLogLevel(t *testing.T) {
	set := func(v string) workflow.String {
		if v == "" {
			return workflow.String{}
		}
		return workflow.String{Value: v, Range: diag.Range{Start: diag.Pos{Line: 1, Column: 1}}}
	}
	for _, tc := range []struct{ typ, want string }{
		{"", "NORMAL"}, {"general", "NORMAL"}, {"investigation", "SURVEY"}, {"SURVEY", "SURVEY"},
		{"containment", "HEMOSTASIS"}, {"HEMOSTASIS", "HEMOSTASIS"}, {"mitigation", "EASE"}, {"EASE", "EASE"}, {"bogus", ""},
	} {
		if got := AopType(&workflow.Workflow{Type: set(tc.typ)}); got != tc.want {
			t.Errorf("AopType(%q) = %q, want %q", tc.typ, got, tc.want)
		}
	}
	for _, tc := range []struct{ level, want string }{{"", "Info"}, {"debug", "Debug"}, {"warn", "Warn"}, {"error", "Error"}, {"loud", ""}} {
		if got := LogLevel(&workflow.Workflow{LogLevel: set(tc.level)}); got != tc.want {
			t.Errorf("LogLevel(%q) = %q, want %q", tc.level, got, tc.want)
		}
	}
}

// TestElementKeyedMembers: the members publish compares entry by entry are the ones the
// compiler fills per element.
func TestElementKeyedMembers(t *testing.T) {
	got := ElementKeyedMembers()
	if len(got) != 2 || got[0] != "node_info" || got[1] != "usertask_info" {
		t.Errorf("ElementKeyedMembers() = %q, want node_info and usertask_info", got)
	}
}
