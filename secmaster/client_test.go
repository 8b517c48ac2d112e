package secmaster_test

import (
	"context"
	"errors"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/wfc-dev/wfc/secmaster"
	"github.com/wfc-dev/wfc/secmaster/exportfile"
	"github.com/wfc-dev/wfc/secmaster/secmastertest"
)

func createWorkflow(t *testing.T, e *env, name string) *secmaster.Workflow {
	t.Helper()
	w, err := e.client.CreateWorkflow(context.Background(), secmaster.CreateWorkflowRequest{Name: name, AopType: secmaster.AopTypeNormal, DataclassID: "dc-1"})
	if err != nil {
		t.Fatalf("CreateWorkflow: %v", err)
	}
	return w
}

func TestWorkflowAndVersionLifecycle(t *testing.T) {
	e := newEnv(t, nil)
	ctx := context.Background()
	w := createWorkflow(t, e, "close-alerts")
	if w.ID == "" || w.EngineType != secmaster.EnginePublic || w.Enabled {
		t.Fatalf("created workflow = %+v", w)
	}
	createWorkflow(t, e, "other")

	page, err := e.client.ListWorkflows(ctx, secmaster.ListWorkflowsOptions{Name: "close"})
	if err != nil || page.Total != 1 || len(page.Workflows) != 1 || page.Workflows[0].ID != w.ID {
		t.Fatalf("ListWorkflows(name=close) = %+v, %v", page, err)
	}
	if got, err := e.client.GetWorkflow(ctx, w.ID); err != nil || got.Name != "close-alerts" {
		t.Fatalf("GetWorkflow = %+v, %v", got, err)
	}

	v1, err := e.client.CreateVersion(ctx, w.ID, secmaster.CreateVersionRequest{Name: "v1", Description: "first", Taskconfig: taskconfig, Taskflow: seedTaskflow(t), AopType: secmaster.AopTypeNormal})
	if err != nil {
		t.Fatalf("CreateVersion with the seed taskflow: %v", err)
	}
	if v1.Status != secmaster.StatusPendingSubmit || v1.WorkflowID != w.ID || v1.TaskflowType != "JSON" {
		t.Fatalf("created version = %+v", v1)
	}
	// Drafts can be edited.
	desc := "first, edited"
	if got, err := e.client.UpdateVersion(ctx, v1.ID, secmaster.UpdateVersionRequest{Description: &desc}); err != nil || got.Description != desc {
		t.Fatalf("UpdateVersion = %+v, %v", got, err)
	}
	// Activating a draft is refused with a SecMaster code.
	if _, err := e.client.SetVersionStatus(ctx, v1.ID, secmaster.StatusActivated); err == nil || !strings.Contains(err.Error(), "HTTP 400 SecMaster.") {
		t.Fatalf("activating a draft: err = %v", err)
	}
	activate := func(id string) {
		t.Helper()
		if _, err := e.client.SetVersionStatus(ctx, id, secmaster.StatusPendingApproval); err != nil {
			t.Fatalf("submit: %v", err)
		}
		if err := e.srv.Approve(id); err != nil {
			t.Fatalf("Approve: %v", err)
		}
		got, err := e.client.SetVersionStatus(ctx, id, secmaster.StatusActivated)
		if err != nil || got.Status != secmaster.StatusActivated {
			t.Fatalf("activate = %+v, %v", got, err)
		}
	}
	activate(v1.ID)
	if _, err := e.client.UpdateVersion(ctx, v1.ID, secmaster.UpdateVersionRequest{Description: &desc}); err == nil {
		t.Fatal("editing an activated version succeeded")
	}
	id := v1.ID
	enabled := true
	if got, err := e.client.UpdateWorkflow(ctx, w.ID, secmaster.UpdateWorkflowRequest{Enabled: &enabled, VersionID: &id}); err != nil || !got.Enabled || got.VersionID != v1.ID {
		t.Fatalf("enable workflow = %+v, %v", got, err)
	}

	v2, err := e.client.CreateVersion(ctx, w.ID, versionRequest(t, "v2"))
	if err != nil {
		t.Fatal(err)
	}
	activate(v2.ID)
	all, err := e.client.ListVersions(ctx, w.ID, secmaster.ListVersionsOptions{})
	if err != nil || len(all) != 2 {
		t.Fatalf("ListVersions = %+v, %v", all, err)
	}
	if all[0].Status != secmaster.StatusNotActivated || all[1].Status != secmaster.StatusActivated {
		t.Fatalf("one activated version per workflow: statuses %s, %s", all[0].Status, all[1].Status)
	}
	active, err := e.client.ListVersions(ctx, w.ID, secmaster.ListVersionsOptions{Status: secmaster.StatusActivated})
	if err != nil || len(active) != 1 || active[0].ID != v2.ID {
		t.Fatalf("ListVersions(status=activated) = %+v, %v", active, err)
	}
	if got, err := e.client.GetVersion(ctx, v2.ID); err != nil || got.Taskflow != simpleTaskflow(t) {
		t.Fatalf("GetVersion = %+v, %v", got, err)
	}
	if err := e.client.DeleteVersion(ctx, v2.ID); err == nil {
		t.Fatal("deleting the activated version succeeded")
	}
	if err := e.client.DeleteVersion(ctx, v1.ID); err != nil {
		t.Fatalf("DeleteVersion: %v", err)
	}
	_, err = e.client.GetVersion(ctx, v1.ID)
	if !secmaster.IsNotFound(err) || !strings.Contains(err.Error(), "show version: HTTP 400 SecMaster.20040605: workflow version not found (request id ") {
		t.Fatalf("GetVersion of a deleted version: %v", err)
	}
	_, err = e.client.CreateVersion(ctx, "no-such-workflow", versionRequest(t, "v"))
	if !secmaster.IsNotFound(err) || !strings.Contains(err.Error(), "SecMaster.20040611") {
		t.Fatalf("CreateVersion on a missing workflow: %v", err)
	}
}

