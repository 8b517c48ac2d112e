package secmaster_test

import (
	"encoding/base64"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/wfc-dev/wfc/internal/apitest"
	"github.com/wfc-dev/wfc/secmaster"
	"github.com/wfc-dev/wfc/secmaster/secmastertest"
)

var serverNow = time.Date(2025, 7, 18, 6, 55, 47, 0, time.UTC)

const (
	testAK = "AK-TEST-0123"
	testSK = "SK-TEST-secret-4567"
)

// env is an emulator and a client signed with AK/SK, on loopback, with recorded sleeps.
type env struct {
	srv    *secmastertest.Server
	client *secmaster.Client
	sleeps *apitest.Sleeps
	cfg    secmaster.Config
}

func newEnv(t testing.TB, mutCfg func(*secmaster.Config)) *env {
	t.Helper()
	srv := secmastertest.NewTestServer(secmastertest.Options{
		Keys:   map[string]secmastertest.Key{testAK: {SecretKey: testSK}},
		Tokens: []string{"tok-valid"},
		Now:    func() time.Time { return serverNow },
	})
	t.Cleanup(srv.Close)
	e := &env{srv: srv, sleeps: &apitest.Sleeps{}}
	e.cfg = secmaster.Config{
		Endpoint:    srv.URL,
		ProjectID:   srv.ProjectID(),
		WorkspaceID: srv.WorkspaceID(),
		Credentials: secmaster.Credentials{AccessKey: testAK, SecretKey: testSK},
		Now:         func() time.Time { return serverNow.Add(-time.Minute) },
		Retry:       secmaster.RetryPolicy{Jitter: func() float64 { return 0.5 }},
		Sleep:       e.sleeps.Record,
	}
	if mutCfg != nil {
		mutCfg(&e.cfg)
	}
	c, err := secmaster.New(e.cfg)
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	e.client = c
	return e
}

// taskflow encodes an xml-js tree of one process with the given flow nodes ("startEvent:Event_s")
// and sequence flows (id, source, target).
func taskflow(t testing.TB, nodes []string, flows [][3]string) string {
	t.Helper()
	var els []any
	for _, n := range nodes {
		var kind, id string
		for i := range n {
			if n[i] == ':' {
				kind, id = n[:i], n[i+1:]
			}
		}
		els = append(els, map[string]any{"type": "element", "name": "bpmn2:" + kind, "attributes": map[string]string{"id": id}})
	}
	for _, f := range flows {
		els = append(els, map[string]any{"type": "element", "name": "bpmn2:sequenceFlow", "attributes": map[string]string{"id": f[0], "sourceRef": f[1], "targetRef": f[2]}})
	}
	doc := map[string]any{"elementType": "{}", "workflow": map[string]any{"elements": []any{
		map[string]any{"type": "element", "name": "bpmn2:definitions", "elements": []any{
			map[string]any{"type": "element", "name": "bpmn2:process", "attributes": map[string]string{"id": "Process_1"}, "elements": els},
		}},
	}}}
	b, err := json.Marshal(doc)
	if err != nil {
		t.Fatal(err)
	}
	return base64.StdEncoding.EncodeToString(b)
}

// simpleTaskflow is start → task → end.
func simpleTaskflow(t testing.TB) string {
	return taskflow(t, []string{"startEvent:Event_s", "serviceTask:Activity_a", "endEvent:Event_e"},
		[][3]string{{"Flow_1", "Event_s", "Activity_a"}, {"Flow_2", "Activity_a", "Event_e"}})
}

// seedTaskflow is the real create-version example (seed 000), re-encoded.
func seedTaskflow(t *testing.T) string {
	t.Helper()
	raw, err := os.ReadFile(filepath.Join("..", "testdata", "reference", "seed-create-version.decoded.json"))
	if err != nil {
		t.Fatal(err)
	}
	return base64.StdEncoding.EncodeToString(raw)
}

const taskconfig = `{"trigger":{"advanced":{"retry_times":0,"retry_interval":"30","log_level":"Info"}},"node_info":{},"usertask_info":{}}`

func versionRequest(t testing.TB, name string) secmaster.CreateVersionRequest {
	return secmaster.CreateVersionRequest{Name: name, Description: "d", Taskconfig: taskconfig, Taskflow: simpleTaskflow(t), AopType: secmaster.AopTypeNormal}
}
