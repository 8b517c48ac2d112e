package dataworkstest_test

import (
	"encoding/json"
	"net/url"
	"strings"
	"testing"

	"github.com/wfc-dev/wfc/dataworks/dataworkstest"
)

// specDoc is a small valid FlowSpec in the server's "workflows" form (sdk-import-example.json).
func specDoc(name string) map[string]any {
	node := func(id, n, cmd string) map[string]any {
		return map[string]any{
			"id": id, "name": n,
			"script":  map[string]any{"path": "wfc/" + name + "/" + n, "runtime": map[string]any{"command": cmd}, "content": "select 1;"},
			"outputs": map[string]any{"nodeOutputs": []any{map[string]any{"data": id, "artifactType": "NodeOutput", "refTableName": n}}},
		}
	}
	return map[string]any{
		"version": "1.1.0", "kind": "CycleWorkflow",
		"spec": map[string]any{"name": name, "type": "CycleWorkflow", "workflows": []any{map[string]any{
			"name":    name,
			"script":  map[string]any{"path": "wfc/" + name, "runtime": map[string]any{"command": "WORKFLOW"}},
			"trigger": map[string]any{"type": "Scheduler", "cron": "00 00 02 * * ?"},
			"nodes":   []any{node("local-a", "extract", "ODPS_SQL"), node("local-b", "load", "DIDE_SHELL")},
			"dependencies": []any{map[string]any{"nodeId": "local-b", "depends": []any{
				map[string]any{"type": "Normal", "output": "local-a", "refTableName": "extract"}}}},
		}}},
	}
}

func specJSON(name string) string { return encode(specDoc(name)) }

func encode(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}

func workflow0(doc map[string]any) map[string]any {
	return doc["spec"].(map[string]any)["workflows"].([]any)[0].(map[string]any)
}

func node(doc map[string]any, i int) map[string]any {
	return workflow0(doc)["nodes"].([]any)[i].(map[string]any)
}

func importSpec(t *testing.T, srv *dataworkstest.Server, spec string) (int, map[string]any) {
	t.Helper()
	return rawCall{method: "POST", action: "ImportWorkflowDefinition", form: project(url.Values{"Spec": {spec}})}.send(t, srv)
}

func TestImportRefusesMalformedSpecsWithAJSONPath(t *testing.T) {
	cases := []struct {
		name string
		mut  func(doc map[string]any)
		path string
	}{
		{"no node command", func(d map[string]any) {
			delete(node(d, 1)["script"].(map[string]any)["runtime"].(map[string]any), "command")
		}, "$.spec.workflows[0].nodes[1].script.runtime.command: is required"},
		{"workflow command", func(d map[string]any) {
			workflow0(d)["script"] = map[string]any{"runtime": map[string]any{"command": "ODPS_SQL"}}
		}, "$.spec.workflows[0].script.runtime.command:"},
		{"kind", func(d map[string]any) { d["kind"] = "Node" }, "$.kind: must be one of CycleWorkflow, ManualWorkflow"},
		{"no workflows", func(d map[string]any) { d["spec"].(map[string]any)["workflows"] = []any{} }, "$.spec.workflows:"},
		{"node id as a number", func(d map[string]any) { node(d, 0)["id"] = json.Number("6326476912390091234") }, "$.spec.workflows[0].nodes[0].id: ids are strings"},
		{"duplicate node name", func(d map[string]any) { node(d, 1)["name"] = "extract" }, "$.spec.workflows[0].nodes[1].name:"},
		{"dependency on a stranger", func(d map[string]any) {
			workflow0(d)["dependencies"].([]any)[0].(map[string]any)["nodeId"] = "nobody"
		}, "$.spec.workflows[0].dependencies[0].nodeId:"},
		{"cron missing", func(d map[string]any) { delete(workflow0(d)["trigger"].(map[string]any), "cron") }, "$.spec.workflows[0].trigger.cron:"},
		{"no nodes", func(d map[string]any) { workflow0(d)["nodes"] = []any{} }, "$.spec.workflows[0].nodes:"},
	}
	srv := newServer(t, nil)
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			doc := specDoc("wf")
			tc.mut(doc)
			status, body := importSpec(t, srv, encode(doc))
			wantError(t, status, body, 400, "58014884415", tc.path)
		})
	}
	if status, body := importSpec(t, srv, "not json"); status != 400 || !strings.HasPrefix(body["Message"].(string), "$:") {
		t.Errorf("non-JSON spec: %d %v", status, body)
	}
	if n := srv.Applied(dataworkstest.ActionImportWorkflowDefinition); n != 0 {
		t.Errorf("%d malformed imports were applied", n)
	}
}

