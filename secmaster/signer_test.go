package secmaster

import (
	"bytes"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"net/http"
	"strings"
	"testing"
	"time"
)

var fixedDate = time.Date(2024, 1, 2, 3, 4, 5, 0, time.UTC)

// expectedAuth computes the Authorization value from a canonical request written out by hand,
// so the tests check the canonicalisation rather than the signer against itself.
func expectedAuth(t *testing.T, ak, sk, signed, canonical string) string {
	t.Helper()
	sum := sha256.Sum256([]byte(canonical))
	toSign := "SDK-HMAC-SHA256\n20240102T030405Z\n" + hex.EncodeToString(sum[:])
	m := hmac.New(sha256.New, []byte(sk))
	m.Write([]byte(toSign))
	return "SDK-HMAC-SHA256 Access=" + ak + ", SignedHeaders=" + signed + ", Signature=" + hex.EncodeToString(m.Sum(nil))
}

func newSigner() *Signer {
	return &Signer{AccessKey: "AKEXAMPLE", SecretKey: "sk-example-secret", Now: func() time.Time { return fixedDate.Add(7 * time.Hour).In(time.FixedZone("x", 7*3600)) }}
}

func TestSignEscapedPathAndRepeatedQuery(t *testing.T) {
	s := newSigner()
	s.Now = func() time.Time { return fixedDate.In(time.FixedZone("CST", 8*3600)) } // local time must not leak into the date
	req, _ := http.NewRequest("GET", "https://secmaster.cn-north-4.myhuaweicloud.com/v1/proj/workspaces/ws-1/soc/workflows/wf%20name+%C3%A9:1?name=b&name=a&tag=x%20y&Z=1", nil)
	req.Header.Set("User-Agent", "wfc")
	req.Header.Set("X-Project-Id", "proj")
	req.Header.Set("Content-Type", "application/json;charset=UTF-8") // never signed
	req.Header["X-Custom_name"] = []string{"v"}                      // names with "_" are not signed
	s.Sign(req, nil)

	canonical := "GET\n" +
		"/v1/proj/workspaces/ws-1/soc/workflows/wf%20name%2B%C3%A9%3A1/\n" +
		"Z=1&name=a&name=b&tag=x%20y\n" +
		"user-agent:wfc\n" +
		"x-project-id:proj\n" +
		"x-sdk-date:20240102T030405Z\n" +
		"\n" +
		"user-agent;x-project-id;x-sdk-date\n" +
		"e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
	if got := req.Header.Get("X-Sdk-Date"); got != "20240102T030405Z" {
		t.Errorf("X-Sdk-Date = %q", got)
	}
	want := expectedAuth(t, "AKEXAMPLE", "sk-example-secret", "user-agent;x-project-id;x-sdk-date", canonical)
	if got := req.Header.Get("Authorization"); got != want {
		t.Errorf("Authorization\n got %s\nwant %s", got, want)
	}
}

func TestSignJSONBodyWithSecurityToken(t *testing.T) {
	s := newSigner()
	s.Now = func() time.Time { return fixedDate }
	s.SecurityToken = "sec-token-1"
	body := []byte(`{"name":"x"}`)
	req, _ := http.NewRequest("POST", "https://h.example/v1/p/workspaces/w/soc/workflows", bytes.NewReader(body))
	req.Header.Set("User-Agent", "wfc")
	req.Header.Set("X-Project-Id", "  p  ") // values are trimmed
	s.Sign(req, body)

	if got := req.Header.Get("X-Security-Token"); got != "sec-token-1" {
		t.Fatalf("X-Security-Token = %q", got)
	}
	sum := sha256.Sum256([]byte(`{"name":"x"}`))
	canonical := "POST\n" +
		"/v1/p/workspaces/w/soc/workflows/\n" +
		"\n" +
		"user-agent:wfc\n" +
		"x-project-id:p\n" +
		"x-sdk-date:20240102T030405Z\n" +
		"x-security-token:sec-token-1\n" +
		"\n" +
		"user-agent;x-project-id;x-sdk-date;x-security-token\n" +
		hex.EncodeToString(sum[:])
	want := expectedAuth(t, "AKEXAMPLE", "sk-example-secret", "user-agent;x-project-id;x-sdk-date;x-security-token", canonical)
	if got := req.Header.Get("Authorization"); got != want {
		t.Errorf("Authorization\n got %s\nwant %s", got, want)
	}
}

