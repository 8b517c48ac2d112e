// Package allocs counts the heap bytes code allocates, for tests that hold a memory budget.
// runtime.MemStats.TotalAlloc counts every allocation, collected or not, so a figure does not
// depend on when the collector runs nor on the machine's load: a count, never a time.
package allocs

import "runtime"

// Bytes is how many heap bytes one call of f allocates.
func Bytes(f func()) uint64 {
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	f()
	runtime.ReadMemStats(&after)
	return after.TotalAlloc - before.TotalAlloc
}

// BytesPerRun is the heap bytes one call of f allocates, averaged over runs calls after a
// warm-up call, on one P, as testing.AllocsPerRun counts allocations.
func BytesPerRun(runs int, f func()) float64 {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(1))
	f()
	return float64(Bytes(func() {
		for range runs {
			f()
		}
	})) / float64(runs)
}

// Live collects and returns the bytes the heap then holds: what is still reachable.
func Live() uint64 {
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return m.HeapAlloc
}
