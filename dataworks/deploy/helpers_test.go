package deploy_test

import (
	"context"
	"encoding/json"
	"testing"
	"time"

	"github.com/wfc-dev/wfc/dataworks"
	"github.com/wfc-dev/wfc/dataworks/dataworkstest"
	"github.com/wfc-dev/wfc/internal/apitest"
)

// Known credential values: tests assert none of them appears in any error, plan or result.
const (
	testAK     = "LTAI5tDeployTestKeyId01"
	testSecret = "DeployTestSecret00000000000000001"
)

var (
	ctx       = context.Background()
	serverNow = time.Date(2026, 11, 29, 17, 51, 20, 0, time.UTC)
)

type obj = map[string]any

// env is an emulator and a client on loopback, with recorded sleeps and no jitter.
type env struct {
	srv    *dataworkstest.Server
	client *dataworks.Client
	sleeps *apitest.Sleeps
	cfg    dataworks.Config
}

func newEnv(t testing.TB, mutCfg func(*dataworks.Config)) *env {
	t.Helper()
	return newEnvWith(t, dataworkstest.Options{}, mutCfg)
}

// newEnvWith starts an emulator with opts (its keys and clock set here).
func newEnvWith(t testing.TB, opts dataworkstest.Options, mutCfg func(*dataworks.Config)) *env {
	t.Helper()
	opts.Keys = map[string]dataworkstest.Key{testAK: {Secret: testSecret}}
	opts.Now = func() time.Time { return serverNow }
	srv := dataworkstest.NewTestServer(opts)
	t.Cleanup(srv.Close)
	e := &env{srv: srv, sleeps: &apitest.Sleeps{}}
	e.client, e.cfg = srv.NewClient(t, dataworks.Credentials{AccessKeyID: testAK, AccessKeySecret: testSecret}, e.sleeps, mutCfg)
	return e
}

// node is a compiled SQL node with a symbolic id (the compiler's), its output named by that id.
func node(name, sql string) obj {
	return obj{
		"id": name, "name": name,
		"script":  obj{"path": "wfc/daily/" + name, "runtime": obj{"command": "ODPS_SQL"}, "content": sql},
		"outputs": obj{"nodeOutputs": []any{obj{"data": name, "artifactType": "NodeOutput", "refTableName": name}}},
	}
}

// dep says that down depends on each of ups.
func dep(down string, ups ...string) obj {
	var on []any
	for _, u := range ups {
		on = append(on, obj{"type": "Normal", "output": u})
	}
	return obj{"nodeId": down, "depends": on}
}

// compiled is a compiled FlowSpec document the way wfc's compiler writes one: symbolic ids,
// extract → load.
func compiled(name string, mut func(wf obj)) obj {
	wf := obj{
		"id": name, "name": name, "description": "daily load",
		"script":       obj{"path": "wfc/" + name, "runtime": obj{"command": "WORKFLOW"}},
		"trigger":      obj{"type": "Scheduler", "cron": "00 00 02 * * ?", "timezone": "Asia/Shanghai"},
		"nodes":        []any{node("extract", "select 1;\n"), node("load", "insert into t select * from s;\n")},
		"dependencies": []any{dep("load", "extract")},
	}
	if mut != nil {
		mut(wf)
	}
	return obj{"version": "1.1.0", "kind": "CycleWorkflow", "spec": obj{"name": name, "type": "CycleWorkflow", "workflows": []any{wf}}}
}

func specBytes(doc obj) []byte {
	b, err := json.Marshal(doc)
	if err != nil {
		panic(err)
	}
	return b
}

// nodesOf returns the workflow's node list for editing.
func nodesOf(wf obj) []any { return wf["nodes"].([]any) }

// assertNoCredential fails when s contains a known credential value (or a long part of one).
func assertNoCredential(t testing.TB, what, s string) {
	t.Helper()
	apitest.AssertNoSecret(t, what, s, testAK, testSecret)
}

func imports(e *env) int { return len(e.srv.RequestsTo(dataworkstest.ActionImportWorkflowDefinition)) }