func TestAPIErrorFormat(t *testing.T) {
	e := newEnv(t, nil)
	w := createWorkflow(t, e, "wf")
	req := versionRequest(t, "v")
	req.AopType = "BOGUS"
	_, err := e.client.CreateVersion(context.Background(), w.ID, req)
	var ae *secmaster.APIError
	if !errors.As(err, &ae) || ae.HTTPStatus != 400 || ae.Code != "SecMaster.20040001" || ae.RequestID == "" {
		t.Fatalf("err = %#v", err)
	}
	want := regexp.MustCompile(`^create version: HTTP 400 SecMaster\.20040001: aop_type must be one of NORMAL, SURVEY, HEMOSTASIS, EASE \(request id [0-9a-f-]{36}\)$`)
	if !want.MatchString(err.Error()) {
		t.Fatalf("error text %q does not match %s", err, want)
	}
	if errors.Is(err, secmaster.ErrAmbiguous) {
		t.Fatal("a 400 is not ambiguous")
	}
	if n := len(e.srv.RequestsTo(secmastertest.RouteCreateVersion)); n != 1 {
		t.Fatalf("a 400 was sent %d times", n)
	}
}

func TestBadTaskflowRejected(t *testing.T) {
	e := newEnv(t, nil)
	w := createWorkflow(t, e, "wf")
	cases := map[string]func(*secmaster.CreateVersionRequest){
		"taskflow is not valid base64":        func(r *secmaster.CreateVersionRequest) { r.Taskflow = "%%%" },
		"taskflow JSON must have elementType": func(r *secmaster.CreateVersionRequest) { r.Taskflow = "eyJ3b3JrZmxvdyI6e319" }, // {"workflow":{}}
		"taskflow is not base64 of a JSON":    func(r *secmaster.CreateVersionRequest) { r.Taskflow = "bm90IGpzb24=" },         // not json
		"taskconfig must be a JSON object":    func(r *secmaster.CreateVersionRequest) { r.Taskconfig = "{" },
		"taskflow_type must be JSON":          func(r *secmaster.CreateVersionRequest) { r.TaskflowType = "XML" },
		"name must not be empty":              func(r *secmaster.CreateVersionRequest) { r.Name = " " },
	}
	for want, mut := range cases {
		req := versionRequest(t, "v")
		mut(&req)
		_, err := e.client.CreateVersion(context.Background(), w.ID, req)
		if err == nil || !strings.Contains(err.Error(), want) || !strings.Contains(err.Error(), "HTTP 400 SecMaster.2004") {
			t.Errorf("%s: err = %v", want, err)
		}
	}
}

