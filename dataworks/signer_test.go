package dataworks

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"
)

// The two vectors below were signed by the real Alibaba Go SDK (darabonba-openapi v2.2.4);
// issue 10 lists them. The signer must reproduce them byte for byte.
const (
	vectorAK     = "LTAI5tFakeAccessKeyId0001"
	vectorSecret = "FakeAccessKeySecret00000000000001"
	vectorHost   = "127.0.0.1:8080"
	vectorBody   = "ProjectId=10000&Spec=%7B%22version%22%3A%221.1.0%22%2C%22kind%22%3A%22CycleWorkflow%22%2C%22spec%22%3A%7B%22workflows%22%3A%5B%7B%22name%22%3A%22w+a%2Bb%2A~%E4%B8%AD%22%2C%22script%22%3A%7B%22runtime%22%3A%7B%22command%22%3A%22WORKFLOW%22%7D%7D%7D%5D%7D%7D"
	vectorSpec   = `{"version":"1.1.0","kind":"CycleWorkflow","spec":{"workflows":[{"name":"w a+b*~中","script":{"runtime":{"command":"WORKFLOW"}}}]}}`
)

var vectorDate = time.Date(2026, 11, 29, 17, 51, 20, 0, time.UTC)

func vectorSigner(nonce string) *Signer {
	return &Signer{
		AccessKeyID:     vectorAK,
		AccessKeySecret: vectorSecret,
		Now:             func() time.Time { return vectorDate.In(time.FixedZone("CST", 8*3600)) }, // must be signed in UTC
		Nonce:           func() string { return nonce },
	}
}

func vectorRequest(t *testing.T, method, target, action, body string) *http.Request {
	t.Helper()
	req, err := http.NewRequest(method, "http://"+vectorHost+target, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	if body != "" {
		req.Header.Set("content-type", "application/x-www-form-urlencoded")
	}
	req.Header.Set(HeaderAction, action)
	req.Header.Set(HeaderVersion, APIVersion)
	req.Header.Set("x-acs-credentials-provider", "static_ak")
	return req
}

func wantAuthorization(signed, sig string) string {
	return "ACS3-HMAC-SHA256 Credential=" + vectorAK + ",SignedHeaders=" + signed + ",Signature=" + sig
}

func TestSignVectorPostForm(t *testing.T) {
	req := vectorRequest(t, "POST", "/", "CreateWorkflowDefinition", vectorBody)
	vectorSigner("5fdb7112f5e456029f8c5ce2b7935524").Sign(req, []byte(vectorBody))

	if got, want := req.Header.Get(HeaderContentSha256), "06b87ca201264d8fa5d0c43e7176f532e2e5d154594fbdac73835ce292497ede"; got != want {
		t.Errorf("x-acs-content-sha256 = %s, want %s", got, want)
	}
	if got := req.Header.Get(HeaderDate); got != "2026-11-29T17:51:20Z" {
		t.Errorf("x-acs-date = %s", got)
	}
	signed := "content-type;host;x-acs-action;x-acs-content-sha256;x-acs-credentials-provider;x-acs-date;x-acs-signature-nonce;x-acs-version"
	want := wantAuthorization(signed, "5374e8ac6a5fb2b8e5ab38c176c0521dc5df432e95eb30d362330982aa29e4db")
	if got := req.Header.Get(HeaderAuthorization); got != want {
		t.Errorf("Authorization\n got %s\nwant %s", got, want)
	}
}

// TestFormEncodingMatchesVector shows the client's form encoding (url.Values.Encode: sorted keys,
// space as +) produces the very body the SDK signed.
func TestFormEncodingMatchesVector(t *testing.T) {
	got := url.Values{"ProjectId": {"10000"}, "Spec": {vectorSpec}}.Encode()
	if got != vectorBody {
		t.Errorf("form body\n got %s\nwant %s", got, vectorBody)
	}
}

func TestSignVectorGetQuery(t *testing.T) {
	q := url.Values{"Name": {"w a+b*~中/"}, "PageSize": {"100"}, "ProjectId": {"10000"}}.Encode()
	if q != "Name=w+a%2Bb%2A~%E4%B8%AD%2F&PageSize=100&ProjectId=10000" {
		t.Fatalf("query encodes as %s", q)
	}
	req := vectorRequest(t, "GET", "/?"+q, "ListWorkflowDefinitions", "")
	vectorSigner("9f0638eca0636d0c79900c0bc03a4860").Sign(req, nil)

	if got, want := req.Header.Get(HeaderContentSha256), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"; got != want {
		t.Errorf("x-acs-content-sha256 = %s, want the hash of the empty string %s", got, want)
	}
	signed := "host;x-acs-action;x-acs-content-sha256;x-acs-credentials-provider;x-acs-date;x-acs-signature-nonce;x-acs-version"
	want := wantAuthorization(signed, "b6664908f709ff0b08733e6a7c4b8ee39be68a6122f5e5e30a3fa8098771d2c8")
	if got := req.Header.Get(HeaderAuthorization); got != want {
		t.Errorf("Authorization\n got %s\nwant %s", got, want)
	}
}

func TestCanonicalQueryEncodesSpaceAsPercent20(t *testing.T) {
	req, _ := http.NewRequest("GET", "http://h/?b=2&a=x+y&a=%7E&c=", nil)
	got := CanonicalRequest(req, []string{"host"}, "P")
	want := "GET\n/\na=x%20y&a=~&b=2&c=\nhost:h\n\nhost\nP"
	if got != want {
		t.Errorf("canonical request\n got %q\nwant %q", got, want)
	}
}

func TestSignSecurityTokenIsSentAndSigned(t *testing.T) {
	s := vectorSigner("0123456789abcdef0123456789abcdef")
	s.SecurityToken = "STS.FakeToken0001"
	req := vectorRequest(t, "GET", "/?ProjectId=10000", "GetPipelineRun", "")
	s.Sign(req, nil)
	if got := req.Header.Get(HeaderSecurityToken); got != "STS.FakeToken0001" {
		t.Fatalf("x-acs-security-token = %q", got)
	}
	if got := req.Header.Get(HeaderAccessKeyID); got != vectorAK {
		t.Errorf("x-acs-accesskey-id = %q", got)
	}
	auth := req.Header.Get(HeaderAuthorization)
	if !strings.Contains(auth, "x-acs-accesskey-id;x-acs-action;") || !strings.Contains(auth, "x-acs-security-token;x-acs-signature-nonce") {
		t.Errorf("the STS headers are not signed: %s", auth)
	}
	// The token is part of the signature: another token gives another signature.
	other := vectorSigner("0123456789abcdef0123456789abcdef")
	other.SecurityToken = "STS.FakeToken0002"
	req2 := vectorRequest(t, "GET", "/?ProjectId=10000", "GetPipelineRun", "")
	other.Sign(req2, nil)
	if req2.Header.Get(HeaderAuthorization) == auth {
		t.Error("changing the security token did not change the signature")
	}
}

func TestSignerNeverPrintsKeys(t *testing.T) {
	s := vectorSigner("n")
	s.SecurityToken = "STS.FakeToken0001"
	for _, out := range []string{s.String(), s.GoString()} {
		if strings.Contains(out, vectorAK) || strings.Contains(out, vectorSecret) || strings.Contains(out, "STS.Fake") {
			t.Errorf("printed signer shows a credential: %s", out)
		}
	}
}

func TestDefaultNonceDiffersPerRequest(t *testing.T) {
	a, b := randomNonce(), randomNonce()
	if a == b || len(a) != 32 {
		t.Errorf("nonces %q and %q: want two different 32-hex-digit values", a, b)
	}
}
