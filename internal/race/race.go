//go:build race

// Package race says whether the race detector is on: it changes allocation counts (sync.Pool
// drops items at random under it), so allocation-budget tests skip there and the Makefile's
// test target runs them once more without it.
package race

// Enabled is true in a -race build.
const Enabled = true
