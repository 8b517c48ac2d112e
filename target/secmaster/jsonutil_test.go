package secmaster

import (
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/wfc-dev/wfc/internal/allocs"
)

// TestRequestJSONIsMarshalIndent: the request body written member by member is, byte for
// byte, what encoding/json writes with two-space indentation and no HTML escaping, for values
// that need escapes of every kind; and a request with a megabyte taskflow is written with a
// single buffer for it (encoding/json's compact and indenting passes made eight times as much).
func TestRequestJSONIsMarshalIndent(t *testing.T) {
	r := Request{
		Name:        `A & B <x> "q" \ é ` + "\u2028\t\n\x01",
		Description: "plain <b> & ~\x7f, copied as it is",
		Taskconfig:  `{"a":"${x > 1 && y}"}`,
		Input:       `[{"name":"ip","type":"String"}]`,
		Output:      "[]",
		Taskflow:    strings.Repeat("QUJD", 1<<18),
		AopType:     "NORMAL",
	}
	want, err := marshalIndent(r)
	if err != nil {
		t.Fatal(err)
	}
	got, err := indentedJSON(r)
	if err != nil {
		t.Fatal(err)
	}
	if string(got) != string(want) {
		t.Fatalf("RequestJSON differs from marshalIndent:\n%.300s\nwant\n%.300s", got, want)
	}
	// Empty parameters are written, not left out as the client leaves them.
	empty, err := indentedJSON(Request{})
	if err != nil || !strings.Contains(string(empty), "\n  \"input\": \"\",\n  \"output\": \"\",\n") {
		t.Errorf("a request without parameters leaves them out: %s (%v)", empty, err)
	}
	// Once the body here, twice under the race detector; encoding/json's way, 8 times.
	if n := allocs.Bytes(func() { _, _ = indentedJSON(r) }); n > 3*uint64(len(want)) {
		t.Errorf("writing a %d-byte request allocates %d bytes; want at most 3 times the body", len(want), n)
	}
}

// TestJSONVerbatimIsByteByByte: the word-at-a-time scan agrees with the plain definition for
// every byte value at every position of strings of 0 to 24 bytes (so in each word lane and in
// the tail), on clean backgrounds at both ends of the verbatim range, and on random strings.
func TestJSONVerbatimIsByteByByte(t *testing.T) {
	plain := func(s string) bool {
		for i := 0; i < len(s); i++ {
			if c := s[i]; c < 0x20 || c == '"' || c == '\\' || c >= 0x80 {
				return false
			}
		}
		return true
	}
	for _, background := range []byte{' ', '~', 'A', '!', '#', '[', ']'} {
		for n := 0; n <= 24; n++ {
			b := []byte(strings.Repeat(string(background), n))
			if !jsonVerbatim(string(b)) {
				t.Fatalf("%q is verbatim, jsonVerbatim says not", b)
			}
			for i := 0; i < n; i++ {
				for c := 0; c < 256; c++ {
					b[i] = byte(c)
					if got, want := jsonVerbatim(string(b)), plain(string(b)); got != want {
						t.Fatalf("jsonVerbatim(%q) = %v, want %v", b, got, want)
					}
				}
				b[i] = background
			}
		}
	}
	rng := rand.New(rand.NewPCG(1, 2))
	for range 20000 {
		b := make([]byte, rng.IntN(40))
		for i := range b {
			b[i] = byte(0x1c + rng.IntN(0x68)) // mostly verbatim, near both edges
		}
		if got, want := jsonVerbatim(string(b)), plain(string(b)); got != want {
			t.Fatalf("jsonVerbatim(%q) = %v, want %v", b, got, want)
		}
	}
}
