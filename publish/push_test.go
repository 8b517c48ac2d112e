package publish

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/wfc-dev/wfc/secmaster"
	"github.com/wfc-dev/wfc/secmaster/secmastertest"
)

func newEmulator(t *testing.T) (*secmastertest.Server, *secmaster.Client, string) {
	t.Helper()
	srv := secmastertest.NewTestServer(secmastertest.Options{})
	t.Cleanup(srv.Close)
	c, err := secmaster.New(secmaster.Config{Endpoint: srv.URL, ProjectID: srv.ProjectID(), WorkspaceID: srv.WorkspaceID(),
		Credentials: secmaster.Credentials{Token: secmastertest.DefaultToken}, AttemptTimeout: 300 * time.Millisecond,
		Sleep: func(context.Context, time.Duration) error { return nil }})
	if err != nil {
		t.Fatal(err)
	}
	wf, err := c.CreateWorkflow(context.Background(), secmaster.CreateWorkflowRequest{Name: "Triage", AopType: secmaster.AopTypeNormal, DataclassID: "dc"})
	if err != nil {
		t.Fatal(err)
	}
	return srv, c, wf.ID
}

func request(v Version) secmaster.CreateVersionRequest {
	return secmaster.CreateVersionRequest{Name: v.Name, Description: v.Description, Taskconfig: v.Taskconfig,
		Taskflow: v.Taskflow, TaskflowType: secmaster.TaskflowTypeJSON, AopType: v.AopType}
}

// fixed is an Item.Compile that ignores the process number, for tests about other things.
func fixed(req secmaster.CreateVersionRequest) func(int64) (secmaster.CreateVersionRequest, error) {
	return func(int64) (secmaster.CreateVersionRequest, error) { return req, nil }
}

func TestPushIsIdempotent(t *testing.T) {
	srv, c, wfID := newEmulator(t)
	it := Item{File: "w.yaml", Compile: fixed(request(compile(t, baseWorkflow))), WorkflowID: wfID}
	for i, want := range []Status{Created, Unchanged, Unchanged} {
		if o := Push(context.Background(), c, it, Options{}); o.Status != want || o.Err != nil {
			t.Fatalf("push %d: %s (%v), want %s", i+1, o.Status, o.Err, want)
		}
	}
	if n := len(srv.Versions(wfID)); n != 1 {
		t.Fatalf("%d versions, want 1", n)
	}
}

func TestAmbiguousCreateIsResolvedByListing(t *testing.T) {
	srv, c, wfID := newEmulator(t)
	it := Item{File: "w.yaml", Compile: fixed(request(compile(t, baseWorkflow))), WorkflowID: wfID}
	srv.Fail(secmastertest.RouteCreateVersion, secmastertest.Fault{Delay: 5 * time.Second, Commit: true})
	o := Push(context.Background(), c, it, Options{})
	if o.Status != Created || !o.Resolved || o.VersionID == "" {
		t.Fatalf("outcome %+v (%v), want created and resolved", o, o.Err)
	}
	if n := len(srv.RequestsTo(secmastertest.RouteCreateVersion)); n != 1 {
		t.Fatalf("%d create requests, want exactly 1 (no blind retry)", n)
	}
}

func TestAmbiguousCreateIgnoresOtherVersionsWithTheName(t *testing.T) {
	srv, c, wfID := newEmulator(t)
	ours := compile(t, baseWorkflow)
	it := Item{File: "w.yaml", Compile: fixed(request(ours)), WorkflowID: wfID}
	// The create is lost, and meanwhile someone else adds a version with the same name but
	// other content: that one is not ours.
	theirs := ours
	theirs.Description = "someone else's"
	o := Push(context.Background(), &interleaving{Client: c, srv: srv, other: request(theirs), wfID: wfID}, it, Options{})
	if o.Status != Failed || !errors.Is(o.Err, secmaster.ErrAmbiguous) || !strings.Contains(o.Err.Error(), "whether it was created is unknown") {
		t.Fatalf("outcome %s: %v; want a failure saying the outcome is unknown", o.Status, o.Err)
	}
}

// interleaving wraps the client so another version is created between push's first listing
// and its create.
type interleaving struct {
	*secmaster.Client
	srv    *secmastertest.Server
	other  secmaster.CreateVersionRequest
	wfID   string
	listed int
}

func (i *interleaving) ListVersions(ctx context.Context, id string, o secmaster.ListVersionsOptions) ([]secmaster.WorkflowVersion, error) {
	vs, err := i.Client.ListVersions(ctx, id, o)
	i.listed++
	if i.listed == 1 {
		if _, cerr := i.Client.CreateVersion(ctx, i.wfID, i.other); cerr != nil {
			return nil, cerr
		}
		i.srv.Fail(secmastertest.RouteCreateVersion, secmastertest.Fault{Drop: true}) // push's own create

	}
	return vs, err
}

func TestDryRunWritesNothing(t *testing.T) {
	srv, c, wfID := newEmulator(t)
	it := Item{File: "w.yaml", Compile: fixed(request(compile(t, baseWorkflow))), WorkflowID: wfID}
	o := Push(context.Background(), c, it, Options{DryRun: true, Validate: true, Submit: true, Activate: true})
	if o.Status != Planned {
		t.Fatalf("status %s (%v), want planned", o.Status, o.Err)
	}
	for _, r := range srv.Requests() {
		if r.Method != "GET" && r.Route != secmastertest.RouteValidate && r.Route != secmastertest.RouteCreateWorkflow {
			t.Errorf("dry run sent %s %s", r.Method, r.Route)
		}
	}
}

func TestNewest(t *testing.T) {
	vs := []secmaster.WorkflowVersion{
		{ID: "a", CreateTime: "2025-01-01T00:00:00.000Z+0000", Version: "v1"},
		{ID: "c", CreateTime: "2025-01-02T00:00:00.000Z+0000", Version: "v3"},
		{ID: "b", CreateTime: "2025-01-02T00:00:00.000Z+0000", Version: "v2"},
	}
	if got := Newest(vs); got.ID != "c" {
		t.Errorf("newest = %s, want c (same time, higher label)", got.ID)
	}
	if Newest(nil) != nil {
		t.Error("newest of none is not nil")
	}
}
