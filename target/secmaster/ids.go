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

// roleKey is a role key (see idAllocator) as the state of its 64-bit FNV-1a hash (hash/fnv's
// New64a). FNV-1a reads its input a byte at a time, so the key of "enrich/next" is the key of
// "enrich" extended by "/next": the compiler hashes a key for every element id, and extending
// a state costs nothing where building "enrich" + "/next" cost a string allocation per
// element (issue 8, item 20).
type roleKey uint64

// FNV-1a's 64-bit offset basis and prime.
const fnvOffset64, fnvPrime64 = 14695981039346656037, 1099511628211

// keyOf is the key of the text s.
func keyOf(s string) roleKey { return roleKey(fnvOffset64).with(s) }

// with is the key of k's text followed by s.
func (k roleKey) with(s string) roleKey { return roleKey(fnvOn(uint64(k), s)) }

// withInt is the key of k's text followed by i in decimal ("decide/case/" and 2).
func (k roleKey) withInt(i int) roleKey {
	var digits [20]byte
	return roleKey(fnvOn(uint64(k), strconv.AppendInt(digits[:0], int64(i), 10)))
}

// fnvOn continues the FNV-1a hash h over s.
func fnvOn[S string | []byte](h uint64, s S) uint64 {
	for i := 0; i < len(s); i++ {
		h ^= uint64(s[i])
		h *= fnvPrime64
	}
	return h
}

// fnv64 is the 64-bit FNV-1a hash of s.
func fnv64(s string) uint64 { return uint64(keyOf(s)) }

// ProcessNumber is the N of Process_N for a workflow name: deterministic, 13 digits.
func ProcessNumber(workflowName string) int64 {
	return processNumberBase + int64(fnv64(workflowName)%processNumberRange)
}

// idSuffix hashes key into a bpmn-js id suffix, [01][0-9a-z]{6}.
func idSuffix(key string) string {
	return string(appendID(nil, "", keyOf(key)))
}

// base36Digits are the digits of a suffix, as strconv writes base 36.
const base36Digits = "0123456789abcdefghijklmnopqrstuvwxyz"

// appendID appends prefix and key's id suffix to buf: the key's hash modulo idSpace in base
// 36, zero-padded to idSuffixLen digits. The leading digit is 0 or 1 (idSpace is 2·36⁶);
// the other six are written two at a time from base36Pairs, three divisions by the constant
// 1296 where digit by digit cost six by 36 (~40% of the suffix's instructions, for every
// element id), and strconv.AppendUint, dividing by a variable base, ~4× as many.
func appendID(buf []byte, prefix string, key roleKey) []byte {
	v := uint64(key) % idSpace
	buf = append(buf, prefix...)
	buf = append(buf, base36Digits[v/pairSpace3])
	rest := uint32(v % pairSpace3) // < 36⁶ < 2³²
	var digits [idSuffixLen - 1]byte
	for i := len(digits) - 2; i >= 0; i -= 2 {
		pair := rest % pairSpace
		rest /= pairSpace
		digits[i], digits[i+1] = base36Pairs[2*pair], base36Pairs[2*pair+1]
	}
	return append(buf, digits[:]...)
}

// pairSpace is the number of two-digit base-36 numbers; pairSpace3 of six-digit ones.
const (
	pairSpace  = 36 * 36
	pairSpace3 = pairSpace * pairSpace * pairSpace
)

// base36Pairs holds the two digits of each number below pairSpace, back to back: "00",
// "01", ... "zz".
var base36Pairs = func() (pairs [2 * pairSpace]byte) {
	for n := range pairSpace {
		pairs[2*n], pairs[2*n+1] = base36Digits[n/36], base36Digits[n%36]
	}
	return pairs
}()

// idAllocator hands out element ids derived from role keys. A key is the step id and the
// element's role ("enrich", "approve/join", "decide/case/2"); keys of the whole workflow
// start with '@' ("@start"), which no step id can. The same key always gets the same id
// unless an earlier key took it: then the key is rehashed as "key#1", "key#2", ... (see
// emitter.withID). Whether an id is taken is the model's registry's to say, when the
// element is added: asking it first as well cost a second look-up per element.
type idAllocator struct {
	// arena holds the ids handed out, back to back: each id is a substring of its String, so
	// thousands of ids cost one allocation rather than one each. Written bytes never change
	// (a Builder only appends), so earlier substrings stay valid; when it is full, a new
	// arena starts and the old one lives on in the ids that point into it.
	arena strings.Builder
}

// idArenaBytes is the room per id of an arena started when the first is full: "Activity_"
// and a 7-character suffix is 16 bytes, the longest prefix the compiler uses for most
// elements.
const idArenaBytes = 16

// newIDAllocator returns an allocator with an arena of size bytes for the ids (see
// modelSize).
func newIDAllocator(size int) *idAllocator {
	a := &idAllocator{}
	a.arena.Grow(size)
	return a
}

// id returns prefix + suffix for key ("Activity_", "enrich" → "Activity_0k2x9qa") on the
// first attempt (0); attempt n > 0, after a collision, hashes the key rehashed as "key#n".
func (a *idAllocator) id(prefix string, key roleKey, attempt int) string {
	if attempt > 0 {
		key = key.with("#").withInt(attempt)
	}
	var buf [48]byte // holds every prefix the compiler uses and a suffix
	return a.intern(appendID(buf[:0], prefix, key))
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
