package apiclient

import "testing"

func TestFormatAPIErrorLeavesOutWhatIsEmpty(t *testing.T) {
	for _, tc := range []struct {
		code, msg, id, want string
	}{
		{"X.1", "boom", "r-1", "op: HTTP 500 X.1: boom (request id r-1)"},
		{"", "boom", "", "op: HTTP 500: boom"},
		{"", "", "", "op: HTTP 500"},
	} {
		if got := FormatAPIError("op", 500, tc.code, tc.msg, tc.id); got != tc.want {
			t.Errorf("got %q, want %q", got, tc.want)
		}
	}
}

// TestNotJSONMessageNeverEchoesTheBody: a gateway page may reflect the request.
func TestNotJSONMessageNeverEchoesTheBody(t *testing.T) {
	r := &Response{Status: 502, Body: []byte("<html>" + testSecret + "</html>")}
	if got := r.NotJSONMessage(); got != "bad gateway (the 34-byte body is not a JSON error)" {
		t.Errorf("got %q", got)
	}
	if got := (&Response{Status: 503}).NotJSONMessage(); got != "service unavailable" {
		t.Errorf("empty body: %q", got)
	}
}