func TestValidate(t *testing.T) {
	e := newEnv(t, nil)
	ctx := context.Background()
	w := createWorkflow(t, e, "wf")
	res, err := e.client.Validate(ctx, secmaster.ValidateRequest{Mode: secmaster.ValidateBasic, Taskconfig: taskconfig, Taskflow: seedTaskflow(t), WorkflowID: w.ID})
	if err != nil || !res.Passed() || res.DetailText() != "" {
		t.Fatalf("BASIC on the seed taskflow = %+v, %v", res, err)
	}
	loop := taskflow(t, []string{"startEvent:S", "task:A", "task:B", "endEvent:E"},
		[][3]string{{"F1", "S", "A"}, {"F2", "A", "B"}, {"F3", "B", "A"}, {"F4", "B", "E"}})
	res, err = e.client.Validate(ctx, secmaster.ValidateRequest{Mode: secmaster.ValidateCircle, Taskconfig: taskconfig, Taskflow: loop, WorkflowID: w.ID})
	if err != nil || res.Passed() || res.DetailText() != "loop through A" {
		t.Fatalf("CIRCLE on a loop = %+v (%s), %v", res, res.DetailText(), err)
	}
	noEnd := taskflow(t, []string{"startEvent:S", "task:A"}, [][3]string{{"F1", "S", "A"}, {"F2", "A", "Missing"}})
	res, err = e.client.Validate(ctx, secmaster.ValidateRequest{Mode: secmaster.ValidateBasic, Taskconfig: taskconfig, Taskflow: noEnd, WorkflowID: w.ID})
	if err != nil || res.Passed() || res.DetailText() != "sequence flow F2 connects missing elements; no end event" {
		t.Fatalf("BASIC without end = %q, %v", res.DetailText(), err)
	}
	_, err = e.client.Validate(ctx, secmaster.ValidateRequest{Mode: "FULL", Taskconfig: taskconfig, Taskflow: loop, WorkflowID: w.ID})
	if err == nil || !strings.Contains(err.Error(), "mode must be BASIC, CIRCLE or APP_PARAMS") {
		t.Fatalf("bad mode: %v", err)
	}
}

func TestExportImportRoundTrip(t *testing.T) {
	src := newEnv(t, nil)
	ctx := context.Background()
	w := createWorkflow(t, src, "exported")
	for _, n := range []string{"v1", "v2"} {
		if _, err := src.client.CreateVersion(ctx, w.ID, versionRequest(t, n)); err != nil {
			t.Fatal(err)
		}
	}
	file, err := src.client.Export(ctx, []string{w.ID})
	if err != nil {
		t.Fatalf("Export: %v", err)
	}
	parsed, err := exportfile.Parse(file)
	if err != nil || len(parsed) != 1 || parsed[0].Name != "exported" || len(parsed[0].Versions) != 2 {
		t.Fatalf("ParseExportFile = %+v, %v", parsed, err)
	}

	dst := newEnv(t, func(c *secmaster.Config) { c.Credentials = secmaster.Credentials{Token: "tok-valid"} })
	if err := dst.client.Import(ctx, "exported.json", file); err != nil {
		t.Fatalf("Import: %v", err)
	}
	wfs := dst.srv.Workflows()
	if len(wfs) != 1 || wfs[0].Name != "exported" || wfs[0].AopType != secmaster.AopTypeNormal {
		t.Fatalf("imported workflows = %+v", wfs)
	}
	vs := dst.srv.Versions(wfs[0].ID)
	if len(vs) != 2 || vs[0].Name != "v1" || vs[1].Name != "v2" || vs[1].Taskflow != simpleTaskflow(t) || vs[0].Taskconfig != taskconfig {
		t.Fatalf("imported versions = %+v", vs)
	}
	// The upload is not signed over its body, as the SDKs do for multipart.
	got := dst.srv.RequestsTo(secmastertest.RouteImport)
	if len(got) != 1 || !strings.HasPrefix(got[0].Header.Get("Content-Type"), "multipart/form-data") {
		t.Fatalf("import requests = %+v", got)
	}

	if err := dst.client.Import(ctx, "bad.json", []byte(`{"not":"an array"}`)); err == nil || !strings.Contains(err.Error(), "not a JSON array of workflows") {
		t.Fatalf("importing garbage: %v", err)
	}
	if _, err := src.client.Export(ctx, []string{"missing"}); !secmaster.IsNotFound(err) {
		t.Fatalf("exporting a missing workflow: %v", err)
	}
}