func TestSignMultipartUnsignedPayload(t *testing.T) {
	s := newSigner()
	s.Now = func() time.Time { return fixedDate }
	body := []byte("--b\r\nContent-Disposition: form-data; name=\"uploadFile\"\r\n\r\n[]\r\n--b--\r\n")
	req, _ := http.NewRequest("POST", "https://h.example/v1/p/workspaces/w/soc/workflows/import", bytes.NewReader(body))
	req.Header.Set("Content-Type", "multipart/form-data; boundary=b")
	req.Header.Set("X-Sdk-Content-Sha256", "UNSIGNED-PAYLOAD")
	s.Sign(req, body)
	canonical := "POST\n" +
		"/v1/p/workspaces/w/soc/workflows/import/\n" +
		"\n" +
		"x-sdk-content-sha256:UNSIGNED-PAYLOAD\n" +
		"x-sdk-date:20240102T030405Z\n" +
		"\n" +
		"x-sdk-content-sha256;x-sdk-date\n" +
		"UNSIGNED-PAYLOAD"
	want := expectedAuth(t, "AKEXAMPLE", "sk-example-secret", "x-sdk-content-sha256;x-sdk-date", canonical)
	if got := req.Header.Get("Authorization"); got != want {
		t.Errorf("Authorization\n got %s\nwant %s", got, want)
	}
}

func TestVerify(t *testing.T) {
	keys := func(ak string) (string, bool) {
		if ak == "AKEXAMPLE" {
			return "sk-example-secret", true
		}
		return "", false
	}
	signed := func(mut func(*Signer), body string) *http.Request {
		s := newSigner()
		s.Now = func() time.Time { return fixedDate }
		if mut != nil {
			mut(s)
		}
		req, _ := http.NewRequest("PUT", "https://h.example/v1/p/workspaces/w/soc/workflows/versions/v%201?a=1", strings.NewReader(body))
		req.Header.Set("X-Project-Id", "p")
		s.Sign(req, []byte(body))
		return req
	}
	tests := []struct {
		name    string
		req     *http.Request
		body    string
		now     time.Time
		wantErr string
	}{
		{"valid", signed(nil, `{"status":"activated"}`), `{"status":"activated"}`, fixedDate.Add(14 * time.Minute), ""},
		{"body changed", signed(nil, `{"status":"activated"}`), `{"status":"not_activated"}`, fixedDate, "signature does not match"},
		{"wrong secret", signed(func(s *Signer) { s.SecretKey = "other" }, `{}`), `{}`, fixedDate, "signature does not match"},
		{"unknown key", signed(func(s *Signer) { s.AccessKey = "AKOTHER" }, `{}`), `{}`, fixedDate, "unknown access key"},
		{"too old", signed(nil, `{}`), `{}`, fixedDate.Add(16 * time.Minute), "away from the server clock"},
		{"from the future", signed(nil, `{}`), `{}`, fixedDate.Add(-16 * time.Minute), "away from the server clock"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			err := Verify(tc.req, []byte(tc.body), keys, tc.now, 15*time.Minute)
			if tc.wantErr == "" {
				if err != nil {
					t.Fatalf("Verify: %v", err)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
				t.Fatalf("Verify error = %v, want %q", err, tc.wantErr)
			}
			if strings.Contains(err.Error(), "sk-example-secret") {
				t.Fatalf("error leaks the secret: %v", err)
			}
		})
	}

	t.Run("header changed after signing", func(t *testing.T) {
		req := signed(nil, `{}`)
		req.Header.Set("X-Project-Id", "q")
		if err := Verify(req, []byte(`{}`), keys, fixedDate, 15*time.Minute); err == nil {
			t.Fatal("Verify accepted a changed signed header")
		}
	})
	t.Run("garbage authorization", func(t *testing.T) {
		for _, auth := range []string{"", "Bearer x", "SDK-HMAC-SHA256 nonsense", "SDK-HMAC-SHA256 Access=AKEXAMPLE, SignedHeaders=x-sdk-date;a, Signature=00"} {
			req := signed(nil, `{}`)
			req.Header.Set("Authorization", auth)
			if err := Verify(req, []byte(`{}`), keys, fixedDate, 15*time.Minute); err == nil {
				t.Errorf("Verify accepted Authorization %q", auth)
			}
		}
	})
}

func TestSignerHidesKeysWhenPrinted(t *testing.T) {
	s := &Signer{AccessKey: "AK-visible?", SecretKey: "SK-visible?", SecurityToken: "ST-visible?"}
	for _, out := range []string{sprint("%v", s), sprint("%+v", s), sprint("%#v", s), sprint("%s", s)} {
		if strings.Contains(out, "visible") {
			t.Errorf("printed signer leaks a key: %s", out)
		}
	}
}
