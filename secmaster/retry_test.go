package secmaster_test

import (
	"context"
	"errors"
	"net"
	"strings"
	"testing"
	"time"

	"github.com/wfc-dev/wfc/secmaster"
	"github.com/wfc-dev/wfc/secmaster/secmastertest"
)

func TestGETRetriedAfter500WithBackoff(t *testing.T) {
	e := newEnv(t, nil)
	w := createWorkflow(t, e, "wf")
	e.srv.Fail(secmastertest.RouteShowWorkflow, secmastertest.Fault{Status: 500}, secmastertest.Fault{Status: 503})
	got, err := e.client.GetWorkflow(context.Background(), w.ID)
	if err != nil || got.ID != w.ID {
		t.Fatalf("GetWorkflow after two 5xx = %+v, %v", got, err)
	}
	// Base 200 ms doubling, equal jitter at 0.5: d/2 + 0.5·d/2 = 0.75·d.
	want := []time.Duration{150 * time.Millisecond, 300 * time.Millisecond}
	if got := e.sleeps.All(); len(got) != 2 || got[0] != want[0] || got[1] != want[1] {
		t.Fatalf("retry delays = %v, want %v", got, want)
	}
	if n := len(e.srv.RequestsTo(secmastertest.RouteShowWorkflow)); n != 3 {
		t.Fatalf("%d attempts, want 3", n)
	}
}

func TestRetriesAreBounded(t *testing.T) {
	e := newEnv(t, func(c *secmaster.Config) {
		c.Retry.MaxAttempts = 3
		c.Retry.MaxDelay = 250 * time.Millisecond
	})
	for i := 0; i < 5; i++ {
		e.srv.Fail(secmastertest.RouteListComponents, secmastertest.Fault{Status: 502, Body: `{"error_code":"APIGW.0202","error_msg":"backend unavailable"}`})
	}
	_, err := e.client.ListComponents(context.Background())
	var ae *secmaster.APIError
	if !errors.As(err, &ae) || ae.HTTPStatus != 502 || ae.Code != "APIGW.0202" || ae.Message != "backend unavailable" {
		t.Fatalf("err = %v", err)
	}
	if n := len(e.srv.RequestsTo(secmastertest.RouteListComponents)); n != 3 {
		t.Fatalf("%d attempts, want 3", n)
	}
	if got := e.sleeps.All(); len(got) != 2 || got[1] != 187500*time.Microsecond {
		t.Fatalf("delays = %v (the second must be capped at 250ms·0.75)", got)
	}
}

func TestPOST500IsNotRetriedAndIsAmbiguous(t *testing.T) {
	e := newEnv(t, nil)
	w := createWorkflow(t, e, "wf")
	e.srv.Fail(secmastertest.RouteCreateVersion, secmastertest.Fault{Status: 500})
	_, err := e.client.CreateVersion(context.Background(), w.ID, versionRequest(t, "v1"))
	if !errors.Is(err, secmaster.ErrAmbiguous) {
		t.Fatalf("err = %v, want ErrAmbiguous", err)
	}
	var ae *secmaster.APIError
	if !errors.As(err, &ae) || ae.HTTPStatus != 500 {
		t.Fatalf("the APIError is not reachable: %v", err)
	}
	if n := len(e.srv.RequestsTo(secmastertest.RouteCreateVersion)); n != 1 {
		t.Fatalf("POST sent %d times", n)
	}
	if len(e.sleeps.All()) != 0 {
		t.Fatal("the client slept for a retry it must not make")
	}
}

func TestPOST429IsRetried(t *testing.T) {
	e := newEnv(t, nil)
	e.srv.Fail(secmastertest.RouteCreateWorkflow, secmastertest.Fault{Status: 429, Body: `{"error_code":"APIGW.0308","error_msg":"throttled"}`})
	createWorkflow(t, e, "wf")
	if n := len(e.srv.RequestsTo(secmastertest.RouteCreateWorkflow)); n != 2 {
		t.Fatalf("%d attempts, want 2", n)
	}
	if n := len(e.srv.Workflows()); n != 1 {
		t.Fatalf("%d workflows created", n)
	}
}

func TestAmbiguousCreateVersionCanBeResolved(t *testing.T) {
	for name, fault := range map[string]secmastertest.Fault{
		"timeout":         {Delay: 5 * time.Second, Commit: true},
		"dropped":         {Drop: true, Commit: true},
		"truncated reply": {Truncate: true, Commit: true},
	} {
		t.Run(name, func(t *testing.T) {
			e := newEnv(t, func(c *secmaster.Config) { c.AttemptTimeout = 300 * time.Millisecond })
			w := createWorkflow(t, e, "wf")
			e.srv.Fail(secmastertest.RouteCreateVersion, fault)
			_, err := e.client.CreateVersion(context.Background(), w.ID, versionRequest(t, "v-ambiguous"))
			if !errors.Is(err, secmaster.ErrAmbiguous) || !strings.HasPrefix(err.Error(), "create version: ") ||
				!strings.Contains(err.Error(), "read the state back before retrying") {
				t.Fatalf("err = %v, want ErrAmbiguous", err)
			}
			if n := len(e.srv.RequestsTo(secmastertest.RouteCreateVersion)); n != 1 {
				t.Fatalf("POST sent %d times", n)
			}
			// The caller resolves it by listing versions: the server did create it.
			vs, err := e.client.ListVersions(context.Background(), w.ID, secmaster.ListVersionsOptions{})
			if err != nil || len(vs) != 1 || vs[0].Name != "v-ambiguous" {
				t.Fatalf("ListVersions = %+v, %v", vs, err)
			}
		})
	}
}

