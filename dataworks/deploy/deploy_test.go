package deploy_test

import (
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/wfc-dev/wfc/dataworks"
	"github.com/wfc-dev/wfc/dataworks/dataworkstest"
	"github.com/wfc-dev/wfc/dataworks/deploy"
)

// push plans and applies spec, failing the test on any error.
func (e *env) push(t *testing.T, spec []byte) (*deploy.WorkflowPlan, *deploy.Result) {
	t.Helper()
	p, err := deploy.Plan(ctx, e.client, spec)
	if err != nil {
		t.Fatal(err)
	}
	res, err := deploy.Apply(ctx, p)
	if err != nil {
		t.Fatal(err)
	}
	return p, res
}

func TestPushTwiceCreatesOnceAndImportsOnce(t *testing.T) {
	e := newEnv(t, nil)
	spec := specBytes(compiled("daily", nil))
	p, res := e.push(t, spec)
	if p.Action != deploy.Create || res.Action != deploy.Create || res.WorkflowID == "" {
		t.Fatalf("first push: plan %s, result %+v", p.Action, res)
	}
	if got := strings.Join(p.Lines(), "\n"); got != `create workflow "daily" (CycleWorkflow) with 2 nodes: extract, load` {
		t.Errorf("create plan:\n%s", got)
	}
	p, res = e.push(t, spec)
	if p.Action != deploy.Unchanged || res.Action != deploy.Unchanged || string(res.WorkflowID) != e.srv.Workflows()[0].ID {
		t.Fatalf("second push: plan %s %v, result %+v", p.Action, p.Lines(), res)
	}
	if n := imports(e); n != 1 {
		t.Errorf("%d imports sent, want 1: an unchanged workflow is never imported again", n)
	}
	// The same create plan applied again is refused before anything is sent.
	e2 := newEnv(t, nil)
	first, err := deploy.Plan(ctx, e2.client, spec)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := deploy.Apply(ctx, first); err != nil {
		t.Fatal(err)
	}
	if _, err := deploy.Apply(ctx, first); err == nil || !strings.Contains(err.Error(), "was applied already: plan again") || imports(e2) != 1 {
		t.Errorf("applying a plan twice: %v, %d imports", err, imports(e2))
	}
	if n := len(e.srv.Workflows()); n != 1 {
		t.Errorf("%d workflows, want 1", n)
	}
}

func TestEditUpdatesTheSameWorkflowAndNodes(t *testing.T) {
	e := newEnv(t, nil)
	e.push(t, specBytes(compiled("daily", nil)))
	before := e.srv.Workflows()[0]

	edited := compiled("daily", func(wf obj) {
		nodes := nodesOf(wf)
		nodes[0].(obj)["script"].(obj)["content"] = "select 2;\n"
		wf["nodes"] = append(nodes, node("report", "select count(*) from t;"))
		wf["dependencies"] = []any{dep("load", "extract"), dep("report", "load")}
		wf["trigger"].(obj)["cron"] = "00 30 02 * * ?"
	})
	p, res := e.push(t, specBytes(edited))
	want := []string{
		`update workflow "daily" (CycleWorkflow, id ` + before.ID + `)`,
		`~ workflow trigger.cron: "00 00 02 * * ?" → "00 30 02 * * ?"`,
		`~ node extract: script.content: "select 1;" → "select 2;"`, // trailing blanks are not compared
		`+ node report`,
	}
	if got := strings.Join(p.Lines(), "\n"); got != strings.Join(want, "\n") {
		t.Errorf("plan:\n%s\nwant:\n%s", got, strings.Join(want, "\n"))
	}
	after := e.srv.Workflows()
	if len(after) != 1 || after[0].ID != before.ID || string(res.WorkflowID) != before.ID {
		t.Fatalf("after the edit: %d workflows, id %s (result %s), want the one workflow %s", len(after), after[0].ID, res.WorkflowID, before.ID)
	}
	for _, name := range []string{"extract", "load"} {
		if after[0].NodeIDs[name] != before.NodeIDs[name] {
			t.Errorf("node %s: id %s, was %s: an edit must update nodes in place", name, after[0].NodeIDs[name], before.NodeIDs[name])
		}
	}
	if id := after[0].NodeIDs["report"]; len(id) != 19 {
		t.Errorf("the new node got id %q, want a server id", id)
	}
	if p, _ := e.push(t, specBytes(edited)); p.Action != deploy.Unchanged {
		t.Errorf("pushing the edit again: %v", p.Lines())
	}
}

