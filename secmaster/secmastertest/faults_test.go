package secmastertest

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/wfc-dev/wfc/internal/apitest"
	"github.com/wfc-dev/wfc/secmaster"
)

// hangClient is a token client of s whose attempts give up after 50 ms, with recorded sleeps.
func hangClient(t *testing.T, s *Server) (*secmaster.Client, *apitest.Sleeps) {
	t.Helper()
	sleeps := &apitest.Sleeps{}
	c, err := secmaster.New(secmaster.Config{
		Endpoint: s.URL, ProjectID: s.ProjectID(), WorkspaceID: s.WorkspaceID(),
		Credentials:    secmaster.Credentials{Token: DefaultToken},
		AttemptTimeout: 50 * time.Millisecond,
		Sleep:          sleeps.Record,
	})
	if err != nil {
		t.Fatal(err)
	}
	return c, sleeps
}

// TestHungReadIsRetried: a request held until the client gives up (the DataWorks emulator could
// always hang; this one can since the faults are played in apitest) is a timeout, and a read is
// sent again after one wait.
func TestHungReadIsRetried(t *testing.T) {
	s := NewTestServer(Options{})
	defer s.Close()
	client, sleeps := hangClient(t, s)
	s.Fail(RouteListWorkflows, Fault{Hang: true})
	if _, err := client.ListWorkflows(context.Background(), secmaster.ListWorkflowsOptions{}); err != nil {
		t.Fatal(err)
	}
	reqs := s.RequestsTo(RouteListWorkflows)
	if len(reqs) != 2 || reqs[1].Status != 200 || len(sleeps.All()) != 1 {
		t.Fatalf("%d listings, sleeps %v; want a second one after one wait", len(reqs), sleeps.All())
	}
}

// TestHungCreateIsAmbiguous: a create applied, then held until the client gives up, is not sent
// again; the workflow exists once.
func TestHungCreateIsAmbiguous(t *testing.T) {
	s := NewTestServer(Options{})
	defer s.Close()
	client, sleeps := hangClient(t, s)
	s.Fail(RouteCreateWorkflow, Fault{Hang: true, Commit: true})
	_, err := client.CreateWorkflow(context.Background(), secmaster.CreateWorkflowRequest{Name: "w", AopType: "NORMAL", DataclassID: "dc"})
	if !errors.Is(err, secmaster.ErrAmbiguous) {
		t.Fatalf("err = %v, want ErrAmbiguous", err)
	}
	if n := len(s.RequestsTo(RouteCreateWorkflow)); n != 1 || len(s.Workflows()) != 1 || len(sleeps.All()) != 0 {
		t.Errorf("%d creates sent, %d workflows stored, sleeps %v; want one of each and no wait", n, len(s.Workflows()), sleeps.All())
	}
}
