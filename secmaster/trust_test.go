package secmaster_test

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/wfc-dev/wfc/secmaster"
	"github.com/wfc-dev/wfc/secmaster/secmastertest"
)

// sink is a second loopback listener that counts what reaches it: a redirect target.
func sink(t *testing.T) (url string, hits *atomic.Int64) {
	hits = &atomic.Int64{}
	s := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { hits.Add(1) }))
	t.Cleanup(s.Close)
	return s.URL, hits
}

// TestRedirectIsNeverFollowed: a 3xx from the API is an error naming the location (without its
// query), the other host receives nothing, and the call is not repeated (issue 8, item 1).
func TestRedirectIsNeverFollowed(t *testing.T) {
	to, hits := sink(t)
	location := to + "/steal?X-Auth-Token=QUERYSECRET42"
	for _, status := range []int{301, 302, 303, 307, 308} {
		e := newEnv(t, nil)
		w := createWorkflow(t, e, "wf")
		redirect := secmastertest.Fault{Status: status, Body: "{}", Header: http.Header{"Location": {location}}}
		e.srv.Fail(secmastertest.RouteShowWorkflow, redirect)
		e.srv.Fail(secmastertest.RouteCreateVersion, redirect)
		_, getErr := e.client.GetWorkflow(context.Background(), w.ID)
		_, postErr := e.client.CreateVersion(context.Background(), w.ID, versionRequest(t, "v1"))
		for _, err := range []error{getErr, postErr} {
			want := fmt.Sprintf("the server answered HTTP %d, a redirect to %s/steal?… (query not shown); the SecMaster API does not redirect", status, to)
			if err == nil || !strings.Contains(err.Error(), want) || strings.Contains(err.Error(), "QUERYSECRET42") {
				t.Errorf("HTTP %d: err = %v, want it to contain %q", status, err, want)
			}
			if errors.Is(err, secmaster.ErrAmbiguous) {
				t.Errorf("HTTP %d: a redirect is not an ambiguous outcome: %v", status, err)
			}
		}
		for _, route := range []string{secmastertest.RouteShowWorkflow, secmastertest.RouteCreateVersion} {
			if n := len(e.srv.RequestsTo(route)); n != 1 {
				t.Errorf("HTTP %d: %s sent %d times, want 1", status, route, n)
			}
		}
	}
	if n := hits.Load(); n != 0 {
		t.Fatalf("the redirect target received %d requests, want 0", n)
	}
}

// TestActingCallsAreSentOnce: instance commands and version status changes are never resent
// after a 5xx, a dropped connection or a timeout; the outcome is ErrAmbiguous (issue 8, item 2).
func TestActingCallsAreSentOnce(t *testing.T) {
	faults := map[string]secmastertest.Fault{
		"500 after applying": {Status: 500, Commit: true},
		"dropped":            {Drop: true},
		"timeout":            {Delay: 5 * time.Second, Commit: true},
	}
	for name, fault := range faults {
		t.Run(name, func(t *testing.T) {
			e := newEnv(t, func(c *secmaster.Config) { c.AttemptTimeout = 200 * time.Millisecond })
			ctx := context.Background()
			ref := &secmaster.InstanceRef{ID: "wf-1"}
			failed := e.srv.SeedInstance(secmaster.Instance{Name: "a", Workflow: ref, Status: secmaster.InstanceFailed})
			running := e.srv.SeedInstance(secmaster.Instance{Name: "b", Workflow: ref, Status: secmaster.InstanceRunning})
			w := createWorkflow(t, e, "wf")
			v, err := e.client.CreateVersion(ctx, w.ID, versionRequest(t, "v1"))
			if err != nil {
				t.Fatal(err)
			}
			calls := []struct {
				op, route string
				call      func() error
			}{
				{"retry instance", secmastertest.RouteUpdateInstance, func() error { return e.client.RetryInstance(ctx, failed) }},
				{"terminate instance", secmastertest.RouteUpdateInstance, func() error { return e.client.TerminateInstance(ctx, running) }},
				{"debug instance", secmastertest.RouteUpdateInstance, func() error { return e.client.DebugInstance(ctx, running, "task-1", "[]") }},
				{"set version status to pending_approval", secmastertest.RouteUpdateVersion, func() error {
					_, err := e.client.SetVersionStatus(ctx, v.ID, secmaster.StatusPendingApproval)
					return err
				}},
			}
			for _, c := range calls {
				before := len(e.srv.RequestsTo(c.route))
				e.srv.Fail(c.route, fault)
				err := c.call()
				if !errors.Is(err, secmaster.ErrAmbiguous) || !strings.HasPrefix(err.Error(), c.op+": ") || strings.Contains(err.Error(), c.op+": "+c.op) {
					t.Errorf("%s: err = %v, want ErrAmbiguous naming the operation once", c.op, err)
				}
				if n := len(e.srv.RequestsTo(c.route)) - before; n != 1 {
					t.Errorf("%s: sent %d times, want 1", c.op, n)
				}
			}
			if s := e.sleeps.All(); len(s) != 0 {
				t.Errorf("the client waited to retry (%v) a call it must not resend", s)
			}
		})
	}
}

