package dataworkstest_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/wfc-dev/wfc/dataworks"
	"github.com/wfc-dev/wfc/dataworks/dataworkstest"
	"github.com/wfc-dev/wfc/internal/apitest"
)

// newClient is a client of srv with recorded sleeps; mut changes its configuration.
func newClient(t *testing.T, srv *dataworkstest.Server, mut func(*dataworks.Config)) (*dataworks.Client, *apitest.Sleeps) {
	t.Helper()
	sleeps := &apitest.Sleeps{}
	c, _ := srv.NewClient(t, dataworks.Credentials{AccessKeyID: testAK, AccessKeySecret: testSecret}, sleeps, mut)
	return c, sleeps
}

const oneNodeSpec = `{"version":"1.1.0","kind":"CycleWorkflow","spec":{"name":"daily","type":"CycleWorkflow","workflows":[{"name":"daily",` +
	`"script":{"path":"wfc/daily","runtime":{"command":"WORKFLOW"}},"trigger":{"type":"Scheduler","cron":"00 00 02 * * ?"},` +
	`"nodes":[{"id":"n1","name":"extract","script":{"path":"wfc/daily/extract","runtime":{"command":"ODPS_SQL"},"content":"select 1;"}}]}]}}`

// TestTruncatedImportAnswerIsAmbiguous: an import answer cut off on its way (the SecMaster
// emulator could always cut answers; this one can since the faults are played in apitest) leaves
// the import applied once, and the client, which cannot tell, does not send it again.
func TestTruncatedImportAnswerIsAmbiguous(t *testing.T) {
	srv := newServer(t, nil)
	client, sleeps := newClient(t, srv, nil)
	srv.Fail(dataworkstest.ActionImportWorkflowDefinition, dataworkstest.Fault{Truncate: true, Commit: true})
	_, err := client.ImportWorkflowDefinition(context.Background(), oneNodeSpec)
	if !errors.Is(err, dataworks.ErrAmbiguous) {
		t.Fatalf("err = %v, want ErrAmbiguous", err)
	}
	reqs := srv.RequestsTo(dataworkstest.ActionImportWorkflowDefinition)
	if len(reqs) != 1 || reqs[0].Status != 200 || srv.Applied(dataworkstest.ActionImportWorkflowDefinition) != 1 {
		t.Errorf("%d imports sent (%+v), %d applied; want one, answered 200 and applied", len(reqs), reqs, srv.Applied(dataworkstest.ActionImportWorkflowDefinition))
	}
	if len(sleeps.All()) != 0 {
		t.Errorf("the client waited to resend an import: %v", sleeps.All())
	}
}

// TestTruncatedReadIsRetried: a listing cut off on its way is read again.
func TestTruncatedReadIsRetried(t *testing.T) {
	srv := newServer(t, nil)
	client, _ := newClient(t, srv, nil)
	srv.Fail(dataworkstest.ActionListWorkflowDefinitions, dataworkstest.Fault{Truncate: true})
	if _, err := client.ListWorkflowDefinitions(context.Background(), dataworks.ListWorkflowDefinitionsOptions{Type: dataworks.TypeCycleWorkflow}); err != nil {
		t.Fatal(err)
	}
	if n := len(srv.RequestsTo(dataworkstest.ActionListWorkflowDefinitions)); n != 2 {
		t.Errorf("%d listings, want the cut one and one more", n)
	}
}

// TestDelayedAnswerOutlastingTheAttemptIsRetried: an answer delayed past the client's attempt
// timeout never reaches it (logged with no status) and the read is sent again.
func TestDelayedAnswerOutlastingTheAttemptIsRetried(t *testing.T) {
	srv := newServer(t, nil)
	client, sleeps := newClient(t, srv, func(c *dataworks.Config) { c.AttemptTimeout = 50 * time.Millisecond })
	srv.Fail(dataworkstest.ActionListWorkflowDefinitions, dataworkstest.Fault{Delay: time.Hour})
	if _, err := client.ListWorkflowDefinitions(context.Background(), dataworks.ListWorkflowDefinitionsOptions{Type: dataworks.TypeCycleWorkflow}); err != nil {
		t.Fatal(err)
	}
	reqs := srv.RequestsTo(dataworkstest.ActionListWorkflowDefinitions)
	if len(reqs) != 2 || reqs[1].Status != 200 || len(sleeps.All()) != 1 {
		t.Fatalf("%d listings, sleeps %v; want a second one after one wait", len(reqs), sleeps.All())
	}
}