func TestRemovedNodeAndChangedDependency(t *testing.T) {
	e := newEnv(t, nil)
	e.push(t, specBytes(compiled("daily", func(wf obj) {
		wf["nodes"] = append(nodesOf(wf), node("report", "select 3;"))
		wf["dependencies"] = []any{dep("load", "extract"), dep("report", "load")}
	})))
	p, err := deploy.Plan(ctx, e.client, specBytes(compiled("daily", func(wf obj) {
		delete(wf, "dependencies")
	})))
	if err != nil {
		t.Fatal(err)
	}
	want := `update workflow "daily" (CycleWorkflow, id ` + e.srv.Workflows()[0].ID + `)
~ node load: depends on: ["extract"] → (none)
- node report`
	if got := strings.Join(p.Lines(), "\n"); got != want {
		t.Errorf("plan:\n%s\nwant:\n%s", got, want)
	}
	b, _ := json.Marshal(p)
	if !strings.Contains(string(b), `"node_changes":[{"node":"load","change":"changed","fields":[{"field":"depends on","old":["extract"]}]},{"node":"report","change":"removed"}]`) {
		t.Errorf("plan JSON: %s", b)
	}
	res, err := deploy.Apply(ctx, p)
	if err != nil || res.StoredDifferently != nil {
		t.Fatalf("result %+v, err %v", res, err)
	}
	if nodes := e.srv.Workflows()[0].NodeIDs; len(nodes) != 2 || nodes["report"] != "" {
		t.Errorf("nodes after the removal: %v", nodes)
	}
}

func TestOnlyTheExactNameOnAnyPageMatches(t *testing.T) {
	e := newEnv(t, nil)
	// 120 workflows whose names contain "daily" fill more than one page of the fuzzy listing.
	for i := 0; i < 120; i++ {
		e.push(t, specBytes(compiled(fmt.Sprintf("daily-%03d", i), nil)))
	}
	e.push(t, specBytes(compiled("daily", nil)))
	p, err := deploy.Plan(ctx, e.client, specBytes(compiled("daily", nil)))
	if err != nil {
		t.Fatal(err)
	}
	if p.Action != deploy.Unchanged || string(p.WorkflowID) != e.srv.Workflows()[120].ID {
		t.Fatalf("plan %v; want the exact name's workflow, found on the second page", p.Lines())
	}
	p, err = deploy.Plan(ctx, e.client, specBytes(compiled("dail", nil)))
	if err != nil {
		t.Fatal(err)
	}
	if p.Action != deploy.Create {
		t.Errorf("a name that is only a substring of others must be created: %v", p.Lines())
	}
}

func TestTwoWorkflowsWithTheNameAreAnError(t *testing.T) {
	e := newEnv(t, nil)
	e.push(t, specBytes(compiled("daily", nil)))
	manual := compiled("daily", func(wf obj) { delete(wf, "trigger") })
	manual["kind"] = "ManualWorkflow"
	job, err := e.client.ImportWorkflowDefinition(ctx, string(specBytes(manual)))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := e.client.WaitJob(ctx, job.ID); err != nil {
		t.Fatal(err)
	}
	_, err = deploy.Plan(ctx, e.client, specBytes(compiled("daily", nil)))
	all := e.srv.Workflows()
	if err == nil || !strings.Contains(err.Error(), `2 workflows are named "daily" (`+all[0].ID+", "+all[1].ID+")") {
		t.Errorf("err = %v", err)
	}
}