// TestAmbiguousMessageNamesTheOperationOnce pins the text of an ambiguous 5xx (issue 8, item 12:
// it said "create version: create version: HTTP 500").
func TestAmbiguousMessageNamesTheOperationOnce(t *testing.T) {
	e := newEnv(t, nil)
	w := createWorkflow(t, e, "wf")
	e.srv.Fail(secmastertest.RouteCreateVersion, secmastertest.Fault{Status: 500, Body: `{"code":"SecMaster.20039999","message":"boom","request_id":"r-1"}`})
	_, err := e.client.CreateVersion(context.Background(), w.ID, versionRequest(t, "v1"))
	want := "create version: HTTP 500 SecMaster.20039999: boom (request id 00000000-0000-4000-9000-000000000002); the request may have been applied: read the state back before retrying"
	if err == nil || err.Error() != want {
		t.Fatalf("err = %v\nwant   %s", err, want)
	}
}

// TestRetryAfter: both forms are honoured, a long wait is capped at MaxRetryAfter, and a value
// that is neither falls back to the computed backoff (issue 8, item 5).
func TestRetryAfter(t *testing.T) {
	clientNow := serverNow.Add(-time.Minute) // newEnv's signing clock
	for _, tc := range []struct {
		header string
		want   time.Duration
	}{
		{"7", 7 * time.Second},
		{"3600", secmaster.MaxRetryAfter},
		{clientNow.Add(20 * time.Second).Format(http.TimeFormat), 20 * time.Second},
		{clientNow.Add(2 * time.Hour).Format(http.TimeFormat), secmaster.MaxRetryAfter},
		{clientNow.Add(-time.Hour).Format(http.TimeFormat), 0},
		{"soon", 150 * time.Millisecond}, // 200 ms base, equal jitter at 0.5
	} {
		e := newEnv(t, nil)
		e.srv.Fail(secmastertest.RouteListComponents, secmastertest.Fault{Status: 503, Header: http.Header{"Retry-After": {tc.header}}})
		if _, err := e.client.ListComponents(context.Background()); err != nil {
			t.Fatalf("Retry-After %q: %v", tc.header, err)
		}
		if got := e.sleeps.All(); len(got) != 1 || got[0] != tc.want {
			t.Errorf("Retry-After %q: waited %v, want [%v]", tc.header, got, tc.want)
		}
	}
}

// TestTimeoutStopsBeforeAWaitItCannotAfford: with 30 s left, a server asking for a minute ends
// the call at once instead of sleeping into the deadline.
func TestTimeoutStopsBeforeAWaitItCannotAfford(t *testing.T) {
	e := newEnv(t, func(c *secmaster.Config) { c.Timeout = 30 * time.Second })
	e.srv.Fail(secmastertest.RouteListComponents, secmastertest.Fault{Status: 503, Header: http.Header{"Retry-After": {"120"}}})
	_, err := e.client.ListComponents(context.Background())
	if !errors.Is(err, secmaster.ErrTimeout) || !errors.Is(err, context.DeadlineExceeded) ||
		!strings.Contains(err.Error(), "not retried: waiting 1m0s for the next attempt would pass the deadline: the overall time limit ran out (30s") {
		t.Fatalf("err = %v", err)
	}
	var ae *secmaster.APIError
	if !errors.As(err, &ae) || ae.HTTPStatus != 503 {
		t.Fatalf("the 503 is not reachable: %v", err)
	}
	if n := len(e.srv.RequestsTo(secmastertest.RouteListComponents)); n != 1 || len(e.sleeps.All()) != 0 {
		t.Fatalf("%d attempts, sleeps %v; want 1 attempt and no wait", n, e.sleeps.All())
	}
}

