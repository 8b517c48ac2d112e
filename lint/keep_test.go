package lint

import (
	"math/rand/v2"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/wfc-dev/wfc/diag"
)

// Holding only the first PerRule diagnostics of each rule while it runs shows exactly what
// capping all of them afterwards shows, summaries and counts included.
func TestRunKeepingIsTheSameAsCappingAll(t *testing.T) {
	in := &Input{File: "many.bpmn", Defs: unnamedTasks(t, 1500), Settings: Settings{Extends: All}}
	want := runRules(in, Rules()).Cap(diag.DefaultLimits)
	got := Run(in)
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Run differs from capping every diagnostic (-want +got):\n%s", diff)
	}
	if got.Count(diag.Error)+got.Count(diag.Warning) < 1500 {
		t.Errorf("the counts lost problems: %d errors, %d warnings", got.Count(diag.Error), got.Count(diag.Warning))
	}
}

// A keeper holds at most its limit, the first by diag.Less whatever order they come in, and
// hands over one stand-in counting the rest, which Cap drops and counts.
func TestKeeperHoldsTheFirstAndCountsTheRest(t *testing.T) {
	const limit, total = 5, 200
	all := make(diag.List, total)
	for i := range all {
		all[i] = diag.Diagnostic{Severity: diag.Error, Rule: "r", Message: "m", Range: diag.Range{File: "f", Start: diag.Pos{Line: i + 1, Column: 1}}}
	}
	k := newKeeper(limit)
	for _, i := range rand.New(rand.NewPCG(1, 2)).Perm(total) {
		if k.dropsAt(all[i].Range) {
			k.count()
			continue
		}
		k.add(all[i])
		if len(k.kept) > limit {
			t.Fatalf("the keeper holds %d diagnostics; its limit is %d", len(k.kept), limit)
		}
	}
	var out diag.List
	k.flush(&out)
	got := out.Cap(diag.Limits{PerRule: limit, PerFile: 100})
	want := all.Cap(diag.Limits{PerRule: limit, PerFile: 100})
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("kept and capped differs from capping all (-want +got):\n%s", diff)
	}
}
