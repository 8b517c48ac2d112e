package dataworks

import "testing"

func TestLastPage(t *testing.T) {
	page := func(n, total int) *WorkflowDefinitionPage {
		return &WorkflowDefinitionPage{WorkflowDefinitions: make([]WorkflowDefinition, n), TotalCount: total}
	}
	cases := []struct {
		p    *WorkflowDefinitionPage
		seen int
		want bool
	}{
		{page(0, 500), 200, true},    // an empty page ends it, whatever the total says
		{page(100, 250), 200, false}, // TotalCount not reached
		{page(50, 250), 250, true},
		{page(100, 0), 100, false}, // no TotalCount: a full page may have a successor
		{page(37, 0), 137, true},   // no TotalCount: a short page is the last
	}
	for i, tc := range cases {
		if got := lastPage(tc.p, tc.seen); got != tc.want {
			t.Errorf("case %d: lastPage = %v, want %v", i, got, tc.want)
		}
	}
}