// TestTimeoutEndsAHangingCall: the overall Timeout ends a call whose single attempt could take
// far longer (AttemptTimeout 10 s), and nothing is retried after it.
func TestTimeoutEndsAHangingCall(t *testing.T) {
	e := newEnv(t, func(c *secmaster.Config) { c.Timeout = 200 * time.Millisecond; c.AttemptTimeout = 10 * time.Second })
	e.srv.Fail(secmastertest.RouteListWorkflows, secmastertest.Fault{Delay: 10 * time.Second})
	_, err := e.client.ListWorkflows(context.Background(), secmaster.ListWorkflowsOptions{})
	if !errors.Is(err, secmaster.ErrTimeout) || !strings.HasPrefix(err.Error(), "list workflows: the overall time limit ran out (200ms for the whole command") {
		t.Fatalf("err = %v", err)
	}
	if n := len(e.srv.RequestsTo(secmastertest.RouteListWorkflows)); n != 1 {
		t.Fatalf("%d attempts, want 1", n)
	}
}

// TestReflectedLongTokenIsRedacted: a server that echoes a 2000-character token in its error
// message must not get any of it printed: redaction runs on the whole message before the cut to
// 512 bytes (issue 8, item 6).
func TestReflectedLongTokenIsRedacted(t *testing.T) {
	var b strings.Builder
	for sum := sha256.Sum256([]byte("wfc")); b.Len() < 2000; sum = sha256.Sum256(sum[:]) {
		b.WriteString(hex.EncodeToString(sum[:]))
	}
	token := b.String()[:2000]
	c, srv := tokenClient(t, token)
	reflected := fmt.Sprintf(`{"code":"APIGW.0301","message":"token %s is not valid","request_id":"r-%s"}`, token, token)
	srv.Fail(secmastertest.RouteListComponents,
		secmastertest.Fault{Status: 401, Body: reflected},
		secmastertest.Fault{Status: 200, Body: strings.Replace(reflected, `"code":"APIGW.0301"`, `"code":"SecMaster.1","success":false`, 1)},
		secmastertest.Fault{Status: 302, Header: http.Header{"Location": {"/token/" + token + "/is/not/valid"}}})
	for _, tc := range []struct{ what, want string }{
		{"401 answer", "token *** is not valid"},
		{"200 answer with an error code", "token *** is not valid"},
		{"redirect", "/token/***/is/not/valid"},
	} {
		what := tc.what
		_, err := c.ListComponents(context.Background())
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Fatalf("%s: err = %v, want %q in it", what, err, tc.want)
		}
		for i := 0; i+8 <= len(token); i++ {
			if strings.Contains(err.Error(), token[i:i+8]) {
				t.Fatalf("%s: the error holds %q, part of the token at byte %d: %s", what, token[i:i+8], i, err)
			}
		}
	}
}

// tokenClient is a client of a test server that accepts token, and makes one attempt per call.
func tokenClient(t *testing.T, token string) (*secmaster.Client, *secmastertest.Server) {
	t.Helper()
	srv := secmastertest.NewTestServer(secmastertest.Options{Tokens: []string{token}})
	t.Cleanup(srv.Close)
	c, err := secmaster.New(secmaster.Config{Endpoint: srv.URL, ProjectID: srv.ProjectID(), WorkspaceID: srv.WorkspaceID(),
		Credentials: secmaster.Credentials{Token: token}, Retry: secmaster.RetryPolicy{MaxAttempts: 1}})
	if err != nil {
		t.Fatal(err)
	}
	return c, srv
}

// TestReflectedPartialTokenIsRedacted: a server that echoes the first 40 characters of the
// token and a lower-cased copy of it gets neither printed, in any case (issue 8, item 6).
func TestReflectedPartialTokenIsRedacted(t *testing.T) {
	const token = "FAKETOKENabcdefghijklmnopqrstuvwxyz0123456789ABCDEFGHIJ"
	c, srv := tokenClient(t, token)
	srv.Fail(secmastertest.RouteListComponents, secmastertest.Fault{Status: 400,
		Body: `{"error_code":"X.1","error_msg":"tok=` + token[:40] + ` lower=` + strings.ToLower(token) + `"}`})
	_, err := c.ListComponents(context.Background())
	if err == nil || !strings.Contains(err.Error(), "tok=*** lower=***") {
		t.Fatalf("err = %v, want the echoes replaced by ***", err)
	}
	folded := strings.ToLower(err.Error())
	for i := 0; i+8 <= len(token); i++ {
		if piece := strings.ToLower(token[i : i+8]); strings.Contains(folded, piece) {
			t.Fatalf("the error holds %q, part of the token at byte %d: %s", piece, i, err)
		}
	}
}
