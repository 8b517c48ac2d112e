// Package startheap lets a short wfc command skip the garbage collections of its first megabytes.
//
// Go's collector starts at a 4 MiB heap goal, so `wfc compile` of a 1,000-step workflow (about
// 12 MB allocated, most of it live until the request is written) collected three times, while
// its whole live heap was still growing: a quarter of the process's instructions, spent
// scanning what was about to be needed anyway. Raising the first goal and restoring the
// collector's setting after the first collection is what the Go compiler does for the same
// reason (cmd/compile/internal/base.AdjustStartingHeap, go.dev/issue/56546). Larger runs are
// unchanged after their first collection, so peak memory stays bounded by the same factor of
// the live heap as before, plus at most the first goal.
package startheap

import (
	"runtime"
	"runtime/debug"
)

// defaultMinimum is the Go runtime's first heap goal at GOGC=100, in bytes.
const defaultMinimum = 4 << 20

// Raise makes the first collection happen at about goal bytes of heap instead of 4 MiB, and
// restores the collector's setting when it has happened. It does nothing when the user has set
// GOGC (getenv is os.Getenv; tests pass their own), so that setting always wins.
func Raise(goal uint64, getenv func(string) string) {
	if getenv("GOGC") != "" || goal <= defaultMinimum {
		return
	}
	// The runtime's minimum heap goal is defaultMinimum × GOGC/100.
	previous := debug.SetGCPercent(int(goal * 100 / defaultMinimum))
	afterFirstCollection(func() { debug.SetGCPercent(previous) })
}

// afterFirstCollection runs f once, after the first collection that follows: a finalizer runs
// only once a collection has found its object unreachable.
func afterFirstCollection(f func()) {
	type marker [16]byte // large enough not to share a tiny-allocator block with live data
	runtime.SetFinalizer(new(marker), func(*marker) { f() })
}