func jobStatus(t *testing.T, srv *dataworkstest.Server, id string) map[string]any {
	t.Helper()
	status, body := rawCall{method: "GET", action: "GetJobStatus", query: url.Values{"JobId": {id}}}.send(t, srv)
	if status != 200 {
		t.Fatalf("GetJobStatus: %d %v", status, body)
	}
	return body["JobStatus"].(map[string]any)
}

func TestImportAssignsIdsAndKeepsThemOnUpdate(t *testing.T) {
	srv := newServer(t, func(o *dataworkstest.Options) { o.JobPolls = 3 })
	status, body := importSpec(t, srv, specJSON("daily"))
	if status != 200 {
		t.Fatalf("import: %d %v", status, body)
	}
	job := body["AsyncJob"].(map[string]any)
	if job["Status"] != "Running" || job["Completed"] != false || !isID(job["Id"]) {
		t.Errorf("AsyncJob = %v, want a Running job with a 19-digit string id", job)
	}
	var seen []string
	for i := 0; i < 4; i++ {
		st := jobStatus(t, srv, job["Id"].(string))
		seen = append(seen, st["Status"].(string)+"/"+st["Completed"].(string))
	}
	if got := strings.Join(seen, " "); got != "Running/False Running/False Running/False Success/True" {
		t.Errorf("job statuses over four polls: %s", got)
	}

	wfs := srv.Workflows()
	if len(wfs) != 1 || !isID(wfs[0].ID) || wfs[0].ID != job["Response"] {
		t.Fatalf("stored workflows %+v; job Response %v", wfs, job["Response"])
	}
	extract, load := wfs[0].NodeIDs["extract"], wfs[0].NodeIDs["load"]
	if !isID(extract) || !isID(load) || extract == load {
		t.Fatalf("node ids %v", wfs[0].NodeIDs)
	}
	// References to the local ids now name the server's ids.
	if !strings.Contains(wfs[0].Spec, `"nodeId":"`+load+`"`) || !strings.Contains(wfs[0].Spec, `"output":"`+extract+`"`) || strings.Contains(wfs[0].Spec, "local-") {
		t.Errorf("dependencies not rewritten: %s", wfs[0].Spec)
	}

	// Updating with the deployed ids keeps them; a new node gets a new id.
	doc := specDoc("daily")
	workflow0(doc)["id"] = wfs[0].ID
	node(doc, 0)["id"], node(doc, 1)["id"] = extract, load
	node(doc, 0)["outputs"].(map[string]any)["nodeOutputs"].([]any)[0].(map[string]any)["data"] = extract
	workflow0(doc)["dependencies"].([]any)[0].(map[string]any)["nodeId"] = load
	if status, body := importSpec(t, srv, encode(doc)); status != 200 || body["AsyncJob"].(map[string]any)["Type"] != "Update" {
		t.Fatalf("update: %d %v", status, body)
	}
	after := srv.Workflows()
	if len(after) != 1 || after[0].ID != wfs[0].ID || after[0].NodeIDs["extract"] != extract || after[0].NodeIDs["load"] != load {
		t.Errorf("after update: %+v, want the same workflow and node ids", after)
	}
}

func TestImportOfATakenNameFailsInTheJob(t *testing.T) {
	srv := newServer(t, func(o *dataworkstest.Options) { o.JobPolls = -1 })
	importSpec(t, srv, specJSON("daily"))
	status, body := importSpec(t, srv, specJSON("daily")) // no id: a second create
	if status != 200 {
		t.Fatalf("import: %d %v", status, body)
	}
	st := jobStatus(t, srv, body["AsyncJob"].(map[string]any)["Id"].(string))
	if st["Status"] != "Fail" || !strings.Contains(st["Error"].(string), "already exists") {
		t.Errorf("job status %v, want Fail: target folder already exists", st)
	}
	if n := len(srv.Workflows()); n != 1 {
		t.Errorf("%d workflows, want 1", n)
	}
}