func TestUnsentPOSTIsRetriedAndNotAmbiguous(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close() // nothing listens: every dial is refused before a byte is sent
	e := newEnv(t, func(c *secmaster.Config) { c.Endpoint = "http://" + addr })
	_, err = e.client.CreateVersion(context.Background(), "wf", versionRequest(t, "v"))
	if err == nil || errors.Is(err, secmaster.ErrAmbiguous) || !strings.HasPrefix(err.Error(), "create version: ") {
		t.Fatalf("err = %v", err)
	}
	if n := len(e.sleeps.All()); n != 3 {
		t.Fatalf("%d retries of a request that never left, want 3", n)
	}
}

func TestTruncatedExportFailsClearly(t *testing.T) {
	e := newEnv(t, nil)
	w := createWorkflow(t, e, "wf")
	for i := 0; i < 4; i++ {
		e.srv.Fail(secmastertest.RouteExport, secmastertest.Fault{Truncate: true})
	}
	data, err := e.client.Export(context.Background(), []string{w.ID})
	if err == nil || data != nil {
		t.Fatalf("Export of a truncated body returned %d bytes, err %v", len(data), err)
	}
	if !strings.HasPrefix(err.Error(), "export workflows: reading the response (HTTP 200, ") || !strings.Contains(err.Error(), "unexpected EOF") {
		t.Fatalf("err = %v", err)
	}
	if n := len(e.srv.RequestsTo(secmastertest.RouteExport)); n != 4 {
		t.Fatalf("export tried %d times, want 4 (it is safe to repeat)", n)
	}
	// Once the faults are used up the same call works.
	if _, err := e.client.Export(context.Background(), []string{w.ID}); err != nil {
		t.Fatalf("Export: %v", err)
	}
}

func TestInvalidAndOversizedResponses(t *testing.T) {
	e := newEnv(t, func(c *secmaster.Config) { c.Retry.MaxAttempts = 1 })
	w := createWorkflow(t, e, "wf")
	ctx := context.Background()

	e.srv.Fail(secmastertest.RouteShowWorkflow, secmastertest.Fault{Status: 200, Body: `{"code":"00000000","data":{"id":`})
	if _, err := e.client.GetWorkflow(ctx, w.ID); err == nil || !strings.Contains(err.Error(), "show workflow: the server answered HTTP 200 with a body that is not the expected JSON") {
		t.Fatalf("invalid JSON: %v", err)
	}
	e.srv.Fail(secmastertest.RouteShowWorkflow, secmastertest.Fault{Status: 200, Body: `{"code":"SecMaster.20039999","message":"unknown error","success":false}`})
	if _, err := e.client.GetWorkflow(ctx, w.ID); err == nil || err.Error() != "show workflow: HTTP 200 SecMaster.20039999: unknown error (request id 00000000-0000-4000-9000-000000000003)" {
		t.Fatalf("200 with an error code: %v", err)
	}
	e.srv.Fail(secmastertest.RouteShowWorkflow, secmastertest.Fault{Status: 502, Body: "<html>bad gateway</html>"})
	if _, err := e.client.GetWorkflow(ctx, w.ID); err == nil || !strings.Contains(err.Error(), "HTTP 502: bad gateway (the 24-byte body is not a JSON error)") {
		t.Fatalf("HTML error: %v", err)
	}
	e.srv.Fail(secmastertest.RouteShowWorkflow, secmastertest.Fault{Status: 200, Body: `{"data":"` + strings.Repeat("x", secmaster.MaxResponseBytes) + `"}`})
	if _, err := e.client.GetWorkflow(ctx, w.ID); err == nil || !strings.Contains(err.Error(), "larger than 8 MiB") {
		t.Fatalf("oversized: %v", err)
	}
}

// TestCallerDeadlineStopsRetries: a wait that would pass the caller's deadline is not started.
func TestCallerDeadlineStopsRetries(t *testing.T) {
	e := newEnv(t, func(c *secmaster.Config) { c.Retry.BaseDelay = time.Hour; c.Retry.MaxDelay = time.Hour })
	e.srv.Fail(secmastertest.RouteListWorkflows, secmastertest.Fault{Status: 500})
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	_, err := e.client.ListWorkflows(ctx, secmaster.ListWorkflowsOptions{})
	if !errors.Is(err, context.DeadlineExceeded) || errors.Is(err, secmaster.ErrTimeout) || !strings.Contains(err.Error(), "not retried: waiting 45m0s") {
		t.Fatalf("err = %v", err)
	}
	if n := len(e.srv.RequestsTo(secmastertest.RouteListWorkflows)); n != 1 || len(e.sleeps.All()) != 0 {
		t.Fatalf("%d attempts and waits %v, want 1 and none", n, e.sleeps.All())
	}
}

// TestCancelDuringWaitStopsRetries: a cancel while waiting ends the call, naming the operation
// once and the last failure.
func TestCancelDuringWaitStopsRetries(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	e := newEnv(t, func(c *secmaster.Config) {
		c.Sleep = func(ctx context.Context, _ time.Duration) error { cancel(); return ctx.Err() }
	})
	e.srv.Fail(secmastertest.RouteListWorkflows, secmastertest.Fault{Status: 500, Body: `{"code":"SecMaster.1","message":"down"}`})
	_, err := e.client.ListWorkflows(ctx, secmaster.ListWorkflowsOptions{})
	want := "list workflows: context canceled after 1 attempt; the last one: HTTP 500 SecMaster.1: down (request id 00000000-0000-4000-9000-000000000001)"
	if !errors.Is(err, context.Canceled) || err.Error() != want {
		t.Fatalf("err = %v\nwant   %s", err, want)
	}
	if n := len(e.srv.RequestsTo(secmastertest.RouteListWorkflows)); n != 1 {
		t.Fatalf("%d attempts, want 1", n)
	}
}
