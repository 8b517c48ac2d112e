package dataworks_test

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/wfc-dev/wfc/dataworks"
	"github.com/wfc-dev/wfc/dataworks/dataworkstest"
)

var ctx = context.Background()

func TestListAllPagesAndExactName(t *testing.T) {
	e := newEnv(t, func(o *dataworkstest.Options) { o.JobPolls = -1 }, nil)
	for i := 0; i < 205; i++ {
		e.importAndWait(t, spec(fmt.Sprintf("wf-%03d", i)))
	}
	e.importAndWait(t, spec("wf-007-copy"))
	all, err := e.client.AllWorkflowDefinitions(ctx, dataworks.ListWorkflowDefinitionsOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if len(all) != 206 {
		t.Errorf("got %d workflows, want 206", len(all))
	}
	lists := e.srv.RequestsTo(dataworkstest.ActionListWorkflowDefinitions)
	if len(lists) != 3 {
		t.Errorf("%d list calls, want 3 pages of 100", len(lists))
	}
	if q, _ := url.ParseQuery(lists[2].Query); q.Get("PageNumber") != "3" || q.Get("PageSize") != "100" || q.Get("ProjectId") != e.srv.ProjectID() {
		t.Errorf("third page query %q", lists[2].Query)
	}
	named, err := e.client.WorkflowDefinitionsNamed(ctx, dataworks.TypeCycleWorkflow, "wf-007")
	if err != nil {
		t.Fatal(err)
	}
	if len(named) != 1 || named[0].Name != "wf-007" || len(named[0].ID) != 19 {
		t.Errorf("exact match found %+v; the server's fuzzy match also returns wf-007-copy", named)
	}
	if named[0].Script == nil || named[0].Script.Runtime.Command != "WORKFLOW" || named[0].ProjectID != dataworks.ID(e.srv.ProjectID()) {
		t.Errorf("summary %+v (ProjectId comes as a JSON integer)", named[0])
	}
}

func TestImportWaitAndGet(t *testing.T) {
	e := newEnv(t, func(o *dataworkstest.Options) { o.JobPolls = 3 }, func(c *dataworks.Config) { c.Poll.Interval = 7 * time.Second })
	job, err := e.client.ImportWorkflowDefinition(ctx, spec("daily"))
	if err != nil {
		t.Fatal(err)
	}
	if job.Status != dataworks.JobRunning || job.Completed || len(job.ID) != 19 {
		t.Errorf("job %+v", job)
	}
	st, err := e.client.WaitJob(ctx, job.ID)
	if err != nil {
		t.Fatal(err)
	}
	if st.Status != dataworks.JobSuccess || !bool(st.Completed) {
		t.Errorf("final status %+v", st)
	}
	if n := len(e.srv.RequestsTo(dataworkstest.ActionGetJobStatus)); n != 4 {
		t.Errorf("%d polls, want 4 (3 Running, then Success)", n)
	}
	if got := fmt.Sprint(e.sleeps.All()); got != "[7s 7s 7s]" {
		t.Errorf("sleeps between polls %s", got)
	}
	imp := e.srv.RequestsTo(dataworkstest.ActionImportWorkflowDefinition)[0]
	form, _ := url.ParseQuery(string(imp.Body))
	if imp.Method != "POST" || form.Get("Spec") != spec("daily") || form.Get("ProjectId") != e.srv.ProjectID() || imp.Query != "" {
		t.Errorf("import sent %s ?%s %s", imp.Method, imp.Query, imp.Body)
	}

	def, err := e.client.GetWorkflowDefinition(ctx, dataworks.ID(job.Response), true)
	if err != nil {
		t.Fatal(err)
	}
	if def.Name != "daily" || !strings.Contains(def.Spec, "select 1;") {
		t.Errorf("definition %+v", def)
	}
	bare, err := e.client.GetWorkflowDefinition(ctx, def.ID, false)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(bare.Spec, "select 1;") {
		t.Error("IncludeScriptContent=false still returned script content")
	}
	if _, err := e.client.GetWorkflowDefinition(ctx, "7999999999999999999", false); !dataworks.IsNotFound(err) {
		t.Errorf("missing workflow: %v, want a not-found error", err)
	}
}

func TestWaitJobReportsFailure(t *testing.T) {
	e := newEnv(t, func(o *dataworkstest.Options) { o.JobPolls = -1 }, nil)
	e.importAndWait(t, spec("daily"))
	job, err := e.client.ImportWorkflowDefinition(ctx, spec("daily")) // same name, no id
	if err != nil {
		t.Fatal(err)
	}
	_, err = e.client.WaitJob(ctx, job.ID)
	var je *dataworks.JobError
	if !errors.As(err, &je) || je.Status != dataworks.JobFail || !strings.Contains(err.Error(), "target folder already exists") {
		t.Errorf("WaitJob: %v, want a JobError naming the server's message", err)
	}
}

func TestWaitJobGivesUpAfterMaxPolls(t *testing.T) {
	e := newEnv(t, func(o *dataworkstest.Options) { o.JobPolls = 10 }, func(c *dataworks.Config) { c.Poll.MaxAttempts = 3 })
	job, err := e.client.ImportWorkflowDefinition(ctx, spec("daily"))
	if err != nil {
		t.Fatal(err)
	}
	_, err = e.client.WaitJob(ctx, job.ID)
	if err == nil || !strings.Contains(err.Error(), "still Running after 3 polls") {
		t.Errorf("WaitJob: %v", err)
	}
	if n := len(e.srv.RequestsTo(dataworkstest.ActionGetJobStatus)); n != 3 {
		t.Errorf("%d polls, want 3", n)
	}
}

func TestImportErrorCarriesCodeAndJSONPath(t *testing.T) {
	e := newEnv(t, nil, nil)
	bad := strings.Replace(spec("daily"), `"ODPS_SQL"`, `""`, 1)
	_, err := e.client.ImportWorkflowDefinition(ctx, bad)
	var ae *dataworks.APIError
	if !errors.As(err, &ae) || ae.Code != dataworks.CodeMalformedSpec || ae.HTTPStatus != 400 || ae.RequestID == "" {
		t.Fatalf("err = %v", err)
	}
	if !strings.Contains(ae.Message, "$.spec.workflows[0].nodes[0].script.runtime.command") {
		t.Errorf("message %q lacks the JSONPath", ae.Message)
	}
	if errors.Is(err, dataworks.ErrAmbiguous) {
		t.Error("a 400 is a definite refusal, not an ambiguous outcome")
	}
}

func TestPipelineActions(t *testing.T) {
	e := newEnv(t, nil, nil)
	job := e.importAndWait(t, spec("daily"))
	wf := dataworks.ID(job.Response)
	run, err := e.client.CreatePipelineRun(ctx, dataworks.CreatePipelineRunRequest{Type: dataworks.PipelineOnline, ObjectIDs: []dataworks.ID{wf}, Description: "wfc push"})
	if err != nil {
		t.Fatal(err)
	}
	sent, _ := url.ParseQuery(string(e.srv.RequestsTo(dataworkstest.ActionCreatePipelineRun)[0].Body))
	if sent.Get("ObjectIds") != `["`+string(wf)+`"]` || len(sent["ObjectIds"]) != 1 {
		t.Errorf("ObjectIds sent as %q, want one field holding a JSON array of strings", sent["ObjectIds"])
	}
	var p *dataworks.PipelineRun
	for i := 0; i < 2; i++ {
		if p, err = e.client.GetPipelineRun(ctx, run); err != nil {
			t.Fatal(err)
		}
	}
	check := p.Stages[1]
	if p.Status != dataworks.StatusRunning || check.Status != dataworks.StatusInit || check.Code != "PROD_CHECK" || p.ProjectID != dataworks.ID(e.srv.ProjectID()) {
		t.Fatalf("run %+v", p)
	}
	if err := e.client.ExecPipelineRunStage(ctx, run, check.Code); err != nil {
		t.Fatal(err)
	}
	exec := e.srv.RequestsTo(dataworkstest.ActionExecPipelineRunStage)[0]
	if q, _ := url.ParseQuery(exec.Query); q.Get("ProjectId") != e.srv.ProjectID() || strings.Contains(string(exec.Body), "ProjectId") {
		t.Errorf("ExecPipelineRunStage sent ?%s body %s; ProjectId belongs in the query", exec.Query, exec.Body)
	}
	if err := e.client.ExecPipelineRunStage(ctx, run, "PROD"); err == nil {
		t.Error("executing a stage out of turn succeeded")
	}
}
