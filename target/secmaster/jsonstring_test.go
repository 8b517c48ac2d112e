package secmaster

import (
	"bytes"
	"encoding/json"
	"math/rand/v2"
	"runtime"
	"strings"
	"testing"

	"github.com/wfc-dev/wfc/internal/race"
)

// encodingJSONString is s as encoding/json writes it with HTML escaping off: the reference
// writeJSONString must match byte for byte.
func encodingJSONString(t testing.TB, s string) string {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(s); err != nil {
		t.Fatal(err)
	}
	return strings.TrimSuffix(b.String(), "\n")
}

// checkJSONString fails when writeJSONString's bytes or jsonLength's count differ from
// encoding/json's for s.
func checkJSONString(t testing.TB, s string) {
	t.Helper()
	want := encodingJSONString(t, s)
	var got bytes.Buffer
	writeJSONString(&got, s)
	if got.String() != want {
		t.Fatalf("writeJSONString(%q) = %s; encoding/json writes %s", s, got.String(), want)
	}
	var n jsonLength
	writeJSONString(&n, s)
	if int(n) != len(want) {
		t.Fatalf("jsonLength of %q = %d; encoding/json writes %d bytes", s, n, len(want))
	}
}

// tricky are strings that need every kind of escape, and the kinds of text users write.
var tricky = []string{
	"", `plain`, `"`, `\`, `\"`, `{"a":"b\\c"}`, "a\x00b\x01\x1f\x7f",
	"\b\f\n\r\t\v", "<script>&amp;</script>", "é ü ß", "工作流名称：封禁恶意IP",
	"\u2028\u2029 line/para", "\xff\xfe\xfd", "a\xe5\xb7b", // invalid UTF-8: a cut CJK rune
	"\xed\xa0\x80", "\xf4\x90\x80\x80", "\xc0\xaf", "tail\xe5\xb7", // surrogate, > U+10FFFF, overlong, cut
	"😀 emoji 𝄞", "\ufeffBOM", "\ufffd literal replacement", strings.Repeat(`"中"`, 100),
}

// TestWriteJSONStringIsEncodingJSON: the streaming escaper and the length it counts are
// encoding/json's, for every single byte, every tricky string, the tricky strings joined, and
// random strings drawn from the bytes that escape.
func TestWriteJSONStringIsEncodingJSON(t *testing.T) {
	for c := range 256 {
		checkJSONString(t, string(rune(c)))
		checkJSONString(t, string([]byte{byte(c)}))
	}
	for _, s := range tricky {
		checkJSONString(t, s)
	}
	checkJSONString(t, strings.Join(tricky, ""))
	alphabet := []string{"a", "\"", "\\", "\n", "\x01", "\x7f", "中", "\u2028", "\xe5", "\xb7", "é", "😀", "<"}
	rng := rand.New(rand.NewPCG(3, 4))
	for range 5000 {
		var b strings.Builder
		for range rng.IntN(24) {
			b.WriteString(alphabet[rng.IntN(len(alphabet))])
		}
		checkJSONString(t, b.String())
	}
}

func FuzzWriteJSONString(f *testing.F) {
	for _, s := range tricky {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) { checkJSONString(t, s) })
}

// TestRequestJSONAllocationBudget: a request whose taskconfig is a megabyte of escaped JSON
// (every quote gains a backslash) and whose names are Chinese is written into one buffer of
// its exact size. Sizing from the fields' raw lengths fell short and the buffer grew to
// twice the body: an allocation of 3 times the body in all.
func TestRequestJSONAllocationBudget(t *testing.T) {
	if race.Enabled {
		t.Skip("the race detector changes allocation counts")
	}
	r := Request{
		Name:        "封禁恶意IP工作流",
		Description: strings.Repeat("当检测到告警时自动封禁来源地址。", 1000),
		Taskconfig:  strings.Repeat(`{"node_type":"action","name":"封禁","with":{"ip":"${ip}"}},`, 20000),
		Taskflow:    strings.Repeat("QUJD", 1<<18),
		AopType:     "NORMAL",
	}
	body, err := indentedJSON(r)
	if err != nil {
		t.Fatal(err)
	}
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	_, _ = indentedJSON(r)
	runtime.ReadMemStats(&after)
	// The buffer, rounded up to the allocator's page, and the small values reflect boxes.
	if n, limit := after.TotalAlloc-before.TotalAlloc, uint64(len(body))+64<<10; n > limit {
		t.Errorf("writing a %d-byte request allocates %d bytes; want one buffer of its size (at most %d)", len(body), n, limit)
	}
}

// TestVerbatimPrefixIsByteByByte: the first byte that is not verbatim is found wherever it is
// in strings of 0 to 72 bytes (in each lane of the 32-byte blocks, the 8-byte words and the
// tail), whatever follows it, for every byte value.
func TestVerbatimPrefixIsByteByByte(t *testing.T) {
	plain := func(s string) int {
		for i := 0; i < len(s); i++ {
			if c := s[i]; c < 0x20 || c == '"' || c == '\\' || c >= 0x80 {
				return i
			}
		}
		return len(s)
	}
	for n := 0; n <= 72; n++ {
		b := []byte(strings.Repeat("~", n))
		for i := 0; i < n; i++ {
			for c := 0; c < 256; c++ {
				b[i] = byte(c)
				if i+1 < n {
					b[n-1] = '"' // a later byte that also flags
				}
				if got, want := verbatimPrefix(string(b)), plain(string(b)); got != want {
					t.Fatalf("verbatimPrefix(%q) = %d, want %d", b, got, want)
				}
			}
			b[i], b[n-1] = '~', '~'
		}
	}
}