func TestLostImportAnswerIsResolvedWithoutADuplicate(t *testing.T) {
	for name, fault := range map[string]dataworkstest.Fault{
		"dropped": {Commit: true, Drop: true},
		"500":     {Commit: true, Status: 500},
	} {
		t.Run(name, func(t *testing.T) {
			e := newEnv(t, nil)
			e.srv.Fail(dataworkstest.ActionImportWorkflowDefinition, fault)
			p, res := e.push(t, specBytes(compiled("daily", nil)))
			if !res.Resolved || string(res.WorkflowID) != e.srv.Workflows()[0].ID || p.Action != deploy.Create {
				t.Fatalf("result %+v: the import landed, a look-up must find it", res)
			}
			if n := imports(e); n != 1 {
				t.Errorf("%d imports sent, want 1: an ambiguous import is never resent", n)
			}
			if p, _ := e.push(t, specBytes(compiled("daily", nil))); p.Action != deploy.Unchanged || len(e.srv.Workflows()) != 1 {
				t.Errorf("pushing again: %v, %d workflows; want unchanged and one workflow", p.Lines(), len(e.srv.Workflows()))
			}
		})
	}
}

func TestLostImportAnswerOfAnUpdateComparesTheContent(t *testing.T) {
	e := newEnv(t, nil)
	e.push(t, specBytes(compiled("daily", nil)))
	edited := specBytes(compiled("daily", func(wf obj) { wf["description"] = "edited" }))
	e.srv.Fail(dataworkstest.ActionImportWorkflowDefinition, dataworkstest.Fault{Commit: true, Drop: true})
	p, res := e.push(t, edited)
	if p.Action != deploy.Update || !res.Resolved || string(res.WorkflowID) != e.srv.Workflows()[0].ID {
		t.Fatalf("plan %s, result %+v", p.Action, res)
	}
	if n := imports(e); n != 2 {
		t.Errorf("%d imports, want 2 (the create and the one update)", n)
	}
}

func TestLostImportThatDidNotLandIsUnknownAndNotResent(t *testing.T) {
	e := newEnv(t, nil)
	e.srv.Fail(dataworkstest.ActionImportWorkflowDefinition, dataworkstest.Fault{Drop: true})
	p, err := deploy.Plan(ctx, e.client, specBytes(compiled("daily", nil)))
	if err != nil {
		t.Fatal(err)
	}
	p.ConfirmWait = 3 * time.Second // looks at once, after 1 s and after 2 more
	slept := len(e.sleeps.All())
	_, err = deploy.Apply(ctx, p)
	if !errors.Is(err, deploy.ErrUnknownOutcome) || !errors.Is(err, dataworks.ErrAmbiguous) {
		t.Fatalf("err = %v, want an unknown outcome", err)
	}
	for _, want := range []string{`importing workflow "daily"`, "3 look-ups over 3s", "it is safe to deploy again"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error lacks %q: %v", want, err)
		}
	}
	if got := fmt.Sprint(e.sleeps.All()[slept:]); got != "[1s 2s]" {
		t.Errorf("pauses between look-ups %s, want [1s 2s]", got)
	}
	if n := imports(e); n != 1 || len(e.srv.Workflows()) != 0 {
		t.Errorf("%d imports, %d workflows; want the one import, never resent", n, len(e.srv.Workflows()))
	}
	// The next deploy plans from what is deployed, and creates the workflow once.
	if _, res := e.push(t, specBytes(compiled("daily", nil))); res.Action != deploy.Create || len(e.srv.Workflows()) != 1 {
		t.Errorf("the next deploy: %+v, %d workflows", res, len(e.srv.Workflows()))
	}
}

