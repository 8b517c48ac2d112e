package secmaster

import (
	"math/bits"
	"unicode/utf8"
)

// jsonVerbatim reports whether s is JSON string content as it is: printable ASCII without '"'
// and '\\', which encoding/json copies unchanged.
func jsonVerbatim(s string) bool { return verbatimPrefix(s) == len(s) }

// verbatimPrefix is the length of the longest prefix of s that is JSON string content as it
// is (see jsonVerbatim). It reads 32 bytes a step, since a taskflow is megabytes of base64: byte
// by byte this was a tenth of `wfc compile`'s instructions at 1,000 steps, and 8 bytes a step
// takes a third more instructions than 32.
func verbatimPrefix(s string) int {
	i := 0
	if len(s) >= 8 { // first a word alone: in JSON text, such as a taskconfig, runs are short
		if f := verbatimFlags(word(s[:8])); f != 0 {
			return bits.TrailingZeros64(f) / 8
		}
		i = 8
	}
	for ; len(s)-i >= 32; i += 32 {
		b := s[i : i+32]
		if (verbatimBits(word(b[:8]))|verbatimBits(word(b[8:16]))|verbatimBits(word(b[16:24]))|verbatimBits(word(b[24:32])))&highs != 0 {
			break // the word loop finds which byte
		}
	}
	for ; len(s)-i >= 8; i += 8 {
		if f := verbatimFlags(word(s[i : i+8])); f != 0 {
			return i + bits.TrailingZeros64(f)/8
		}
	}
	for ; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c == '"' || c == '\\' || c >= utf8.RuneSelf {
			return i
		}
	}
	return len(s)
}

// word is the first 8 bytes of w as a little-endian number, read in one load.
func word(w string) uint64 {
	_ = w[7] // one bounds check
	return uint64(w[0]) | uint64(w[1])<<8 | uint64(w[2])<<16 | uint64(w[3])<<24 |
		uint64(w[4])<<32 | uint64(w[5])<<40 | uint64(w[6])<<48 | uint64(w[7])<<56
}

// highs is the high bit of each byte of a word: where verbatimBits flags.
const highs = 0x8080808080808080

// verbatimFlags is verbatimBits(x) & highs: it sets the high bit of each byte of the word x
// that is not verbatim, and maybe of some after it; the lowest set bit is always a flagged
// byte's.
func verbatimFlags(x uint64) uint64 { return verbatimBits(x) & highs }

// verbatimBits sets, among other bits, the high bit of each byte of the word x that is not
// verbatim: x's own for a non-ASCII byte; x-0x20's for one below 0x20, which borrows; and for
// '"' or '\\', that of its xor with the character less one, 0-1 borrowing. A borrow carries
// upwards only from a byte that flags, so bytes below the first flagged one never flag, and
// for a byte that is verbatim none of the three differences reaches 0x80.
func verbatimBits(x uint64) uint64 {
	const ones = 0x0101010101010101
	return x | (x - 0x20*ones) | (x ^ '"'*ones - ones) | (x ^ '\\'*ones - ones)
}
