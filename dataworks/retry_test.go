package dataworks_test

import (
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/wfc-dev/wfc/dataworks"
	"github.com/wfc-dev/wfc/dataworks/dataworkstest"
)

func TestReadIsRetriedAfter500AndDrop(t *testing.T) {
	e := newEnv(t, nil, nil)
	e.srv.Fail(dataworkstest.ActionListWorkflowDefinitions, dataworkstest.Fault{Status: 500}, dataworkstest.Fault{Drop: true})
	if _, err := e.client.ListWorkflowDefinitions(ctx, dataworks.ListWorkflowDefinitionsOptions{}); err != nil {
		t.Fatalf("a read should survive a 500 and a dropped connection: %v", err)
	}
	if n := len(e.srv.RequestsTo(dataworkstest.ActionListWorkflowDefinitions)); n != 3 {
		t.Errorf("%d attempts, want 3", n)
	}
	// Jitter 1: full exponential delays, 200 ms then 400 ms.
	if got := fmt.Sprint(e.sleeps.All()); got != "[200ms 400ms]" {
		t.Errorf("backoff %s", got)
	}
}

func TestRetryAfterIsHonouredUpToTheCap(t *testing.T) {
	e := newEnv(t, nil, func(c *dataworks.Config) { c.Retry.MaxDelay = 10 * time.Second })
	e.srv.Fail(dataworkstest.ActionGetJobStatus,
		dataworkstest.Fault{Status: 503, RetryAfter: "3"},
		dataworkstest.Fault{Status: 503, RetryAfter: "3600"})
	_, err := e.client.GetJobStatus(ctx, "7999999999999999999")
	if !dataworks.IsNotFound(err) {
		t.Fatalf("after the faults the real answer (not found) should come back: %v", err)
	}
	if got := fmt.Sprint(e.sleeps.All()); got != "[3s 10s]" {
		t.Errorf("sleeps %s, want Retry-After 3 s, then 3600 s capped at 10 s", got)
	}
}

func TestReadGivesUpAfterMaxAttempts(t *testing.T) {
	e := newEnv(t, nil, func(c *dataworks.Config) { c.Retry.MaxAttempts = 2 })
	e.srv.Fail(dataworkstest.ActionGetPipelineRun, dataworkstest.Fault{Status: 500}, dataworkstest.Fault{Status: 502, Code: "BadGateway"})
	_, err := e.client.GetPipelineRun(ctx, "7999999999999999999")
	var ae *dataworks.APIError
	if !errors.As(err, &ae) || ae.HTTPStatus != 502 || ae.Code != "BadGateway" {
		t.Errorf("err = %v, want the last answer", err)
	}
	if n := len(e.srv.RequestsTo(dataworkstest.ActionGetPipelineRun)); n != 2 {
		t.Errorf("%d attempts, want 2", n)
	}
}

func TestImportIsNotResentAfter500(t *testing.T) {
	e := newEnv(t, nil, nil)
	e.srv.Fail(dataworkstest.ActionImportWorkflowDefinition, dataworkstest.Fault{Status: 500, Commit: true})
	_, err := e.client.ImportWorkflowDefinition(ctx, spec("daily"))
	if !errors.Is(err, dataworks.ErrAmbiguous) {
		t.Fatalf("err = %v, want ErrAmbiguous", err)
	}
	if !strings.Contains(err.Error(), "read the state back") {
		t.Errorf("the error does not say what to do: %v", err)
	}
	if n := len(e.srv.RequestsTo(dataworkstest.ActionImportWorkflowDefinition)); n != 1 {
		t.Errorf("import sent %d times, want once", n)
	}
	if n := e.srv.Applied(dataworkstest.ActionImportWorkflowDefinition); n != 1 {
		t.Errorf("import applied %d times, want 1", n)
	}
	if len(e.sleeps.All()) != 0 {
		t.Error("the client waited to retry an acting call")
	}
	// The outcome is resolved by reading back: the workflow is there, once.
	found, err := e.client.WorkflowDefinitionsNamed(ctx, dataworks.TypeCycleWorkflow, "daily")
	if err != nil || len(found) != 1 {
		t.Errorf("looking the workflow up after the ambiguous import: %v, %v", found, err)
	}
}

