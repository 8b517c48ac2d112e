package secmaster

import (
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

// fnv64 is 64-bit FNV-1a (hash/fnv's New64a) over s, computed in place: the compiler hashes
// a key for every element id, and hash/fnv's interface and the []byte copy of s cost two
// allocations each time.
func fnv64(s string) uint64 {
	const offset64, prime64 = 14695981039346656037, 1099511628211
	h := uint64(offset64)
	for i := 0; i < len(s); i++ {
		h ^= uint64(s[i])
		h *= prime64
	}
	return h
}

// ProcessNumber is the N of Process_N for a workflow name: deterministic, 13 digits.
func ProcessNumber(workflowName string) int64 {
	return processNumberBase + int64(fnv64(workflowName)%processNumberRange)
}

// idSuffix hashes key into a bpmn-js id suffix, [01][0-9a-z]{6}.
func idSuffix(key string) string {
	return string(appendID(nil, "", key))
}

// appendID appends prefix and key's id suffix to buf.
func appendID(buf []byte, prefix, key string) []byte {
	var digits [16]byte // 2·36⁶ has 7 base-36 digits
	s := strconv.AppendUint(digits[:0], fnv64(key)%idSpace, 36)
	buf = append(buf, prefix...)
	for i := len(s); i < idSuffixLen; i++ {
		buf = append(buf, '0')
	}
	return append(buf, s...)
}

// idAllocator hands out element ids derived from role keys. A key is the step id and the
// element's role ("enrich", "approve/join", "decide/case/2"); keys of the whole workflow
// start with '@' ("@start"), which no step id can. The same key always gets the same id
// unless an earlier key took it.
type idAllocator struct {
	used map[string]bool
	// arena holds the ids handed out, back to back: each id is a substring of its String, so
	// thousands of ids cost one allocation rather than one each. Written bytes never change
	// (a Builder only appends), so earlier substrings stay valid; when it is full, a new
	// arena starts and the old one lives on in the ids that point into it.
	arena strings.Builder
}

// idArenaBytes is the room an arena gets per id: "Activity_" and a 7-character suffix is
// 16 bytes, the longest prefix the compiler uses for most elements.
const idArenaBytes = 16

// newIDAllocator returns an allocator with room for about n ids.
func newIDAllocator(n int) *idAllocator {
	a := &idAllocator{used: make(map[string]bool, n)}
	a.arena.Grow(n * idArenaBytes)
	return a
}

// id returns prefix + suffix for key ("Activity_", "enrich" → "Activity_0k2x9qa"). On a
// collision the key is rehashed as "key#1", "key#2", ... until a free id turns up.
func (a *idAllocator) id(prefix, key string) string {
	var buf [48]byte // holds every prefix the compiler uses and a suffix
	b := appendID(buf[:0], prefix, key)
	for n := 1; a.used[string(b)]; n++ {
		b = appendID(b[:0], prefix, key+"#"+strconv.Itoa(n))
	}
	id := a.intern(b)
	a.used[id] = true
	return id
}

// intern copies b into the arena and returns it as a string that shares the arena's storage.
func (a *idAllocator) intern(b []byte) string {
	if a.arena.Cap()-a.arena.Len() < len(b) {
		a.arena = strings.Builder{}
		a.arena.Grow(max(len(b), 64*idArenaBytes))
	}
	start := a.arena.Len()
	a.arena.Write(b)
	return a.arena.String()[start:]
}
