package layout

import (
	"runtime"
	"testing"

	"github.com/wfc-dev/wfc/internal/race"
)

// Apply's budgets per flow node of the benchmark model (benchModel, 1,000 nodes), issue 8,
// item 20: the layout was a sixth of `wfc compile` and a large allocator. Before the cut it
// made 2.4 allocations and 1,375 bytes per node; the cut brought that to 0.109 and 757 (the
// DI shapes, edges, bounds and waypoints are 0.3 KB of it, and cannot shrink). Lower a
// budget when a change saves more, never raise it without saying why in the commit.
const (
	applyAllocsPerNode = 0.12
	applyBytesPerNode  = 820
)

// applyCost lays out a benchModel of n nodes (after one warm-up layout) and returns the
// allocations and bytes allocated per node.
func applyCost(t *testing.T, n int) (allocs, bytes float64) {
	m := benchModel(n)
	apply := func() {
		resetDI(m)
		if err := Apply(m.defs); err != nil {
			t.Fatal(err)
		}
	}
	apply()
	allocs = testing.AllocsPerRun(3, apply)
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	apply()
	runtime.ReadMemStats(&after)
	return allocs / float64(n), float64(after.TotalAlloc-before.TotalAlloc) / float64(n)
}

// TestApplyAllocationBudget: laying out stays within its allocation budget per node, so a
// change that adds an allocation per node or flow, or a map or array per row or column,
// shows here as a count, not as a slower benchmark nobody reads; and bytes per node stay
// flat from 1,000 to 4,000 nodes (linear growth).
func TestApplyAllocationBudget(t *testing.T) {
	if race.Enabled {
		t.Skip("the race detector changes allocation counts; make test runs this without it")
	}
	allocs, bytes := applyCost(t, 1_000)
	if allocs > applyAllocsPerNode {
		t.Errorf("Apply made %.3f allocations per node; budget %.3f", allocs, applyAllocsPerNode)
	}
	if bytes > applyBytesPerNode {
		t.Errorf("Apply allocated %.0f bytes per node; budget %d", bytes, applyBytesPerNode)
	}
	if _, bytes4k := applyCost(t, 4_000); bytes4k > 1.1*bytes {
		t.Errorf("Apply allocated %.0f bytes per node at 4,000 nodes, %.0f at 1,000: growth is not linear", bytes4k, bytes)
	}
}