func TestLookUpAfterALostAnswerGoesOnAfterAFailedLook(t *testing.T) {
	e := newEnv(t, nil)
	p, err := deploy.Plan(ctx, e.client, specBytes(compiled("daily", nil)))
	if err != nil {
		t.Fatal(err)
	}
	e.srv.Fail(dataworkstest.ActionImportWorkflowDefinition, dataworkstest.Fault{Commit: true, Drop: true})
	// The first look-up is refused (a 400 is not retried by the client); the second finds it.
	e.srv.Fail(dataworkstest.ActionListWorkflowDefinitions, dataworkstest.Fault{Status: 400, Code: "Throttled.Lookup"})
	res, err := deploy.Apply(ctx, p)
	if err != nil || !res.Resolved {
		t.Fatalf("result %+v, err %v", res, err)
	}
	if imports(e) != 1 || len(e.srv.Workflows()) != 1 {
		t.Errorf("%d imports, %d workflows", imports(e), len(e.srv.Workflows()))
	}
}

func TestImportTimeoutIsResolvedByLookingUp(t *testing.T) {
	e := newEnv(t, func(c *dataworks.Config) { c.AttemptTimeout = 200 * time.Millisecond })
	e.srv.Fail(dataworkstest.ActionImportWorkflowDefinition, dataworkstest.Fault{Commit: true, Hang: true})
	_, res := e.push(t, specBytes(compiled("daily", nil)))
	if !res.Resolved || imports(e) != 1 || len(e.srv.Workflows()) != 1 {
		t.Errorf("result %+v, %d imports, %d workflows", res, imports(e), len(e.srv.Workflows()))
	}
}

func TestRefusedImportIsReportedNotLookedUp(t *testing.T) {
	e := newEnv(t, nil)
	bad := compiled("daily", func(wf obj) { nodesOf(wf)[1].(obj)["script"].(obj)["runtime"] = obj{} })
	p, err := deploy.Plan(ctx, e.client, specBytes(bad))
	if err != nil {
		t.Fatal(err)
	}
	lists := len(e.srv.RequestsTo(dataworkstest.ActionListWorkflowDefinitions))
	_, err = deploy.Apply(ctx, p)
	var ae *dataworks.APIError
	if !errors.As(err, &ae) || ae.Code != dataworks.CodeMalformedSpec || !strings.Contains(ae.Message, "$.spec.workflows[0].nodes[1].script.runtime.command") {
		t.Fatalf("err = %v, want the service's malformed-spec error with its JSONPath", err)
	}
	if n := len(e.srv.RequestsTo(dataworkstest.ActionListWorkflowDefinitions)); n != lists {
		t.Errorf("%d look-ups after a refusal, want none", n-lists)
	}
}

func TestFailedImportJobIsAnError(t *testing.T) {
	e := newEnv(t, nil)
	e.push(t, specBytes(compiled("daily", nil)))
	// Plan with no workflow yet, then someone else creates it: the job fails on the taken name.
	e2 := compiled("weekly", nil)
	p, err := deploy.Plan(ctx, e.client, specBytes(e2))
	if err != nil {
		t.Fatal(err)
	}
	e.push(t, specBytes(e2))
	_, err = deploy.Apply(ctx, p)
	var je *dataworks.JobError
	if !errors.As(err, &je) || !strings.Contains(err.Error(), `importing workflow "weekly": job `) || !strings.Contains(err.Error(), "target folder already exists") {
		t.Errorf("err = %v", err)
	}
}

func TestReadsSurvive500(t *testing.T) {
	e := newEnv(t, nil)
	e.push(t, specBytes(compiled("daily", nil)))
	e.srv.Fail(dataworkstest.ActionListWorkflowDefinitions, dataworkstest.Fault{Status: 500})
	e.srv.Fail(dataworkstest.ActionGetWorkflowDefinition, dataworkstest.Fault{Status: 503, Code: "ServiceUnavailable"})
	p, err := deploy.Plan(ctx, e.client, specBytes(compiled("daily", nil)))
	if err != nil {
		t.Fatalf("reads must be retried past a 5xx: %v", err)
	}
	if p.Action != deploy.Unchanged {
		t.Fatalf("plan %v", p.Lines())
	}
}