func TestGetWorkflowDefinitionScriptContent(t *testing.T) {
	srv := newServer(t, nil)
	importSpec(t, srv, specJSON("daily"))
	id := srv.Workflows()[0].ID
	get := func(include string) map[string]any {
		_, body := rawCall{method: "GET", action: "GetWorkflowDefinition", query: project(url.Values{"Id": {id}, "IncludeScriptContent": {include}})}.send(t, srv)
		return body["WorkflowDefinition"].(map[string]any)
	}
	with, without := get("true"), get("false")
	if !strings.Contains(with["Spec"].(string), "select 1;") || strings.Contains(without["Spec"].(string), "select 1;") {
		t.Errorf("IncludeScriptContent not honoured:\n with %s\n without %s", with["Spec"], without["Spec"])
	}
	if with["Id"] != id || with["Name"] != "daily" {
		t.Errorf("definition %v", with)
	}
	status, body := rawCall{method: "GET", action: "GetWorkflowDefinition", query: project(url.Values{"Id": {"7999999999999999999"}})}.send(t, srv)
	wantError(t, status, body, 404, "NotFound.WorkflowDefinition", "7999999999999999999")
}

func isID(v any) bool {
	s, ok := v.(string)
	return ok && len(s) == 19 && strings.Trim(s, "0123456789") == ""
}

// The stored spec carries what the service adds on import, as a client reads it back.
func TestImportFillsWhatTheServiceAdds(t *testing.T) {
	srv := newServer(t, nil)
	doc := specDoc("daily")
	delete(node(doc, 1), "outputs")
	node(doc, 0)["rerunTimes"] = 1
	importSpec(t, srv, encode(doc))
	wf := srv.Workflows()[0]
	var stored map[string]any
	if err := json.Unmarshal([]byte(wf.Spec), &stored); err != nil {
		t.Fatal(err)
	}
	extract, load := node(stored, 0), node(stored, 1)
	if extract["rerunTimes"] != 1.0 || load["rerunTimes"] != 3.0 || load["recurrence"] != "Normal" || load["owner"] == nil {
		t.Errorf("node defaults: extract %v, load %v", extract, load)
	}
	out := load["outputs"].(map[string]any)["nodeOutputs"].([]any)[0].(map[string]any)
	if out["data"] != wf.NodeIDs["load"] || out["refTableName"] != "load" {
		t.Errorf("default output %v, want one named by the node's id", out)
	}
	mirrored := load["inputs"].(map[string]any)["nodeOutputs"].([]any)[0].(map[string]any)
	if mirrored["data"] != wf.NodeIDs["extract"] {
		t.Errorf("load's inputs %v, want extract's output mirrored from the dependency", load["inputs"])
	}
	trig := workflow0(stored)["trigger"].(map[string]any)
	if trig["startTime"] != "1970-01-01 00:00:00" || !isID(trig["id"]) || !isID(extract["script"].(map[string]any)["id"]) {
		t.Errorf("trigger %v, script %v: want bounds and server ids", trig, extract["script"])
	}
}

// With ImportLag an accepted import shows in listings only some requests later, unless its job
// is seen to end first; a create of the same name meanwhile still fails.
func TestImportLagLandsLater(t *testing.T) {
	srv := newServer(t, func(o *dataworkstest.Options) { o.ImportLag = 3; o.JobPolls = -1 })
	importSpec(t, srv, specJSON("daily"))
	list := func() float64 {
		_, body := rawCall{method: "GET", action: "ListWorkflowDefinitions", query: project(url.Values{})}.send(t, srv)
		return body["PagingInfo"].(map[string]any)["TotalCount"].(float64)
	}
	if n := list(); n != 0 {
		t.Fatalf("listed %v workflows at once, want 0 while the import lands", n)
	}
	_, body := importSpec(t, srv, specJSON("daily"))
	if st := jobStatus(t, srv, body["AsyncJob"].(map[string]any)["Id"].(string)); st["Status"] != "Fail" {
		t.Errorf("a second create of a name that is landing: %v, want Fail", st)
	}
	if n := list(); n != 1 {
		t.Errorf("listed %v workflows three requests later, want 1", n)
	}

	srv2 := newServer(t, func(o *dataworkstest.Options) { o.ImportLag = 100; o.JobPolls = -1 })
	_, body = importSpec(t, srv2, specJSON("daily"))
	jobStatus(t, srv2, body["AsyncJob"].(map[string]any)["Id"].(string))
	if n := len(srv2.Workflows()); n != 1 {
		t.Errorf("%d workflows after the job said it ended, want 1", n)
	}
}
