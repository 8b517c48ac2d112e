// Package startheap lets a short wfc command skip the garbage collections of its first megabytes.
//
// Go's collector starts at a 4 MiB heap goal, so `wfc compile` of a 1,000-step workflow (about
// 12 MB allocated, most of it live until the request is written) collected three times, while
// its whole live heap was still growing: a quarter of the process's instructions, spent
// scanning what was about to be needed anyway. Raising the first goal and restoring the
// collector's setting after the first collection is what the Go compiler does for the same
// reason (cmd/compile/internal/base.AdjustStartingHeap, go.dev/issue/56546).
//
// A fixed goal only moves the problem to larger inputs (a 10,000-step compile allocates 96 MB
// and collected four times past 24 MiB), so a command that knows its input size asks for a
// goal in proportion to it (Proportional): what it will allocate, within a floor and a
// ceiling. Memory stays bounded: before the first collection the heap is at most the goal,
// which is about what the command allocates anyway when nearly all of it stays live; after it,
// the collector's own setting applies. A GOMEMLIMIT the user sets still bounds the heap, since
// the runtime collects early as it nears the limit whatever the goal.
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

// Proportional is a first goal of perInputByte bytes for each byte of input, but at least
// floor and at most ceiling, in bytes (it does not overflow for any input).
func Proportional(inputBytes, perInputByte, floor, ceiling uint64) uint64 {
	if perInputByte != 0 && inputBytes > ceiling/perInputByte {
		return ceiling
	}
	return min(max(inputBytes*perInputByte, floor), ceiling)
}

// afterFirstCollection runs f once, after the first collection that follows: a finalizer runs
// only once a collection has found its object unreachable.
func afterFirstCollection(f func()) {
	type marker [16]byte // large enough not to share a tiny-allocator block with live data
	runtime.SetFinalizer(new(marker), func(*marker) { f() })
}