func TestActingCallsDroppedAfterApplyAreAmbiguous(t *testing.T) {
	e := newEnv(t, nil, nil)
	job := e.importAndWait(t, spec("daily"))
	wf := dataworks.ID(job.Response)
	drop := dataworkstest.Fault{Drop: true, Commit: true}
	e.srv.Fail(dataworkstest.ActionImportWorkflowDefinition, drop)
	e.srv.Fail(dataworkstest.ActionCreatePipelineRun, drop)

	_, errImport := e.client.ImportWorkflowDefinition(ctx, spec("other"))
	_, errRun := e.client.CreatePipelineRun(ctx, dataworks.CreatePipelineRunRequest{Type: dataworks.PipelineOnline, ObjectIDs: []dataworks.ID{wf}})
	for name, err := range map[string]error{"import": errImport, "pipeline run": errRun} {
		if !errors.Is(err, dataworks.ErrAmbiguous) {
			t.Errorf("%s: err = %v, want ErrAmbiguous", name, err)
		}
	}
	if n := len(e.srv.RequestsTo(dataworkstest.ActionImportWorkflowDefinition)); n != 2 { // the setup import, then one
		t.Errorf("import requests %d, want 2", n)
	}
	if n := e.srv.Applied(dataworkstest.ActionCreatePipelineRun); n != 1 || len(e.srv.RequestsTo(dataworkstest.ActionCreatePipelineRun)) != 1 {
		t.Errorf("pipeline run applied %d times", n)
	}
}

func TestExecStageIsSentOnce(t *testing.T) {
	e := newEnv(t, nil, nil)
	e.srv.Fail(dataworkstest.ActionExecPipelineRunStage, dataworkstest.Fault{Status: 503})
	err := e.client.ExecPipelineRunStage(ctx, "7999999999999999999", "PROD")
	if !errors.Is(err, dataworks.ErrAmbiguous) || len(e.srv.RequestsTo(dataworkstest.ActionExecPipelineRunStage)) != 1 {
		t.Errorf("err = %v after %d requests", err, len(e.srv.RequestsTo(dataworkstest.ActionExecPipelineRunStage)))
	}
}

func TestRedirectIsRefused(t *testing.T) {
	var hits atomic.Int32
	elsewhere := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { hits.Add(1) }))
	defer elsewhere.Close()
	e := newEnv(t, nil, nil)
	location := elsewhere.URL + "/steal"
	e.srv.Fail(dataworkstest.ActionListWorkflowDefinitions, dataworkstest.Fault{Redirect: location})
	e.srv.Fail(dataworkstest.ActionImportWorkflowDefinition, dataworkstest.Fault{Redirect: location})

	_, errList := e.client.ListWorkflowDefinitions(ctx, dataworks.ListWorkflowDefinitionsOptions{})
	_, errImport := e.client.ImportWorkflowDefinition(ctx, spec("daily"))
	for name, err := range map[string]error{"list": errList, "import": errImport} {
		if !errors.Is(err, dataworks.ErrRedirect) || !strings.Contains(fmt.Sprint(err), location) {
			t.Errorf("%s: err = %v, want a refused redirect naming %s", name, err, location)
		}
	}
	if n := hits.Load(); n != 0 {
		t.Errorf("the redirect target received %d requests", n)
	}
	if n := len(e.srv.RequestsTo(dataworkstest.ActionListWorkflowDefinitions)); n != 1 {
		t.Errorf("a refused redirect was retried: %d list requests", n)
	}
}

func TestRedirectIsRefusedWithACallerHTTPClient(t *testing.T) {
	var hits atomic.Int32
	elsewhere := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { hits.Add(1) }))
	defer elsewhere.Close()
	e := newEnv(t, nil, func(c *dataworks.Config) { c.HTTPClient = &http.Client{} }) // follows redirects by default
	e.srv.Fail(dataworkstest.ActionGetJobStatus, dataworkstest.Fault{Redirect: elsewhere.URL})
	if _, err := e.client.GetJobStatus(ctx, "7999999999999999999"); !errors.Is(err, dataworks.ErrRedirect) || hits.Load() != 0 {
		t.Errorf("err = %v, %d hits elsewhere", err, hits.Load())
	}
}