func TestImportSignedWithAKSK(t *testing.T) {
	e := newEnv(t, func(c *secmaster.Config) { c.Credentials.SecurityToken = "" })
	file, _ := exportfile.Marshal([]exportfile.Workflow{{
		Workflow: secmaster.Workflow{Name: "imp", AopType: secmaster.AopTypeEase, DataclassID: "dc"},
		Versions: []secmaster.WorkflowVersion{{Name: "v1", Description: "", Taskconfig: "{}", Taskflow: simpleTaskflow(t), TaskflowType: "JSON", AopType: secmaster.AopTypeEase}},
	}})
	if err := e.client.Import(context.Background(), "", file); err != nil {
		t.Fatalf("Import with AK/SK: %v", err)
	}
	r := e.srv.RequestsTo(secmastertest.RouteImport)[0]
	if r.Auth != "aksk" || r.Header.Get(secmaster.HeaderContentSha256) != secmaster.UnsignedPayload {
		t.Fatalf("import request: auth %q, content sha %q", r.Auth, r.Header.Get(secmaster.HeaderContentSha256))
	}
}

func TestInstances(t *testing.T) {
	e := newEnv(t, nil)
	ctx := context.Background()
	wf := &secmaster.InstanceRef{ID: "wf-1", Name: "wf"}
	failed := e.srv.SeedInstance(secmaster.Instance{Name: "a", Workflow: wf, Status: secmaster.InstanceFailed, TriggerType: "MANUAL"})
	running := e.srv.SeedInstance(secmaster.Instance{Name: "b", Workflow: wf, Status: secmaster.InstanceRunning, TriggerType: "DEBUG"})
	e.srv.SeedInstance(secmaster.Instance{Name: "c", Workflow: &secmaster.InstanceRef{ID: "wf-2"}, Status: secmaster.InstanceFinished})

	page, err := e.client.ListInstances(ctx, secmaster.ListInstancesOptions{WorkflowID: "wf-1"})
	if err != nil || page.Count != 2 || page.Instances[0].ID != failed || page.Instances[1].ID != running {
		t.Fatalf("ListInstances = %+v, %v", page, err)
	}
	if in, err := e.client.GetInstance(ctx, running); err != nil || in.Name != "b" || in.Workflow.ID != "wf-1" {
		t.Fatalf("GetInstance = %+v, %v", in, err)
	}
	if err := e.client.RetryInstance(ctx, failed); err != nil {
		t.Fatalf("RetryInstance: %v", err)
	}
	if err := e.client.TerminateInstance(ctx, running); err != nil {
		t.Fatalf("TerminateInstance: %v", err)
	}
	if in, _, _ := e.srv.Instance(failed); in.Status != secmaster.InstanceRetrying || in.RetryCount != 1 {
		t.Fatalf("after retry: %+v", in)
	}
	if in, _, _ := e.srv.Instance(running); in.Status != secmaster.InstanceTerminated {
		t.Fatalf("after terminate: %+v", in)
	}
	err = e.client.TerminateInstance(ctx, running)
	if err == nil || !strings.Contains(err.Error(), "terminate instance: HTTP 400 SecMaster.20040702: a TERMINATED instance cannot be terminated") {
		t.Fatalf("terminating twice: %v", err)
	}
	input := `[{"name":"uuid","value":{"output":{"uuid":"x"}},"key":"Activity_1"}]`
	if err := e.client.DebugInstance(ctx, running, "task-1", input); err != nil {
		t.Fatalf("DebugInstance: %v", err)
	}
	if _, debugs, _ := e.srv.Instance(running); len(debugs) != 1 || debugs[0].TaskID != "task-1" || debugs[0].InputDataobject != input {
		t.Fatalf("debug inputs = %+v", debugs)
	}
	if err := e.client.DebugInstance(ctx, running, "", input); err == nil || !strings.Contains(err.Error(), "needs a task id") {
		t.Fatalf("debug without a task: %v", err)
	}
	if _, err := e.client.GetInstance(ctx, "nope"); err == nil || !strings.Contains(err.Error(), "show instance: HTTP 400") {
		t.Fatalf("missing instance: %v", err)
	}
}