func TestSignatureDoesNotMatchIsClearAndRedacted(t *testing.T) {
	e := newEnv(t, func(c *dataworks.Config) { c.Credentials.AccessKeySecret = "WrongSecret0000000000000000000001" })
	_, err := deploy.Plan(ctx, e.client, specBytes(compiled("daily", nil)))
	var ae *dataworks.APIError
	if !errors.As(err, &ae) || ae.Code != dataworks.CodeSignatureDoesNotMatch || !strings.Contains(err.Error(), "check ALIBABA_CLOUD_ACCESS_KEY_ID and ALIBABA_CLOUD_ACCESS_KEY_SECRET") {
		t.Fatalf("err = %v", err)
	}
	assertNoCredential(t, "error", err.Error())
	if strings.Contains(err.Error(), "WrongSecret") {
		t.Errorf("the secret in use is shown: %v", err)
	}
}

func TestPublishRunsEveryStage(t *testing.T) {
	e := newEnv(t, nil)
	_, res := e.push(t, specBytes(compiled("daily", nil)))
	run, err := deploy.Publish(ctx, e.client, res.WorkflowID, nil)
	if err != nil || run.Status != dataworks.StatusSuccess {
		t.Fatalf("run %+v, err %v", run, err)
	}
	creates := e.srv.RequestsTo(dataworkstest.ActionCreatePipelineRun)
	if len(creates) != 1 || !strings.Contains(string(creates[0].Body), "ObjectIds=%5B%22"+string(res.WorkflowID)+"%22%5D") || !strings.Contains(string(creates[0].Body), "Type=Online") {
		t.Errorf("CreatePipelineRun requests: %d, body %q", len(creates), creates[0].Body)
	}
}

func TestPublishReportsTheFailingStage(t *testing.T) {
	e := newEnv(t, nil)
	_, res := e.push(t, specBytes(compiled("daily", nil)))
	e.srv.FailStage("PROD_CHECK", "node load: table t does not exist")
	_, err := deploy.Publish(ctx, e.client, res.WorkflowID, nil)
	var pe *dataworks.PipelineError
	if !errors.As(err, &pe) || pe.StageCode != "PROD_CHECK" || !strings.Contains(err.Error(), "node load: table t does not exist") {
		t.Fatalf("err = %v", err)
	}
}

func TestPublishIsNotResentAfterALostAnswer(t *testing.T) {
	e := newEnv(t, nil)
	_, res := e.push(t, specBytes(compiled("daily", nil)))
	e.srv.Fail(dataworkstest.ActionCreatePipelineRun, dataworkstest.Fault{Commit: true, Drop: true})
	_, err := deploy.Publish(ctx, e.client, res.WorkflowID, nil)
	if !errors.Is(err, deploy.ErrUnknownOutcome) || !strings.Contains(err.Error(), "check the workflow's deployment in the DataWorks console") {
		t.Fatalf("err = %v", err)
	}
	if n := len(e.srv.RequestsTo(dataworkstest.ActionCreatePipelineRun)); n != 1 {
		t.Errorf("%d CreatePipelineRun requests, want 1", n)
	}
}

func TestNoCredentialInPlansResultsOrErrors(t *testing.T) {
	e := newEnv(t, nil)
	var texts []string
	collect := func(v any, err error) {
		b, _ := json.Marshal(v)
		texts = append(texts, string(b))
		if err != nil {
			texts = append(texts, err.Error())
		}
	}
	p, err := deploy.Plan(ctx, e.client, specBytes(compiled("daily", nil)))
	collect(p, err)
	texts = append(texts, p.Lines()...)
	e.srv.Fail(dataworkstest.ActionImportWorkflowDefinition, dataworkstest.Fault{Drop: true})
	p.ConfirmWait = 0
	res, err := deploy.Apply(ctx, p)
	collect(res, err)
	e.srv.FailStage("PROD", "denied")
	_, res = e.push(t, specBytes(compiled("daily", nil)))
	run, err := deploy.Publish(ctx, e.client, res.WorkflowID, nil)
	collect(run, err)
	texts = append(texts, fmt.Sprintf("%v %+v %#v", e.client, e.client, e.client))
	for _, s := range texts {
		assertNoCredential(t, "output", s)
	}
}