func TestSignatureDoesNotMatchIsClear(t *testing.T) {
	e := newEnv(t, nil, func(c *dataworks.Config) { c.Credentials.AccessKeySecret = testSecret + "x" })
	_, err := e.client.ListWorkflowDefinitions(ctx, dataworks.ListWorkflowDefinitionsOptions{})
	var ae *dataworks.APIError
	if !errors.As(err, &ae) || ae.Code != dataworks.CodeSignatureDoesNotMatch || ae.HTTPStatus != 400 || ae.RequestID == "" || ae.Recommend == "" {
		t.Fatalf("err = %#v", err)
	}
	msg := err.Error()
	for _, want := range []string{"ListWorkflowDefinitions: HTTP 400 SignatureDoesNotMatch", "request id", dataworks.EnvAccessKeySecret} {
		if !strings.Contains(msg, want) {
			t.Errorf("error %q lacks %q", msg, want)
		}
	}
	if len(e.srv.RequestsTo(dataworkstest.ActionListWorkflowDefinitions)) != 1 {
		t.Error("a 400 was retried")
	}
	assertNoCredential(t, "the signature error", msg)
}

// TestNoCredentialInAnyError drives every failure path with STS credentials and a server that
// echoes the secret in its message, and checks no credential reaches an error string.
func TestNoCredentialInAnyError(t *testing.T) {
	e := newEnv(t, func(o *dataworkstest.Options) {
		o.Keys = map[string]dataworkstest.Key{testAK: {Secret: testSecret, SecurityToken: testToken}}
	}, func(c *dataworks.Config) {
		c.Credentials.SecurityToken = testToken
		c.Retry.MaxAttempts = 1
	})
	// The secret starts 12 bytes before the 512-byte cut: redacting after cutting would leave a prefix.
	echo := strings.Repeat("m", 500) + testSecret + " " + testAK + " " + testToken
	e.srv.Fail(dataworkstest.ActionListWorkflowDefinitions,
		dataworkstest.Fault{Status: 400, Code: "Echo", Message: echo},
		dataworkstest.Fault{Status: 500, Message: "key " + testAK},
		dataworkstest.Fault{Drop: true},
		dataworkstest.Fault{Redirect: "http://127.0.0.1:1/?k=" + testSecret})
	e.srv.Fail(dataworkstest.ActionImportWorkflowDefinition, dataworkstest.Fault{Status: 503, Message: testToken, Commit: true})
	var errs []error
	for i := 0; i < 4; i++ {
		_, err := e.client.ListWorkflowDefinitions(ctx, dataworks.ListWorkflowDefinitionsOptions{})
		errs = append(errs, err)
	}
	_, err := e.client.ImportWorkflowDefinition(ctx, spec("daily"))
	errs = append(errs, err)
	_, err = e.client.GetWorkflowDefinition(ctx, "7999999999999999999", true)
	errs = append(errs, err)
	for i, err := range errs {
		if err == nil {
			t.Errorf("case %d: no error", i)
			continue
		}
		assertNoCredential(t, fmt.Sprintf("case %d error", i), err.Error())
		assertNoCredential(t, fmt.Sprintf("case %d error (%%#v)", i), fmt.Sprintf("%#v", err))
	}
	var ae *dataworks.APIError
	if errors.As(errs[0], &ae) && len(ae.Message) > 520 {
		t.Errorf("message not bounded: %d bytes", len(ae.Message))
	}
	if _, err := dataworks.New(dataworks.Config{Endpoint: "http://example.com", ProjectID: "1", Credentials: dataworks.Credentials{AccessKeyID: testAK, AccessKeySecret: testSecret}}); err == nil {
		t.Error("plain http to a non-loopback host was accepted")
	} else {
		assertNoCredential(t, "New error", err.Error())
	}
	assertNoCredential(t, "client", fmt.Sprintf("%v %+v %#v", e.client, e.client, e.client))
	assertNoCredential(t, "config", fmt.Sprintf("%v %+v %#v", e.cfg, e.cfg, e.cfg))
}

func TestUnknownKeyErrorNamesTheVariable(t *testing.T) {
	e := newEnv(t, nil, func(c *dataworks.Config) { c.Credentials.AccessKeyID = "LTAI5tSomeOtherKey01" })
	_, err := e.client.GetJobStatus(ctx, "7999999999999999999")
	var ae *dataworks.APIError
	if !errors.As(err, &ae) || ae.Code != "InvalidAccessKeyId.NotFound" || !strings.Contains(err.Error(), "check "+dataworks.EnvAccessKeyID) {
		t.Errorf("err = %v", err)
	}
	if strings.Contains(err.Error(), "LTAI5tSomeOtherKey01") {
		t.Errorf("the error shows the key id: %v", err)
	}
	if dataworks.IsNotFound(err) {
		t.Error("an unknown access key reads as a missing object: push would create a duplicate")
	}
}
