package secmaster_test

import (
	"context"
	"fmt"
	"net"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/wfc-dev/wfc/secmaster"
	"github.com/wfc-dev/wfc/secmaster/secmastertest"
)

// Distinctive credential values that must never show up in an error, a log line or printed config.
var leakSecrets = []string{"AKLEAK1234", "SKLEAK5678", "TOKLEAK9012", "STLEAK3456"}

type lineLog struct {
	mu    sync.Mutex
	lines []string
}

func (l *lineLog) logf(format string, args ...any) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.lines = append(l.lines, fmt.Sprintf(format, args...))
}

func TestCredentialsNeverLeak(t *testing.T) {
	var outputs []string // every error text, log line and printed value produced below
	record := func(what string, err error) {
		if err == nil {
			t.Errorf("%s: expected an error", what)
			return
		}
		outputs = append(outputs, what+": "+err.Error())
	}
	clientLog, serverLog := &lineLog{}, &lineLog{}
	srv := secmastertest.NewTestServer(secmastertest.Options{
		Keys:   map[string]secmastertest.Key{"AKLEAK1234": {SecretKey: "SKLEAK5678", SecurityToken: "STLEAK3456"}},
		Tokens: []string{"TOKLEAK9012"},
		Logf:   serverLog.logf,
	})
	defer srv.Close()
	base := secmaster.Config{
		Endpoint: srv.URL, ProjectID: srv.ProjectID(), WorkspaceID: srv.WorkspaceID(),
		Credentials:    secmaster.Credentials{AccessKey: "AKLEAK1234", SecretKey: "SKLEAK5678", SecurityToken: "STLEAK3456"},
		AttemptTimeout: 300 * time.Millisecond,
		Retry:          secmaster.RetryPolicy{MaxAttempts: 2, BaseDelay: time.Millisecond},
		Logf:           clientLog.logf,
	}
	client := func(mut func(*secmaster.Config)) *secmaster.Client {
		cfg := base
		if mut != nil {
			mut(&cfg)
		}
		c, err := secmaster.New(cfg)
		if err != nil {
			t.Fatal(err)
		}
		outputs = append(outputs, fmt.Sprintf("%v %+v %#v %s", cfg, cfg, cfg, cfg.Credentials), fmt.Sprintf("%v %+v %#v", c, c, c))
		return c
	}
	ctx := context.Background()
	aksk := client(nil)
	w, err := aksk.CreateWorkflow(ctx, secmaster.CreateWorkflowRequest{Name: "wf", AopType: "NORMAL", DataclassID: "dc"})
	if err != nil {
		t.Fatalf("the valid AK/SK + security token were refused: %v", err)
	}
	req := versionRequest(t, "v")

	// Server-side failures, including a server that echoes the credentials back.
	srv.Fail(secmastertest.RouteCreateVersion, secmastertest.Fault{Status: 400, Body: `{"code":"SecMaster.20040001","message":"key AKLEAK1234:SKLEAK5678 / STLEAK3456 refused"}`})
	_, err = aksk.CreateVersion(ctx, w.ID, req)
	record("echoing server", err)
	if err != nil && !strings.Contains(err.Error(), "key ***:*** / *** refused") {
		t.Errorf("echoed credentials were not redacted: %v", err)
	}
	srv.Fail(secmastertest.RouteCreateVersion, secmastertest.Fault{Status: 500})
	_, err = aksk.CreateVersion(ctx, w.ID, req)
	record("500", err)
	srv.Fail(secmastertest.RouteCreateVersion, secmastertest.Fault{Delay: 2 * time.Second})
	_, err = aksk.CreateVersion(ctx, w.ID, req)
	record("timeout", err)
	srv.Fail(secmastertest.RouteCreateVersion, secmastertest.Fault{Drop: true})
	_, err = aksk.CreateVersion(ctx, w.ID, req)
	record("drop", err)
	srv.Fail(secmastertest.RouteExport, secmastertest.Fault{Truncate: true}, secmastertest.Fault{Truncate: true})
	_, err = aksk.Export(ctx, []string{w.ID})
	record("truncate", err)
	srv.Fail(secmastertest.RouteShowWorkflow, secmastertest.Fault{Status: 200, Body: "{"})
	_, err = aksk.GetWorkflow(ctx, w.ID)
	record("invalid json", err)
	_, err = aksk.CreateVersion(ctx, w.ID, secmaster.CreateVersionRequest{Name: "v"})
	record("400", err)

	// Authentication failures.
	_, err = client(func(c *secmaster.Config) { c.Credentials.SecretKey = "SKLEAK5678x" }).ListComponents(ctx)
	record("bad secret", err)
	_, err = client(func(c *secmaster.Config) { c.Credentials.SecurityToken = "STLEAK3456x" }).ListComponents(ctx)
	record("bad security token", err)
	_, err = client(func(c *secmaster.Config) { c.Credentials.AccessKey = "AKLEAK1234x" }).ListComponents(ctx)
	record("unknown access key", err)
	_, err = client(func(c *secmaster.Config) { c.Credentials = secmaster.Credentials{Token: "TOKLEAK9012x"} }).ListComponents(ctx)
	record("bad token", err)
	tok := client(func(c *secmaster.Config) { c.Credentials = secmaster.Credentials{Token: "TOKLEAK9012"} })
	_, err = tok.GetVersion(ctx, "missing")
	record("token 400", err)

	// Network failures.
	ln, _ := net.Listen("tcp", "127.0.0.1:0")
	dead := "http://" + ln.Addr().String()
	ln.Close()
	_, err = client(func(c *secmaster.Config) { c.Endpoint = dead }).ListWorkflows(ctx, secmaster.ListWorkflowsOptions{})
	record("refused", err)
	cctx, cancel := context.WithCancel(ctx)
	cancel()
	_, err = aksk.ListVersions(cctx, w.ID, secmaster.ListVersionsOptions{})
	record("cancelled", err)

	// Configuration errors.
	for _, mut := range []func(*secmaster.Config){
		func(c *secmaster.Config) { c.Endpoint = "https://TOKLEAK9012:SKLEAK5678@secmaster.example" },
		func(c *secmaster.Config) { c.Endpoint = "http://AKLEAK1234.example" },
		func(c *secmaster.Config) { c.Credentials.Token = "TOKLEAK9012" },
		func(c *secmaster.Config) { c.Credentials.SecretKey = "" },
		func(c *secmaster.Config) { c.ProjectID = "" },
	} {
		cfg := base
		mut(&cfg)
		_, err := secmaster.New(cfg)
		record("config", err)
	}
	_, err = secmaster.CredentialsFromEnv(func(k string) string {
		return map[string]string{secmaster.EnvAccessKey: "AKLEAK1234", secmaster.EnvAuthToken: "TOKLEAK9012"}[k]
	})
	record("env", err)

	// The emulator's request log keeps headers for assertions but hides credential values.
	for _, r := range srv.Requests() {
		outputs = append(outputs, fmt.Sprintf("%v", r.Header))
	}
	outputs = append(outputs, clientLog.lines...)
	outputs = append(outputs, serverLog.lines...)
	if len(clientLog.lines) == 0 || len(serverLog.lines) == 0 {
		t.Fatal("nothing was logged, so the log check proves nothing")
	}
	for _, out := range outputs {
		for _, s := range leakSecrets {
			if strings.Contains(out, s) {
				t.Errorf("%q leaked in: %s", s, out)
			}
		}
	}
}
