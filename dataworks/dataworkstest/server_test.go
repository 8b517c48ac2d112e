package dataworkstest_test

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/wfc-dev/wfc/dataworks"
	"github.com/wfc-dev/wfc/dataworks/dataworkstest"
)

const (
	testAK     = "LTAI5tTestKeyId000000001"
	testSecret = "TestSecret000000000000000000001"
)

var serverNow = time.Date(2026, 11, 29, 17, 51, 20, 0, time.UTC)

func newServer(t *testing.T, mut func(*dataworkstest.Options)) *dataworkstest.Server {
	t.Helper()
	opts := dataworkstest.Options{
		Keys: map[string]dataworkstest.Key{testAK: {Secret: testSecret}},
		Now:  func() time.Time { return serverNow },
	}
	if mut != nil {
		mut(&opts)
	}
	srv := dataworkstest.NewTestServer(opts)
	t.Cleanup(srv.Close)
	return srv
}

// rawCall is one hand-built request, so tests can send what the client never would.
type rawCall struct {
	method, action string
	query, form    url.Values
	signer         *dataworks.Signer
	tamper         func(*http.Request) // after signing
}

var nonceSeq int

func (c rawCall) send(t *testing.T, srv *dataworkstest.Server) (int, map[string]any) {
	t.Helper()
	body := ""
	if c.method == "POST" {
		body = c.form.Encode()
	}
	req, err := http.NewRequest(c.method, srv.URL+"/?"+c.query.Encode(), strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set(dataworks.HeaderAction, c.action)
	req.Header.Set(dataworks.HeaderVersion, dataworks.APIVersion)
	if c.method == "POST" {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	s := c.signer
	if s == nil {
		s = &dataworks.Signer{AccessKeyID: testAK, AccessKeySecret: testSecret}
	}
	s.Now = func() time.Time { return serverNow }
	s.Nonce = func() string { nonceSeq++; return fmt.Sprintf("nonce-%d", nonceSeq) }
	s.Sign(req, []byte(body))
	if c.tamper != nil {
		c.tamper(req)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	data, _ := io.ReadAll(resp.Body)
	var out map[string]any
	if err := json.Unmarshal(data, &out); err != nil {
		t.Fatalf("%s answered %d with non-JSON %q", c.action, resp.StatusCode, data)
	}
	return resp.StatusCode, out
}

func project(extra url.Values) url.Values {
	v := url.Values{"ProjectId": {dataworkstest.DefaultProjectID}}
	for k, vs := range extra {
		v[k] = vs
	}
	return v
}

func wantError(t *testing.T, status int, body map[string]any, wantStatus int, code, msgPart string) {
	t.Helper()
	if status != wantStatus || body["Code"] != code || !strings.Contains(fmt.Sprint(body["Message"]), msgPart) {
		t.Errorf("got %d %v, want %d %s containing %q", status, body, wantStatus, code, msgPart)
	}
}

func TestTamperedRequestIsSignatureDoesNotMatch(t *testing.T) {
	srv := newServer(t, nil)
	list := rawCall{method: "GET", action: "ListWorkflowDefinitions", query: project(nil)}
	if status, body := list.send(t, srv); status != 200 {
		t.Fatalf("an untampered request: %d %v", status, body)
	}
	list.tamper = func(r *http.Request) { r.URL.RawQuery = project(url.Values{"Name": {"x"}}).Encode() }
	status, body := list.send(t, srv)
	wantError(t, status, body, 400, "SignatureDoesNotMatch", "server string to sign is:ACS3-HMAC-SHA256\n")
	// The real error body's shape: exactly these five fields.
	for _, k := range []string{"RequestId", "Code", "Message", "HostId", "Recommend"} {
		if _, ok := body[k]; !ok {
			t.Errorf("error body lacks %s: %v", k, body)
		}
	}
	if len(body) != 5 {
		t.Errorf("error body has %d fields, want 5: %v", len(body), body)
	}

	wrongSecret := rawCall{method: "GET", action: "ListWorkflowDefinitions", query: project(nil),
		signer: &dataworks.Signer{AccessKeyID: testAK, AccessKeySecret: "not-the-secret"}}
	status, body = wrongSecret.send(t, srv)
	wantError(t, status, body, 400, "SignatureDoesNotMatch", "does not match")
}

func TestBodyHashMustMatchTheBody(t *testing.T) {
	srv := newServer(t, nil)
	c := rawCall{method: "POST", action: "ImportWorkflowDefinition", form: project(url.Values{"Spec": {specJSON("a")}}),
		tamper: func(r *http.Request) {
			r.Body = io.NopCloser(strings.NewReader(project(url.Values{"Spec": {specJSON("b")}}).Encode()))
			r.ContentLength = -1
		}}
	status, body := c.send(t, srv)
	wantError(t, status, body, 400, "SignatureDoesNotMatch", "x-acs-content-sha256")
	if n := srv.Applied(dataworkstest.ActionImportWorkflowDefinition); n != 0 {
		t.Errorf("a request with a bad signature was applied %d times", n)
	}
}

func TestAuthenticationFailures(t *testing.T) {
	srv := newServer(t, func(o *dataworkstest.Options) {
		o.Keys["STS.KeyId0000001"] = dataworkstest.Key{Secret: "sts-secret-0001", SecurityToken: "sts-token-0001"}
	})
	list := func(s *dataworks.Signer, tamper func(*http.Request)) rawCall {
		return rawCall{method: "GET", action: "ListWorkflowDefinitions", query: project(nil), signer: s, tamper: tamper}
	}
	cases := []struct {
		name         string
		call         rawCall
		status       int
		code, detail string
	}{
		{"unknown key", list(&dataworks.Signer{AccessKeyID: "LTAI-unknown", AccessKeySecret: "x"}, nil), 404, "InvalidAccessKeyId.NotFound", "not found"},
		{"no authorization", list(nil, func(r *http.Request) { r.Header.Del("Authorization") }), 400, "IncompleteSignature", "Authorization"},
		{"unsigned x-acs header", list(nil, func(r *http.Request) { r.Header.Set("x-acs-extra", "1") }), 400, "IncompleteSignature", "x-acs-extra must be signed"},
		{"stale date", list(nil, func(r *http.Request) { r.Header.Set(dataworks.HeaderDate, "2026-11-29T16:00:00Z") }), 400, "InvalidTimeStamp.Expired", "expired"},
		{"sts key without token", list(&dataworks.Signer{AccessKeyID: "STS.KeyId0000001", AccessKeySecret: "sts-secret-0001"}, nil), 400, "InvalidSecurityToken.MismatchWithAccessKey", "missing"},
		{"sts key, wrong token", list(&dataworks.Signer{AccessKeyID: "STS.KeyId0000001", AccessKeySecret: "sts-secret-0001", SecurityToken: "other"}, nil), 400, "InvalidSecurityToken.MismatchWithAccessKey", "does not belong"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			status, body := tc.call.send(t, srv)
			wantError(t, status, body, tc.status, tc.code, tc.detail)
		})
	}
	ok := list(&dataworks.Signer{AccessKeyID: "STS.KeyId0000001", AccessKeySecret: "sts-secret-0001", SecurityToken: "sts-token-0001"}, nil)
	if status, body := ok.send(t, srv); status != 200 {
		t.Errorf("STS key with its token: %d %v", status, body)
	}
	for _, r := range srv.Requests() {
		for _, h := range []string{"Authorization", dataworks.HeaderSecurityToken} {
			if v := r.Header.Get(h); v != "" && v != "***" {
				t.Errorf("request log keeps %s = %q", h, v)
			}
		}
	}
}

func TestReplayedNonceIsRefused(t *testing.T) {
	srv := newServer(t, nil)
	s := &dataworks.Signer{AccessKeyID: testAK, AccessKeySecret: testSecret, Now: func() time.Time { return serverNow }, Nonce: func() string { return "same" }}
	send := func() *http.Response {
		req, _ := http.NewRequest("GET", srv.URL+"/?"+project(nil).Encode(), nil)
		req.Header.Set(dataworks.HeaderAction, "ListWorkflowDefinitions")
		req.Header.Set(dataworks.HeaderVersion, dataworks.APIVersion)
		s.Sign(req, nil)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return resp
	}
	if r := send(); r.StatusCode != 200 {
		t.Fatalf("first: %d", r.StatusCode)
	}
	if r := send(); r.StatusCode != 400 {
		t.Errorf("a replayed nonce answered %d, want 400 SignatureNonceUsed", r.StatusCode)
	}
}

func TestParameterNamesPlacesAndTypes(t *testing.T) {
	srv := newServer(t, nil)
	cases := []struct {
		name         string
		call         rawCall
		status       int
		code, detail string
	}{
		{"misspelt name", rawCall{method: "GET", action: "ListWorkflowDefinitions", query: project(url.Values{"Pagesize": {"1"}})}, 400, "InvalidParameter", "Unknown parameter Pagesize"},
		{"missing required", rawCall{method: "GET", action: "GetWorkflowDefinition", query: project(nil)}, 400, "MissingParameter", `"Id"`},
		{"id as a short number", rawCall{method: "GET", action: "GetWorkflowDefinition", query: project(url.Values{"Id": {"12"}})}, 400, "InvalidParameter", "19-digit id string"},
		{"bool", rawCall{method: "GET", action: "GetWorkflowDefinition", query: project(url.Values{"Id": {"7000000000000000001"}, "IncludeScriptContent": {"yes"}})}, 400, "InvalidParameter", "true or false"},
		{"POST field in the query", rawCall{method: "POST", action: "ImportWorkflowDefinition", query: project(nil), form: url.Values{"Spec": {"{}"}}}, 400, "InvalidParameter", "ProjectId must be sent in the form body"},
		{"ProjectId in the body of ExecPipelineRunStage", rawCall{method: "POST", action: "ExecPipelineRunStage", form: project(url.Values{"Id": {"7000000000000000001"}, "Code": {"PROD"}})}, 400, "InvalidParameter", "ProjectId must be sent in the query string"},
		{"ObjectIds flattened", rawCall{method: "POST", action: "CreatePipelineRun", form: project(url.Values{"Type": {"Online"}, "ObjectIds.1": {"7000000000000000001"}})}, 400, "MissingParameter", `"ObjectIds"`},
		{"ObjectIds as numbers", rawCall{method: "POST", action: "CreatePipelineRun", form: project(url.Values{"Type": {"Online"}, "ObjectIds": {"[7000000000000000001]"}})}, 400, "InvalidParameter", "ObjectIds[0] must be a 19-digit id string"},
		{"other workspace", rawCall{method: "GET", action: "ListWorkflowDefinitions", query: url.Values{"ProjectId": {"20000"}}}, 403, "Forbidden.Project", "20000"},
		{"GET for a POST action", rawCall{method: "GET", action: "ImportWorkflowDefinition", query: project(nil)}, 400, "UnsupportedHTTPMethod", "POST"},
		{"unknown action", rawCall{method: "GET", action: "CreateDeployment", query: project(nil)}, 404, "InvalidAction.NotFound", "CreateDeployment"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			status, body := tc.call.send(t, srv)
			wantError(t, status, body, tc.status, tc.code, tc.detail)
		})
	}
}

func TestWrongVersionIsRefused(t *testing.T) {
	srv := newServer(t, nil)
	c := rawCall{method: "GET", action: "ListWorkflowDefinitions", query: project(nil)}
	c.signer = &dataworks.Signer{AccessKeyID: testAK, AccessKeySecret: testSecret}
	// Re-sign after changing the version, so only the version is wrong.
	c.tamper = func(r *http.Request) {
		r.Header.Set(dataworks.HeaderVersion, "2020-05-18")
		s := &dataworks.Signer{AccessKeyID: testAK, AccessKeySecret: testSecret, Now: func() time.Time { return serverNow }, Nonce: func() string { return "version-nonce" }}
		s.Sign(r, nil)
	}
	status, body := c.send(t, srv)
	wantError(t, status, body, 400, "InvalidVersion", "2024-05-18")
}

func TestDefaultKeyServesTheDevServer(t *testing.T) {
	srv := dataworkstest.NewTestServer(dataworkstest.Options{Now: func() time.Time { return serverNow }})
	defer srv.Close()
	good := rawCall{method: "GET", action: "ListWorkflowDefinitions", query: project(nil),
		signer: &dataworks.Signer{AccessKeyID: dataworkstest.DefaultAccessKeyID, AccessKeySecret: dataworkstest.DefaultAccessKeySecret}}
	if status, body := good.send(t, srv); status != 200 {
		t.Errorf("the default key: %d %v", status, body)
	}
	other := rawCall{method: "GET", action: "ListWorkflowDefinitions", query: project(nil)}
	if status, _ := other.send(t, srv); status != 404 {
		t.Errorf("another key: %d, want 404 InvalidAccessKeyId.NotFound", status)
	}
}

func TestNewServerListensOnLoopbackOnly(t *testing.T) {
	if _, err := dataworkstest.NewServer("0.0.0.0:0", dataworkstest.Options{}); err == nil || !strings.Contains(err.Error(), "loopback addresses only") {
		t.Errorf("0.0.0.0: err = %v", err)
	}
	srv, err := dataworkstest.NewServer("127.0.0.1:0", dataworkstest.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()
	if !strings.HasPrefix(srv.URL, "http://127.0.0.1:") {
		t.Errorf("URL %s", srv.URL)
	}
}
