package compiler

import (
	"hash/fnv"
	"strconv"
	"strings"
)

// idSpace is the number of bpmn-js id suffixes: a leading 0 or 1 then six base-36 digits
// (node-hat's 32 bits in base 36), so 2·36⁶ ≈ 4.35·10⁹.
const idSpace = 2 * 36 * 36 * 36 * 36 * 36 * 36

// idSuffixLen is the length of a bpmn-js id suffix ("1yhrykd").
const idSuffixLen = 7

// Bounds of the 13-digit process number (see the package doc): 1700000000000 is
// 2023-11-14 in epoch milliseconds, the era of SecMaster's own Process_<ms> ids.
const (
	processNumberBase  = 1_700_000_000_000
	processNumberRange = 100_000_000_000
)

func fnv64(s string) uint64 {
	h := fnv.New64a()
	h.Write([]byte(s))
	return h.Sum64()
}

// ProcessNumber is the N of Process_N for a workflow name: deterministic, 13 digits.
func ProcessNumber(workflowName string) int64 {
	return processNumberBase + int64(fnv64(workflowName)%processNumberRange)
}

// idSuffix hashes key into a bpmn-js id suffix, [01][0-9a-z]{6}.
func idSuffix(key string) string {
	s := strconv.FormatUint(fnv64(key)%idSpace, 36)
	if len(s) < idSuffixLen {
		s = strings.Repeat("0", idSuffixLen-len(s)) + s
	}
	return s
}

// idAllocator hands out element ids derived from role keys. A key is the step id and the
// element's role ("enrich", "approve/join", "decide/case/2"); keys of the whole workflow
// start with '@' ("@start"), which no step id can. The same key always gets the same id
// unless an earlier key took it.
type idAllocator struct {
	used map[string]bool
}

func newIDAllocator() *idAllocator { return &idAllocator{used: map[string]bool{}} }

// id returns prefix + suffix for key ("Activity_", "enrich" → "Activity_0k2x9qa"). On a
// collision the key is rehashed as "key#1", "key#2", ... until a free id turns up.
func (a *idAllocator) id(prefix, key string) string {
	id := prefix + idSuffix(key)
	for n := 1; a.used[id]; n++ {
		id = prefix + idSuffix(key+"#"+strconv.Itoa(n))
	}
	a.used[id] = true
	return id
}
