package secmaster

import (
	"errors"
	"strings"
	"testing"
)

// maxErrorLen bounds, in bytes, an error built from a server's answer: the message, code and
// request id are cut to maxMessageLen each, and the rest is wfc's own words.
const maxErrorLen = 4 * 1024

// FuzzDecodeResponse feeds arbitrary answers (status, body, and a credential the server may
// reflect) to the functions that turn a SecMaster response into data or an error, with no
// network. Beyond not panicking: the same answer gives the same result twice, and every
// error is one line, bounded in length, and never contains the credential.
func FuzzDecodeResponse(f *testing.F) {
	for _, seed := range []struct {
		status int
		body   string
	}{
		{200, `{"code":"00000000","data":[{"id":"w1","name":"a","enabled":true}],"total":1}`},
		{200, `{"code":"SecMaster.20039999","message":"unknown error","success":false,"request_id":"r"}`},
		{200, `{"data":{"id":"v","taskflow":"eyJ9"},"total":1e3}`},
		{200, `{"instances":[{"id":"i","status":"FAILED"}],"total":1}`},
		{404, `{"error_code":"APIGW.0101","error_msg":"not found tok-SECRET-1234\n"}`},
		{500, "<html>bad gateway</html>"},
		{429, ``},
		{502, `{"code":"x","message":"` + strings.Repeat("tok-SECRET-1234", 60) + `"}`},
	} {
		f.Add(seed.status, []byte(seed.body), "tok-SECRET-1234")
	}
	f.Fuzz(func(t *testing.T, status int, body []byte, secret string) {
		secrets := []string{secret}
		if !credentialLike(secret) {
			secrets = nil // only token-shaped values are redacted; see credentialLike
		}
		r := &response{Status: status, Body: body}
		for _, err := range decodeAll(r, secrets) {
			checkServerError(t, err, secrets)
		}
		first, again := errorStrings(decodeAll(r, secrets)), errorStrings(decodeAll(r, secrets))
		if first != again {
			t.Fatalf("two decodes of one answer differ:\n%s\n---\n%s", first, again)
		}
	})
}

// decodeAll runs every decoder on r and returns the errors they give: the error of a failed
// status, the failure a 2xx envelope reports, and data and whole-body decoding into the
// shapes the client reads.
func decodeAll(r *response, secrets []string) []error {
	var errs []error
	add := func(err error) {
		if err != nil {
			errs = append(errs, err)
		}
	}
	if e := errorFromBody("show workflow", r, secrets); e != nil {
		add(e)
	} else {
		add(errors.New("errorFromBody gave no error"))
	}
	if e := envelopeError("show workflow", r, secrets); e != nil {
		add(e)
	}
	var workflows []Workflow
	_, err := decodeData("list workflows", r, &workflows)
	add(err)
	var version WorkflowVersion
	_, err = decodeData("show version", r, &version)
	add(err)
	var page InstancePage
	add(decodeJSON("list instances", r, &page))
	return errs
}

func checkServerError(t *testing.T, err error, secrets []string) {
	t.Helper()
	msg := err.Error()
	if strings.ContainsAny(msg, "\n\r") {
		t.Fatalf("error spans lines: %q", msg)
	}
	if len(msg) > maxErrorLen {
		t.Fatalf("error is %d bytes, over %d: %.200q...", len(msg), maxErrorLen, msg)
	}
	for _, s := range secrets {
		if strings.Contains(msg, s) {
			t.Fatalf("error shows the credential %q: %q", s, msg)
		}
	}
}

func errorStrings(errs []error) string {
	var b strings.Builder
	for _, err := range errs {
		b.WriteString(err.Error() + "\n")
	}
	return b.String()
}

// credentialLike reports whether s looks like a token or key (at least 8 characters of the
// base64, hex and UUID alphabets). Redaction is for those; a "secret" with spaces or control
// characters could be spelled by the message cleaner itself, which is no leak.
func credentialLike(s string) bool {
	if len(s) < 8 {
		return false
	}
	for _, c := range s {
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || strings.ContainsRune("+/=-_.", c)) {
			return false
		}
	}
	return true
}
