package dataworks

import (
	"math/rand/v2"
	"testing"
)

// TestAppendStringMatchesEncodingJSON: appendString writes every string as encoding/json
// does without HTML escaping, so the compiled document's bytes do not depend on which wrote
// them: quotes, backslashes, every control character, <, > and &, U+2028 and U+2029, invalid
// UTF-8, and random bytes.
func TestAppendStringMatchesEncodingJSON(t *testing.T) {
	cases := []string{"", "plain", `q"b\s`, "<a> & b", "\u2028\u2029", "\xff\xfe bad", "中文 ✓", "a\x7fb"}
	for c := range 0x20 {
		cases = append(cases, string(rune(c))+"x")
	}
	rng := rand.New(rand.NewPCG(1, 2))
	for range 500 {
		b := make([]byte, rng.IntN(12))
		for i := range b {
			b[i] = byte(rng.IntN(256))
		}
		cases = append(cases, string(b))
	}
	for _, s := range cases {
		want, err := encode(s, "")
		if err != nil {
			t.Fatal(err)
		}
		if got := appendString(nil, s); string(got) != string(want) {
			t.Errorf("%q: appendString %s, encoding/json %s", s, got, want)
		}
	}
}
