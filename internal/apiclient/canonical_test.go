package apiclient

import "testing"

func TestPercentEncodeIsRFC3986(t *testing.T) {
	if got := PercentEncode("a b*c~d/é-_."); got != "a%20b%2Ac~d%2F%C3%A9-_." {
		t.Errorf("got %q", got)
	}
}

func TestCanonicalQuerySortsKeysThenValues(t *testing.T) {
	q := map[string][]string{"b": {"2", "1"}, "a b": {"x*"}, "A": {""}}
	if got := CanonicalQuery(q); got != "A=&a%20b=x%2A&b=1&b=2" {
		t.Errorf("got %q", got)
	}
	if got := CanonicalQuery(nil); got != "" {
		t.Errorf("empty query: %q", got)
	}
}

// Known answers: SHA-256 of "" and RFC 4231 test case 2.
func TestHashes(t *testing.T) {
	if got := HashHex(nil); got != "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855" {
		t.Errorf("HashHex(nil) = %s", got)
	}
	if got := HMACHex("Jefe", "what do ya want for nothing?"); got != "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843" {
		t.Errorf("HMACHex = %s", got)
	}
}
