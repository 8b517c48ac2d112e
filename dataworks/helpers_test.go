package dataworks_test

import (
	"context"
	"encoding/json"
	"testing"
	"time"

	"github.com/wfc-dev/wfc/dataworks"
	"github.com/wfc-dev/wfc/dataworks/dataworkstest"
	"github.com/wfc-dev/wfc/internal/apitest"
)

// Known credential values: tests assert none of them appears in any error or output.
const (
	testAK     = "LTAI5tClientTestKeyId01"
	testSecret = "ClientTestSecret0000000000000001"
	testToken  = "STS.ClientTestToken00000001"
)

var serverNow = time.Date(2026, 11, 29, 17, 51, 20, 0, time.UTC)

// env is an emulator and a client on loopback, with recorded sleeps and no jitter.
type env struct {
	srv    *dataworkstest.Server
	client *dataworks.Client
	sleeps *apitest.Sleeps
	cfg    dataworks.Config
}

func newEnv(t testing.TB, mutOpts func(*dataworkstest.Options), mutCfg func(*dataworks.Config)) *env {
	t.Helper()
	opts := dataworkstest.Options{
		Keys: map[string]dataworkstest.Key{testAK: {Secret: testSecret}},
		Now:  func() time.Time { return serverNow },
	}
	if mutOpts != nil {
		mutOpts(&opts)
	}
	srv := dataworkstest.NewTestServer(opts)
	t.Cleanup(srv.Close)
	e := &env{srv: srv, sleeps: &apitest.Sleeps{}}
	e.client, e.cfg = srv.NewClient(t, dataworks.Credentials{AccessKeyID: testAK, AccessKeySecret: testSecret}, e.sleeps, mutCfg)
	return e
}

// spec is a valid one-node FlowSpec in the server's form.
func spec(name string) string {
	doc := map[string]any{
		"version": "1.1.0", "kind": "CycleWorkflow",
		"spec": map[string]any{"name": name, "type": "CycleWorkflow", "workflows": []any{map[string]any{
			"name":    name,
			"script":  map[string]any{"path": "wfc/" + name, "runtime": map[string]any{"command": "WORKFLOW"}},
			"trigger": map[string]any{"type": "Scheduler", "cron": "00 00 02 * * ?"},
			"nodes": []any{map[string]any{"id": "n1", "name": "extract",
				"script": map[string]any{"path": "wfc/" + name + "/extract", "runtime": map[string]any{"command": "ODPS_SQL"}, "content": "select 1;"}}},
		}}},
	}
	b, _ := json.Marshal(doc)
	return string(b)
}

// importAndWait imports spec and waits for its job, failing the test on any error.
func (e *env) importAndWait(t testing.TB, specText string) *dataworks.AsyncJob {
	t.Helper()
	job, err := e.client.ImportWorkflowDefinition(context.Background(), specText)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := e.client.WaitJob(context.Background(), job.ID); err != nil {
		t.Fatal(err)
	}
	return job
}

// assertNoCredential fails when s contains any known credential value (or a long prefix of one).
func assertNoCredential(t testing.TB, what, s string) {
	t.Helper()
	apitest.AssertNoSecret(t, what, s, testAK, testSecret, testToken)
}
