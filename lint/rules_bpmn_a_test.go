package lint

import (
	"fmt"
	"strings"
	"testing"

	"github.com/wfc-dev/wfc/diag"
)

// TestBpmnRulesPartAPresets checks part A against bpmnlint's config/recommended.js: the same
// rules, in bpmnlint's alphabetical order, recommended at the same severity; conditional-event
// is only in bpmnlint:all (and correctness), at error.
func TestBpmnRulesPartAPresets(t *testing.T) {
	want := []struct {
		id          string
		recommended bool
		sev         diag.Severity
	}{
		{"ad-hoc-sub-process", true, diag.Error},
		{"conditional-event", false, diag.Error},
		{"conditional-flows", true, diag.Error},
		{"end-event-required", true, diag.Error},
		{"event-based-gateway", true, diag.Error},
		{"event-sub-process-typed-start-event", true, diag.Error},
		{"fake-join", true, diag.Warning},
		{"global", true, diag.Warning},
		{"label-required", true, diag.Error},
		{"link-event", true, diag.Error},
		{"no-bpmndi", true, diag.Error},
		{"no-complex-gateway", true, diag.Error},
		{"no-disconnected", true, diag.Error},
		{"no-duplicate-sequence-flows", true, diag.Error},
		{"no-gateway-join-fork", true, diag.Error},
	}
	if len(bpmnRulesPartA) != len(want) {
		t.Fatalf("part A has %d rules, want %d", len(bpmnRulesPartA), len(want))
	}
	for i, w := range want {
		r := bpmnRulesPartA[i]
		if r.ID != w.id || r.Recommended != w.recommended || r.Severity != w.sev || r.Scope != ScopeBPMN {
			t.Errorf("rule %d = %s recommended=%v %v scope %d, want %s recommended=%v %v ScopeBPMN",
				i, r.ID, r.Recommended, r.Severity, r.Scope, w.id, w.recommended, w.sev)
		}
		if !strings.Contains(r.Doc, fmt.Sprintf("bpmnlint's %s rule", r.ID)) {
			t.Errorf("%s: doc does not say which bpmnlint rule it mirrors", r.ID)
		}
	}
}
