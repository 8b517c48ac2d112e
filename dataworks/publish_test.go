package dataworks_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/wfc-dev/wfc/dataworks"
	"github.com/wfc-dev/wfc/dataworks/dataworkstest"
)

// startRun imports a workflow and starts an Online pipeline run for it.
func (e *env) startRun(t *testing.T) dataworks.ID {
	t.Helper()
	job := e.importAndWait(t, spec("daily"))
	run, err := e.client.CreatePipelineRun(ctx, dataworks.CreatePipelineRunRequest{Type: dataworks.PipelineOnline, ObjectIDs: []dataworks.ID{dataworks.ID(job.Response)}})
	if err != nil {
		t.Fatal(err)
	}
	return run
}

func stageCodes(reqs []dataworkstest.LoggedRequest) string {
	var codes []string
	for _, r := range reqs {
		body := string(r.Body)
		codes = append(codes, body[strings.Index(body, "Code=")+5:strings.Index(body, "&")])
	}
	return strings.Join(codes, " ")
}

func TestWaitPipelineRunStartsEachWaitingStageOnce(t *testing.T) {
	e := newEnv(t, nil, nil)
	run := e.startRun(t)
	sleptBefore := len(e.sleeps.All()) // while the import's job was polled
	var seen []string
	p, err := e.client.WaitPipelineRun(ctx, run, func(p *dataworks.PipelineRun) {
		s := p.Status + ":"
		for _, st := range p.Stages {
			s += " " + st.Status
		}
		seen = append(seen, s)
	})
	if err != nil || p.Status != dataworks.StatusSuccess {
		t.Fatalf("run %+v, err %v\n%s", p, err, strings.Join(seen, "\n"))
	}
	if got := stageCodes(e.srv.RequestsTo(dataworkstest.ActionExecPipelineRunStage)); got != "PROD_CHECK PROD" {
		t.Errorf("stages started: %q, want PROD_CHECK then PROD, once each", got)
	}
	if slept := len(e.sleeps.All()) - sleptBefore; slept != len(seen)-1 || len(seen) != 4 {
		t.Errorf("%d sleeps for %d polls, want 3 for 4", slept, len(seen))
	}
}

func TestWaitPipelineRunReportsTheFailingStage(t *testing.T) {
	e := newEnv(t, nil, nil)
	e.srv.FailStage("PROD_CHECK", "node extract: table t1 does not exist")
	_, err := e.client.WaitPipelineRun(ctx, e.startRun(t), nil)
	var pe *dataworks.PipelineError
	if !errors.As(err, &pe) || pe.Status != dataworks.StatusFail || pe.StageCode != "PROD_CHECK" || pe.Message != "node extract: table t1 does not exist" {
		t.Fatalf("err = %v", err)
	}
	if !strings.Contains(err.Error(), "at stage PROD_CHECK (Check before production): node extract") {
		t.Errorf("message %q", err)
	}
}

// An ambiguous stage start is resolved by polling: applied, the run goes on; never resent.
func TestWaitPipelineRunNeverResendsAnAmbiguousStart(t *testing.T) {
	e := newEnv(t, nil, nil)
	e.srv.Fail(dataworkstest.ActionExecPipelineRunStage, dataworkstest.Fault{Status: 500, Commit: true})
	if _, err := e.client.WaitPipelineRun(ctx, e.startRun(t), nil); err != nil {
		t.Fatal(err)
	}
	if got := stageCodes(e.srv.RequestsTo(dataworkstest.ActionExecPipelineRunStage)); got != "PROD_CHECK PROD" {
		t.Errorf("stages started: %q", got)
	}
}

func TestWaitPipelineRunGivesUpOnAStageThatCannotStart(t *testing.T) {
	e := newEnv(t, nil, func(c *dataworks.Config) { c.Poll.MaxAttempts = 6 })
	e.srv.Fail(dataworkstest.ActionExecPipelineRunStage, dataworkstest.Fault{Status: 403, Code: "Forbidden.Approval", Message: "an approver must start this stage"})
	_, err := e.client.WaitPipelineRun(ctx, e.startRun(t), nil)
	if err == nil {
		t.Fatal("no error")
	}
	for _, want := range []string{"still Running after 6 polls", "stage PROD_CHECK", "Forbidden.Approval", "approval in the DataWorks console"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q lacks %q", err, want)
		}
	}
	if n := len(e.srv.RequestsTo(dataworkstest.ActionExecPipelineRunStage)); n != 1 {
		t.Errorf("the refused stage was started %d times", n)
	}
	if n := len(e.srv.RequestsTo(dataworkstest.ActionGetPipelineRun)); n != 6 {
		t.Errorf("%d polls, want 6", n)
	}
}