func TestComponentsPageThroughEverything(t *testing.T) {
	e := newEnv(t, nil)
	ctx := context.Background()
	e.srv.SeedExamples() // 11 plugins; secmaster has 4 actions
	for i := 0; i < 139; i++ {
		e.srv.SeedComponent(secmaster.Component{Name: "filler"})
	}
	cs, err := e.client.ListComponents(ctx)
	if err != nil || len(cs) != 150 || cs[0].Name != "secmaster" || cs[1].Name != "threat_intel" {
		t.Fatalf("ListComponents = %d items, %v", len(cs), err)
	}
	if n := len(e.srv.RequestsTo(secmastertest.RouteListComponents)); n != 2 {
		t.Fatalf("150 components took %d pages, want 2", n)
	}
	acts, err := e.client.ListComponentActions(ctx, cs[0].ID)
	if err != nil || len(acts) != 4 || acts[0].ActionName != "close_alert" || !strings.Contains(acts[0].ActionInput, `"required":true`) {
		t.Fatalf("ListComponentActions = %+v, %v", acts, err)
	}
	if _, err := e.client.ListComponentActions(ctx, "nope"); err == nil || !strings.Contains(err.Error(), "component not found") {
		t.Fatalf("actions of a missing component: %v", err)
	}
}

func TestTokenAuth(t *testing.T) {
	e := newEnv(t, func(c *secmaster.Config) { c.Credentials = secmaster.Credentials{Token: "tok-valid"} })
	createWorkflow(t, e, "wf")
	if r := e.srv.Requests()[0]; r.Auth != "token" || r.Header.Get("X-Auth-Token") != "***" || r.Header.Get(secmaster.HeaderProjectID) != e.srv.ProjectID() {
		t.Fatalf("logged request = %+v", r)
	}
	bad := newEnv(t, func(c *secmaster.Config) { c.Credentials = secmaster.Credentials{Token: "tok-expired"} })
	_, err := bad.client.ListWorkflows(context.Background(), secmaster.ListWorkflowsOptions{})
	var ae *secmaster.APIError
	if !errors.As(err, &ae) || ae.HTTPStatus != 401 || ae.Code != "APIGW.0301" {
		t.Fatalf("bad token: %v", err)
	}
}

func TestBadSignatureIs401AndNotRetried(t *testing.T) {
	e := newEnv(t, func(c *secmaster.Config) { c.Credentials.SecretKey = "wrong-secret" })
	_, err := e.client.ListWorkflows(context.Background(), secmaster.ListWorkflowsOptions{})
	var ae *secmaster.APIError
	if !errors.As(err, &ae) || ae.HTTPStatus != 401 || ae.Code != "APIGW.0301" || !strings.Contains(ae.Message, "signature does not match") {
		t.Fatalf("err = %v", err)
	}
	if n := len(e.srv.Requests()); n != 1 {
		t.Fatalf("a 401 was sent %d times", n)
	}
	// A clock more than 15 minutes off is refused too.
	skewed := newEnv(t, func(c *secmaster.Config) { c.Now = func() time.Time { return serverNow.Add(-20 * time.Minute) } })
	if _, err := skewed.client.ListWorkflows(context.Background(), secmaster.ListWorkflowsOptions{}); err == nil || !strings.Contains(err.Error(), "away from the server clock") {
		t.Fatalf("skewed clock: %v", err)
	}
}

func TestPagingBoundsCheckedBeforeSending(t *testing.T) {
	e := newEnv(t, nil)
	if _, err := e.client.ListWorkflows(context.Background(), secmaster.ListWorkflowsOptions{Limit: 101}); err == nil || !strings.Contains(err.Error(), "limit must be 1–100") {
		t.Fatalf("limit 101: %v", err)
	}
	if n := len(e.srv.Requests()); n != 0 {
		t.Fatalf("%d requests sent", n)
	}
}
