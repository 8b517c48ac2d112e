package layout

import (
	"runtime"
	"testing"

	"github.com/wfc-dev/wfc/bpmn"
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

// TestDIAllocCountsWhatEmitTakes: newDIAlloc sizes every DI array to exactly what emit takes
// from it (take falls back to an allocation per element when a count is short, which the
// budget above sees only for unnamed elements), on models with names, labels, gateways,
// boundary events and sub-processes.
func TestDIAllocCountsWhatEmitTakes(t *testing.T) {
	models := []*model{incidentModel(), benchModel(200)}
	for seed := int64(1); seed <= 40; seed++ {
		models = append(models, randomModel(seed, true))
	}
	for i, m := range models {
		if err := Apply(m.defs); err != nil {
			t.Fatal(err)
		}
		for _, d := range m.defs.Diagrams {
			plane := d.Plane
			g, err := layoutScope(plane.Element)
			if err != nil {
				t.Fatal(err)
			}
			a := g.newDIAlloc(g.routeAll())
			var labels, bounds, flags, points int
			count := func(l *bpmn.Label) {
				if l != nil {
					labels++
					if l.Bounds != nil {
						bounds++
					}
				}
			}
			for _, s := range plane.Shapes {
				bounds++
				count(s.Label)
				if s.IsMarkerVisible != nil {
					flags++
				}
			}
			for _, e := range plane.Edges {
				count(e.Label)
				points += len(e.Waypoints)
			}
			got := [6]int{cap(a.shapes), cap(a.edges), cap(a.labels), cap(a.bnds), cap(a.flags), cap(a.points)}
			want := [6]int{len(plane.Shapes), len(plane.Edges), labels, bounds, flags, points}
			if got != want {
				t.Errorf("model %d, %s: newDIAlloc sizes shapes, edges, labels, bounds, flags, points as %v; emit takes %v", i, plane.ID, got, want)
			}
		}
	}
}
