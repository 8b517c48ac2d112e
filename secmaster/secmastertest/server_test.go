package secmastertest

import (
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"
)

var fixedNow = time.Date(2025, 7, 18, 6, 55, 47, 84e6, time.UTC)

// do sends a raw request with the default token and returns status, X-Request-Id and body.
func do(t *testing.T, s *Server, method, path, body string, hdr map[string]string) (int, string, map[string]any) {
	t.Helper()
	req, err := http.NewRequest(method, s.URL+path, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("X-Auth-Token", DefaultToken)
	req.Header.Set("X-Project-Id", s.ProjectID())
	req.Header.Set("Content-Type", "application/json;charset=UTF-8")
	for k, v := range hdr {
		req.Header.Set(k, v)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	raw, _ := io.ReadAll(resp.Body)
	var m map[string]any
	if err := json.Unmarshal(raw, &m); err != nil {
		t.Fatalf("%s %s: body is not a JSON object: %s", method, path, raw)
	}
	return resp.StatusCode, resp.Header.Get("X-Request-Id"), m
}

func soc(s *Server, rest string) string {
	return "/v1/" + s.ProjectID() + "/workspaces/" + s.WorkspaceID() + "/soc/" + rest
}

// A minimal valid taskflow: base64 of {"elementType":"{}","workflow":{"elements":[{"type":"element","name":"bpmn2:definitions"}]}}.
const minimalTaskflow = "eyJlbGVtZW50VHlwZSI6Int9Iiwid29ya2Zsb3ciOnsiZWxlbWVudHMiOlt7InR5cGUiOiJlbGVtZW50IiwibmFtZSI6ImJwbW4yOmRlZmluaXRpb25zIn1dfX0="

func TestResponseShapesFollowTheSeed(t *testing.T) {
	s := NewTestServer(Options{Now: func() time.Time { return fixedNow }})
	defer s.Close()
	status, rid, body := do(t, s, "POST", soc(s, "workflows"), `{"name":"w","engine_type":"public_engine","aop_type":"NORMAL","dataclass_id":"dc"}`, nil)
	if status != 200 || body["code"] != "00000000" || body["success"] != true || body["request_id"] != rid || rid == "" {
		t.Fatalf("create workflow: %d %v (X-Request-Id %q)", status, body, rid)
	}
	wfID := body["data"].(map[string]any)["id"].(string)
	if wfID != "00000000-0000-4000-8000-000000000001" {
		t.Fatalf("ids are not deterministic: %s", wfID)
	}
	status, _, body = do(t, s, "POST", soc(s, "workflows/"+wfID+"/versions"),
		`{"name":"v","description":"","taskconfig":"{}","taskflow":"`+minimalTaskflow+`","taskflow_type":"JSON","aop_type":"NORMAL"}`, nil)
	if status != 200 {
		t.Fatalf("create version: %d %v", status, body)
	}
	data := body["data"].(map[string]any)
	// The keys of AopWorkflowVersionInfo in seed 000's example answer.
	for _, k := range []string{"id", "version_id", "aopworkflow_id", "name", "description", "status", "taskconfig", "taskflow", "taskflow_type", "aop_type", "create_time", "update_time", "project_id", "workspace_id", "enabled"} {
		if _, ok := data[k]; !ok {
			t.Errorf("version answer lacks %q", k)
		}
	}
	if data["status"] != "pending_submit" || data["aopworkflow_id"] != wfID || data["create_time"] != "2025-07-18T06:55:47.084Z+0000" {
		t.Fatalf("version answer = %v", data)
	}
}

func TestContractViolations(t *testing.T) {
	s := NewTestServer(Options{})
	defer s.Close()
	cases := []struct {
		name, method, path, body string
		hdr                      map[string]string
		status                   int
		codeKey, code            string
	}{
		{"no credentials", "GET", soc(s, "workflows"), "", map[string]string{"X-Auth-Token": ""}, 401, "error_code", "APIGW.0301"},
		{"bad token", "GET", soc(s, "workflows"), "", map[string]string{"X-Auth-Token": "nope"}, 401, "error_code", "APIGW.0301"},
		{"project header differs", "GET", soc(s, "workflows"), "", map[string]string{"X-Project-Id": "other"}, 400, "code", codeProjectMismatch},
		{"unknown workspace", "GET", "/v1/" + s.ProjectID() + "/workspaces/nope/soc/workflows", "", nil, 403, "code", "SecMaster.20010001"},
		{"unknown route", "GET", soc(s, "playbooks"), "", nil, 404, "error_code", codeNoSuchRoute},
		{"wrong method", "DELETE", soc(s, "workflows"), "", nil, 405, "error_code", codeNoSuchRoute},
		{"missing engine", "POST", soc(s, "workflows"), `{"name":"w","aop_type":"NORMAL","dataclass_id":"d"}`, nil, 400, "code", codeBadRequest},
		{"bad aop_type", "POST", soc(s, "workflows"), `{"name":"w","engine_type":"public_engine","aop_type":"X","dataclass_id":"d"}`, nil, 400, "code", codeBadRequest},
		{"not JSON", "POST", soc(s, "workflows"), `{`, nil, 400, "code", codeBadRequest},
		{"wrong JSON type", "POST", soc(s, "workflows"), `{"name":1}`, nil, 400, "code", codeBadRequest},
		{"limit too big", "GET", soc(s, "workflows?limit=101"), "", nil, 400, "code", codeBadRequest},
		{"unknown workflow", "GET", soc(s, "workflows/nope"), "", nil, 400, "code", "SecMaster.20040611"},
		{"unknown version", "PUT", soc(s, "workflows/versions/nope"), `{"status":"activated"}`, nil, 400, "code", "SecMaster.20040605"},
		{"unknown instance", "PUT", soc(s, "workflows/instances/nope"), `{}`, nil, 400, "code", codeInstanceNotFound},
		{"import without multipart", "POST", soc(s, "workflows/import"), `[]`, nil, 400, "code", codeBadRequest},
		{"export nothing", "POST", soc(s, "workflows/export"), `{"id":[]}`, nil, 400, "code", codeBadRequest},
	}
	for _, tc := range cases {
		status, _, body := do(t, s, tc.method, tc.path, tc.body, tc.hdr)
		if status != tc.status || body[tc.codeKey] != tc.code {
			t.Errorf("%s: %d %v, want %d %s=%s", tc.name, status, body, tc.status, tc.codeKey, tc.code)
		}
	}
	if s.Requests()[0].Auth != "" || s.Requests()[0].Status != 401 {
		t.Errorf("first logged request = %+v", s.Requests()[0])
	}
}

func TestVersionStatusLifecycle(t *testing.T) {
	s := NewTestServer(Options{})
	defer s.Close()
	_, _, body := do(t, s, "POST", soc(s, "workflows"), `{"name":"w","engine_type":"public_engine","aop_type":"EASE","dataclass_id":"dc"}`, nil)
	wf := body["data"].(map[string]any)["id"].(string)
	newVersion := func() string {
		_, _, b := do(t, s, "POST", soc(s, "workflows/"+wf+"/versions"),
			`{"name":"v","description":"","taskconfig":"{}","taskflow":"`+minimalTaskflow+`","taskflow_type":"JSON","aop_type":"EASE"}`, nil)
		return b["data"].(map[string]any)["id"].(string)
	}
	put := func(id, body string) (int, string) {
		status, _, b := do(t, s, "PUT", soc(s, "workflows/versions/"+id), body, nil)
		if status != 200 {
			return status, b["code"].(string)
		}
		return status, b["data"].(map[string]any)["status"].(string)
	}
	v := newVersion()
	if err := s.Approve(v); err == nil {
		t.Fatal("a draft was approved")
	}
	if st, got := put(v, `{"status":"pending_approval","name":"x"}`); st != 400 || got != codeBadRequest {
		t.Fatalf("status with fields: %d %s", st, got)
	}
	if _, got := put(v, `{"status":"pending_approval"}`); got != "pending_approval" {
		t.Fatalf("submit: %s", got)
	}
	if st, got := put(v, `{"name":"edited"}`); st != 400 || got != codeBadTransition {
		t.Fatalf("editing a submitted version: %d %s", st, got)
	}
	if err := s.Reject(v); err != nil {
		t.Fatal(err)
	}
	if _, got := put(v, `{"name":"fixed"}`); got != "pending_submit" {
		t.Fatalf("editing a rejected version: %s", got)
	}
	put(v, `{"status":"pending_approval"}`)
	if err := s.Approve(v); err != nil {
		t.Fatal(err)
	}
	if _, got := put(v, `{"status":"activated"}`); got != "activated" {
		t.Fatalf("activate: %s", got)
	}
	if st, got := put(v, `{"status":"publishing"}`); st != 400 || got != codeBadRequest {
		t.Fatalf("publishing is not an action: %d %s", st, got)
	}
	if _, got := put(v, `{"status":"not_activated"}`); got != "not_activated" {
		t.Fatalf("deactivate: %s", got)
	}
	status, _, _ := do(t, s, "DELETE", soc(s, "workflows/versions/"+v), "", nil)
	if status != 200 || len(s.Versions(wf)) != 0 {
		t.Fatalf("delete: %d, %d left", status, len(s.Versions(wf)))
	}
}

func TestNewServerIsLoopbackOnly(t *testing.T) {
	for _, addr := range []string{"0.0.0.0:0", ":0", "192.0.2.1:80", "example.com:80", "nonsense"} {
		if s, err := NewServer(addr, Options{}); err == nil {
			s.Close()
			t.Errorf("NewServer(%q) listened", addr)
		}
	}
	s, err := NewServer("127.0.0.1:0", Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if status, _, _ := do(t, s, "GET", soc(s, "components"), "", nil); status != 200 {
		t.Fatalf("GET components: %d", status)
	}
}

func TestSameCallsGiveSameBytes(t *testing.T) {
	run := func() string {
		s := NewTestServer(Options{Now: func() time.Time { return fixedNow }})
		defer s.Close()
		s.SeedExamples()
		var out strings.Builder
		for _, p := range []string{"components", "workflows/instances"} {
			req, _ := http.NewRequest("GET", s.URL+soc(s, p), nil)
			req.Header.Set("X-Auth-Token", DefaultToken)
			req.Header.Set("X-Project-Id", s.ProjectID())
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			b, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			out.Write(b)
		}
		return out.String()
	}
	if a, b := run(), run(); a != b {
		t.Fatalf("two runs differ:\n%s\n%s", a, b)
	}
}
