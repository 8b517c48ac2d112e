package driver

import (
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/wfc-dev/wfc/diag"
)

// Findings in an export file point at their workflow's entry (issue 12, SARIF regions).
func TestExportEntryPositions(t *testing.T) {
	for _, tc := range []struct {
		name, src string
		want      []diag.Pos
	}{
		{"indented", "\n[\n  {\"name\": \"a\"},\n  {\n\"name\": \"b\"}\n]\n", []diag.Pos{{Line: 3, Column: 3}, {Line: 4, Column: 3}}},
		{"one line", `[{"name":"a"}, {"name":"b"}]`, []diag.Pos{{Line: 1, Column: 2}, {Line: 1, Column: 16}}},
		{"wide runes before", "[{\"name\":\"告警\"},\r\n {}]", []diag.Pos{{Line: 1, Column: 2}, {Line: 2, Column: 2}}},
		{"broken after the first", `[{"name":"a"}, {"name": ]`, []diag.Pos{{Line: 1, Column: 2}}},
		{"not an array", `{"name":"a"}`, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if diff := cmp.Diff(tc.want, exportEntryPositions([]byte(tc.src))); diff != "" {
				t.Errorf("positions (-want +got):\n%s", diff)
			}
		})
	}
}