func TestWhatTheServiceAddsIsNotAChange(t *testing.T) {
	e := newEnv(t, nil)
	// No outputs and no trigger bounds: the service adds them (and owners, node defaults, script
	// and trigger ids) to what it stores.
	bare := specBytes(compiled("daily", func(wf obj) {
		for _, n := range nodesOf(wf) {
			delete(n.(obj), "outputs")
		}
		wf["dependencies"] = []any{obj{"nodeId": "load", "depends": []any{obj{"type": "Normal", "nodeId": "extract"}}}}
	}))
	e.push(t, bare)
	stored := e.srv.Workflows()[0].Spec
	for _, added := range []string{`"owner":`, `"rerunTimes":3`, `"startTime":"1970-01-01 00:00:00"`, `"nodeOutputs":`} {
		if !strings.Contains(stored, added) {
			t.Fatalf("the emulator did not add %s: %s", added, stored)
		}
	}
	p, _ := e.push(t, bare)
	if p.Action != deploy.Unchanged {
		t.Errorf("plan against what the service stored: %v", p.Lines())
	}
	if n := imports(e); n != 1 {
		t.Errorf("%d imports, want 1", n)
	}
}

func TestUpdateSendsTheDeployedIDsOfNodesAndTheirParts(t *testing.T) {
	e := newEnv(t, nil)
	e.push(t, specBytes(compiled("daily", nil)))
	var stored map[string]any
	if err := json.Unmarshal([]byte(e.srv.Workflows()[0].Spec), &stored); err != nil {
		t.Fatal(err)
	}
	wf := stored["spec"].(map[string]any)["workflows"].([]any)[0].(obj)
	extract := nodesOf(wf)[0].(obj)
	e.push(t, specBytes(compiled("daily", func(wf obj) { wf["description"] = "edited" })))

	form := e.srv.RequestsTo(dataworkstest.ActionImportWorkflowDefinition)[1].Body
	sent := string(form)
	for what, id := range map[string]any{
		"workflow": wf["id"], "workflow trigger": wf["trigger"].(obj)["id"],
		"node extract": extract["id"], "extract's script": extract["script"].(obj)["id"],
	} {
		if !strings.Contains(sent, fmt.Sprintf("%%22id%%22%%3A%%22%s%%22", id)) {
			t.Errorf("the update does not send the deployed id of the %s (%v)", what, id)
		}
	}
	if !strings.Contains(sent, fmt.Sprintf("%%22output%%22%%3A%%22%s%%22", extract["id"])) {
		t.Errorf("the dependency on extract does not name extract's deployed id: %s", sent)
	}
	if strings.Contains(sent, "%22output%22%3A%22extract%22") {
		t.Errorf("the compiled id of a deployed node is still referenced: %s", sent)
	}
}

func TestKindChangeUpdatesTheSameWorkflow(t *testing.T) {
	e := newEnv(t, nil)
	e.push(t, specBytes(compiled("daily", nil)))
	manual := compiled("daily", func(wf obj) { delete(wf, "trigger") })
	manual["kind"] = "ManualWorkflow"
	p, res := e.push(t, specBytes(manual))
	if p.Action != deploy.Update || !strings.Contains(strings.Join(p.Lines(), "\n"), `~ workflow kind: "CycleWorkflow" → "ManualWorkflow"`) {
		t.Errorf("plan %v", p.Lines())
	}
	if all := e.srv.Workflows(); len(all) != 1 || all[0].Type != "ManualWorkflow" || string(res.WorkflowID) != all[0].ID {
		t.Errorf("workflows %+v", all)
	}
}

