package startheap

import (
	"math"
	"runtime"
	"runtime/debug"
	"testing"
)

// gcPercent reads the collector's setting without changing it.
func gcPercent() int {
	p := debug.SetGCPercent(100)
	debug.SetGCPercent(p)
	return p
}

// collectUntil runs collections until cond holds, at most 20 (a finalizer runs on its own
// goroutine after the collection that found its object unreachable). It counts, never times.
func collectUntil(cond func() bool) bool {
	for range 20 {
		runtime.GC()
		runtime.Gosched()
		if cond() {
			return true
		}
	}
	return cond()
}

func TestRaiseSetsTheFirstGoalAndRestoresAfterACollection(t *testing.T) {
	defer debug.SetGCPercent(debug.SetGCPercent(100))
	debug.SetGCPercent(100)
	Raise(24<<20, func(string) string { return "" })
	if got := gcPercent(); got != 600 {
		t.Fatalf("after Raise(24 MiB), GOGC = %d; want 600 (4 MiB × 600/100 = 24 MiB)", got)
	}
	if !collectUntil(func() bool { return gcPercent() == 100 }) {
		t.Fatalf("GOGC is still %d after 20 collections; want the previous 100 back", gcPercent())
	}
}

func TestRaiseLeavesAUserSettingAlone(t *testing.T) {
	defer debug.SetGCPercent(debug.SetGCPercent(100))
	debug.SetGCPercent(250)
	Raise(24<<20, func(k string) string {
		if k == "GOGC" {
			return "250"
		}
		return ""
	})
	if got := gcPercent(); got != 250 {
		t.Fatalf("with GOGC=250 set, Raise changed it to %d", got)
	}
	Raise(2<<20, func(string) string { return "" }) // below the runtime's own first goal
	if got := gcPercent(); got != 250 {
		t.Fatalf("Raise(2 MiB) changed GOGC to %d; a goal below 4 MiB must change nothing", got)
	}
}

func TestProportionalClampsTheGoal(t *testing.T) {
	const floor, ceiling = 24 << 20, 256 << 20
	for _, c := range []struct{ input, want uint64 }{
		{0, floor},                      // standard input of unknown size
		{68_579, floor},                 // 1,000 steps: 11 MB < 24 MiB
		{703_779, 703_779 * 160},        // 10,000 steps: 113 MB, above the 96 MB allocated
		{8 << 20, ceiling},              // the largest workflow file wfc reads
		{math.MaxUint64 / 100, ceiling}, // would overflow
		{ceiling/160 + 1, ceiling},      // just past the ceiling
	} {
		if got := Proportional(c.input, 160, floor, ceiling); got != c.want {
			t.Errorf("Proportional(%d bytes × 160) = %d; want %d", c.input, got, c.want)
		}
	}
}
