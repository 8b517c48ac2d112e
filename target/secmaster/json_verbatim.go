package secmaster

import "unicode/utf8"

// jsonVerbatim reports whether s is JSON string content as it is: printable ASCII without '"'
// and '\\', which encoding/json copies unchanged. It reads eight bytes a word, since a
// taskflow is megabytes of base64 and byte by byte this was a tenth of `wfc compile`'s
// instructions at 1,000 steps.
func jsonVerbatim(s string) bool {
	const (
		ones  = 0x0101010101010101
		highs = 0x8080808080808080
	)
	for ; len(s) >= 8; s = s[8:] {
		w := s[:8] // a constant length: no bounds check below, and one 8-byte load
		x := uint64(w[0]) | uint64(w[1])<<8 | uint64(w[2])<<16 | uint64(w[3])<<24 |
			uint64(w[4])<<32 | uint64(w[5])<<40 | uint64(w[6])<<48 | uint64(w[7])<<56
		// A byte's high bit is set in the sum when the byte is non-ASCII, below 0x20 (x-0x20
		// borrows), or equal to '"' or '\\' (its xor is 0, and 0-1 borrows). Borrows only
		// carry upwards from a byte that already flags, so a clean word never flags.
		control := x - 0x20*ones
		quote := x ^ '"'*ones
		backslash := x ^ '\\'*ones
		if (x|control|(quote-ones)&^quote|(backslash-ones)&^backslash)&highs != 0 {
			return false
		}
	}
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c == '"' || c == '\\' || c >= utf8.RuneSelf {
			return false
		}
	}
	return true
}