func TestCompiledNumericIDIsRefused(t *testing.T) {
	e := newEnv(t, nil)
	spec := compiled("daily", func(wf obj) { nodesOf(wf)[1].(obj)["id"] = "7000000000000000001" })
	_, err := deploy.Plan(ctx, e.client, specBytes(spec))
	if err == nil || !strings.Contains(err.Error(), `node "load" the id "7000000000000000001", which looks like a DataWorks id`) {
		t.Errorf("err = %v", err)
	}
	if n := len(e.srv.Requests()); n != 0 {
		t.Errorf("%d requests for a spec that cannot be deployed", n)
	}
}

func TestBadCompiledSpecIsRefusedWithItsPath(t *testing.T) {
	e := newEnv(t, nil)
	for _, tc := range []struct {
		spec []byte
		want string
	}{
		{[]byte(`[1]`), "the compiled spec is not a JSON object"},
		{[]byte(`{"kind":"Node","spec":{}}`), `the compiled spec: $.kind: is "Node"; a workflow's kind is CycleWorkflow or ManualWorkflow`},
		{specBytes(compiled("daily", func(wf obj) { wf["workflows"] = nil; delete(wf, "name") })), "$.spec.workflows[0].name: is required"},
		{specBytes(compiled("daily", func(wf obj) { nodesOf(wf)[1].(obj)["name"] = "extract" })), `$.spec.workflows[0].nodes[1].name: "extract" is also the name of nodes[0]`},
		{specBytes(compiled("daily", func(wf obj) { nodesOf(wf)[0].(obj)["id"] = json.Number("7000000000000000001") })), "$.spec.workflows[0].nodes[0].id: is the number 7000000000000000001; ids are strings"},
	} {
		_, err := deploy.Plan(ctx, e.client, tc.spec)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: err = %v, want %q", tc.spec[:min(40, len(tc.spec))], err, tc.want)
		}
	}
	if n := len(e.srv.Requests()); n != 0 {
		t.Errorf("%d requests for specs that cannot be deployed", n)
	}
}

func TestWhatTheServiceStoresDifferentlyIsReported(t *testing.T) {
	e := newEnvWith(t, dataworkstest.Options{DroppedNodeFields: []string{"priority"}}, nil)
	spec := specBytes(compiled("daily", func(wf obj) { nodesOf(wf)[0].(obj)["priority"] = 5 }))
	_, res := e.push(t, spec)
	if got := strings.Join(res.StoredDifferently, "\n"); got != "~ node extract: priority: (none) → 5" {
		t.Errorf("stored differently: %q", got)
	}
	if _, res := e.push(t, specBytes(compiled("daily", nil))); res.Action != deploy.Unchanged || res.StoredDifferently != nil {
		t.Errorf("without the field: %+v", res)
	}
}

func TestLostAnswerOfAnImportThatLandsLaterIsFoundByLookingAgain(t *testing.T) {
	e := newEnvWith(t, dataworkstest.Options{ImportLag: 6}, nil)
	e.srv.Fail(dataworkstest.ActionImportWorkflowDefinition, dataworkstest.Fault{Commit: true, Drop: true})
	p, err := deploy.Plan(ctx, e.client, specBytes(compiled("daily", nil)))
	if err != nil {
		t.Fatal(err)
	}
	slept := len(e.sleeps.All())
	res, err := deploy.Apply(ctx, p)
	if err != nil || !res.Resolved {
		t.Fatalf("result %+v, err %v", res, err)
	}
	if pauses := e.sleeps.All()[slept:]; len(pauses) == 0 || pauses[0] != time.Second {
		t.Errorf("pauses %v: the import had not landed at the first look, so it must look again after 1 s", pauses)
	}
	if imports(e) != 1 || len(e.srv.Workflows()) != 1 {
		t.Errorf("%d imports, %d workflows", imports(e), len(e.srv.Workflows()))
	}
}
