package dataworkstest_test

import (
	"net/url"
	"strings"
	"testing"

	"github.com/wfc-dev/wfc/dataworks/dataworkstest"
)

func createRun(t *testing.T, srv *dataworkstest.Server) string {
	t.Helper()
	importSpec(t, srv, specJSON("daily"))
	wf := srv.Workflows()[0].ID
	status, body := rawCall{method: "POST", action: "CreatePipelineRun",
		form: project(url.Values{"Type": {"Online"}, "ObjectIds": {`["` + wf + `"]`}})}.send(t, srv)
	if status != 200 || !isID(body["Id"]) {
		t.Fatalf("CreatePipelineRun: %d %v", status, body)
	}
	return body["Id"].(string)
}

// pollRun reads the run once and summarises it as "RUN: CODE=Status ...".
func pollRun(t *testing.T, srv *dataworkstest.Server, id string) string {
	t.Helper()
	status, body := rawCall{method: "GET", action: "GetPipelineRun", query: project(url.Values{"Id": {id}})}.send(t, srv)
	if status != 200 {
		t.Fatalf("GetPipelineRun: %d %v", status, body)
	}
	p := body["Pipeline"].(map[string]any)
	parts := []string{p["Status"].(string) + ":"}
	for _, s := range p["Stages"].([]any) {
		st := s.(map[string]any)
		parts = append(parts, st["Code"].(string)+"="+st["Status"].(string))
	}
	return strings.Join(parts, " ")
}

func execStage(t *testing.T, srv *dataworkstest.Server, id, code string) (int, map[string]any) {
	t.Helper()
	return rawCall{method: "POST", action: "ExecPipelineRunStage", query: project(nil),
		form: url.Values{"Id": {id}, "Code": {code}}}.send(t, srv)
}

func TestPipelineRunAdvancesAndWaitsForManualStage(t *testing.T) {
	srv := newServer(t, nil)
	run := createRun(t, srv)
	var got []string
	for i := 0; i < 3; i++ {
		got = append(got, pollRun(t, srv, run))
	}
	if status, body := execStage(t, srv, run, "PROD"); status != 400 || body["Code"] != "InvalidStage" {
		t.Errorf("executing a stage out of turn: %d %v", status, body)
	}
	if status, body := execStage(t, srv, run, "PROD_CHECK"); status != 200 || body["Success"] != true {
		t.Fatalf("ExecPipelineRunStage: %d %v", status, body)
	}
	for i := 0; i < 3; i++ {
		got = append(got, pollRun(t, srv, run))
	}
	want := []string{
		"Running: BUILD_PACKAGE=Running PROD_CHECK=Init PROD=Init",
		"Running: BUILD_PACKAGE=Success PROD_CHECK=Init PROD=Init",
		"Running: BUILD_PACKAGE=Success PROD_CHECK=Init PROD=Init", // waits for a person
		"Running: BUILD_PACKAGE=Success PROD_CHECK=Success PROD=Init",
		"Running: BUILD_PACKAGE=Success PROD_CHECK=Success PROD=Init",
		"Running: BUILD_PACKAGE=Success PROD_CHECK=Success PROD=Init",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Fatalf("polls:\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if status, body := execStage(t, srv, run, "PROD_CHECK"); status != 400 || body["Code"] != "InvalidStage" {
		t.Errorf("executing a finished stage: %d %v", status, body)
	}
	if status, body := execStage(t, srv, run, "PROD"); status != 200 || body["Success"] != true {
		t.Fatalf("ExecPipelineRunStage: %d %v", status, body)
	}
	if got := pollRun(t, srv, run); got != "Success: BUILD_PACKAGE=Success PROD_CHECK=Success PROD=Success" {
		t.Errorf("after the manual start: %s", got)
	}
}

func TestFailingStageFailsTheRun(t *testing.T) {
	srv := newServer(t, nil)
	srv.FailStage("PROD_CHECK", "table t1 has no owner")
	run := createRun(t, srv)
	pollRun(t, srv, run)
	pollRun(t, srv, run)
	execStage(t, srv, run, "PROD_CHECK")
	var last string
	for i := 0; i < 2; i++ {
		last = pollRun(t, srv, run)
	}
	if last != "Fail: BUILD_PACKAGE=Success PROD_CHECK=Fail PROD=Init" {
		t.Errorf("run: %s", last)
	}
	_, body := rawCall{method: "GET", action: "GetPipelineRun", query: project(url.Values{"Id": {run}})}.send(t, srv)
	if msg := body["Pipeline"].(map[string]any)["Message"]; msg != "stage PROD_CHECK failed: table t1 has no owner" {
		t.Errorf("run message %q", msg)
	}
}

func TestCreatePipelineRunNeedsAKnownObject(t *testing.T) {
	srv := newServer(t, nil)
	status, body := rawCall{method: "POST", action: "CreatePipelineRun",
		form: project(url.Values{"Type": {"Online"}, "ObjectIds": {`["7999999999999999999"]`}})}.send(t, srv)
	wantError(t, status, body, 404, "NotFound.Object", "7999999999999999999")
}

func TestFaultsApplyInOrder(t *testing.T) {
	srv := newServer(t, nil)
	srv.Fail(dataworkstest.ActionListWorkflowDefinitions, dataworkstest.Fault{Status: 500}, dataworkstest.Fault{Status: 503, Code: "ServiceUnavailable"})
	list := rawCall{method: "GET", action: "ListWorkflowDefinitions", query: project(nil)}
	s1, b1 := list.send(t, srv)
	s2, b2 := list.send(t, srv)
	s3, _ := list.send(t, srv)
	if s1 != 500 || b1["Code"] != "InternalError" || s2 != 503 || b2["Code"] != "ServiceUnavailable" || s3 != 200 {
		t.Errorf("statuses %d %v, %d %v, %d", s1, b1, s2, b2, s3)
	}
}
