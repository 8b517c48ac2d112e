package publish

import (
	"context"
	"errors"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/wfc-dev/wfc/secmaster"
	"github.com/wfc-dev/wfc/secmaster/secmastertest"
)

// pauses records the waits Push asks for instead of sleeping.
type pauses []time.Duration

func (p *pauses) sleep(_ context.Context, d time.Duration) error {
	*p = append(*p, d)
	return nil
}

// hideNewVersion makes the next n listings of versions leave out the newest one.
func hideNewVersion(srv *secmastertest.Server, n int) {
	faults := make([]secmastertest.Fault, n)
	for i := range faults {
		faults[i] = secmastertest.Fault{HideNewest: 1}
	}
	srv.Fail(secmastertest.RouteListVersions, faults...)
}

func TestAmbiguousCreateWaitsForALateVersion(t *testing.T) {
	srv, c, wfID := newEmulator(t)
	it := Item{File: "w.yaml", Compile: fixed(request(compile(t, baseWorkflow))), WorkflowID: wfID}
	// The server stores the version but answers 500, and the listing shows it only from the
	// fourth check on (the first hidden listing is push's own, before the create).
	srv.Fail(secmastertest.RouteCreateVersion, secmastertest.Fault{Status: 500, Commit: true})
	hideNewVersion(srv, 1+3)
	var waits pauses
	o := Push(context.Background(), c, it, Options{ConfirmWait: DefaultConfirmWait, Sleep: waits.sleep})
	if o.Status != Created || !o.Resolved || o.Err != nil {
		t.Fatalf("outcome %s resolved=%v (%v), want created after waiting", o.Status, o.Resolved, o.Err)
	}
	if want := (pauses{time.Second, 2 * time.Second, 4 * time.Second}); !reflect.DeepEqual(waits, want) {
		t.Errorf("waits %v, want %v", waits, want)
	}
	if n := len(srv.RequestsTo(secmastertest.RouteCreateVersion)); n != 1 {
		t.Errorf("%d creates, want 1", n)
	}
	if n := len(srv.RequestsTo(secmastertest.RouteListVersions)); n != 5 {
		t.Errorf("%d listings, want 5 (one before the create, four checks)", n)
	}
}

func TestAmbiguousCreateNeverSeenIsReportedUnknownAndNotRepeated(t *testing.T) {
	srv, c, wfID := newEmulator(t)
	it := Item{File: "w.yaml", Compile: fixed(request(compile(t, baseWorkflow))), WorkflowID: wfID}
	srv.Fail(secmastertest.RouteCreateVersion, secmastertest.Fault{Status: 500, Commit: true})
	hideNewVersion(srv, 1+7) // push's listing, then every check within DefaultConfirmWait
	var waits pauses
	opts := Options{ConfirmWait: DefaultConfirmWait, Sleep: waits.sleep}
	o := Push(context.Background(), c, it, opts)
	if o.Status != Failed || !o.Unknown || !errors.Is(o.Err, ErrUnknownOutcome) || !errors.Is(o.Err, secmaster.ErrAmbiguous) {
		t.Fatalf("outcome %s unknown=%v (%v), want a failure with an unknown outcome", o.Status, o.Unknown, o.Err)
	}
	for _, want := range []string{"in 7 checks over 30s", "whether it was created is unknown", "it is safe to run push again"} {
		if !strings.Contains(o.Err.Error(), want) {
			t.Errorf("message %q does not say %q", o.Err, want)
		}
	}
	want := pauses{1 * time.Second, 2 * time.Second, 4 * time.Second, 8 * time.Second, 8 * time.Second, 7 * time.Second}
	if !reflect.DeepEqual(waits, want) {
		t.Errorf("waits %v, want %v (backoff capped at 8s, 30s in all)", waits, want)
	}
	// The version is visible now: the next push finds it by content and creates nothing.
	if o := Push(context.Background(), c, it, opts); o.Status != Unchanged || o.Err != nil {
		t.Fatalf("second push: %s (%v), want unchanged", o.Status, o.Err)
	}
	if n := len(srv.RequestsTo(secmastertest.RouteCreateVersion)); n != 1 {
		t.Errorf("%d creates, want 1", n)
	}
	if n := len(srv.Versions(wfID)); n != 1 {
		t.Errorf("%d versions, want 1", n)
	}
}

func TestSubmitThatFailsAfterBeingAppliedIsConfirmed(t *testing.T) {
	srv, c, wfID := newEmulator(t)
	it := Item{File: "w.yaml", Compile: fixed(request(compile(t, baseWorkflow))), WorkflowID: wfID}
	srv.Fail(secmastertest.RouteUpdateVersion, secmastertest.Fault{Status: 500, Commit: true})
	o := Push(context.Background(), c, it, Options{Submit: true})
	if o.Status != Created || o.Err != nil {
		t.Fatalf("outcome %s (%v), want created and submitted", o.Status, o.Err)
	}
	if o.VersionStatus != secmaster.StatusPendingApproval {
		t.Errorf("version status %q, want pending_approval", o.VersionStatus)
	}
	if got := strings.Join(o.Notes, "; "); !strings.Contains(got, "submitted for approval (confirmed by reading the version back") {
		t.Errorf("notes %q do not say the submit was confirmed", got)
	}
	if n := len(srv.RequestsTo(secmastertest.RouteUpdateVersion)); n != 1 {
		t.Errorf("%d submits sent, want 1", n)
	}
}

func TestSubmitThatFailedIsReportedWithTheStatus(t *testing.T) {
	srv, c, wfID := newEmulator(t)
	it := Item{File: "w.yaml", Compile: fixed(request(compile(t, baseWorkflow))), WorkflowID: wfID}
	srv.Fail(secmastertest.RouteUpdateVersion, secmastertest.Fault{Status: 500})
	o := Push(context.Background(), c, it, Options{Submit: true})
	if o.Status != Failed || o.Unknown || !strings.Contains(o.Err.Error(), "was not submitted for approval (it is still pending_submit)") {
		t.Fatalf("outcome %s: %v; want a failure saying the version is still pending_submit", o.Status, o.Err)
	}
}

func TestAmbiguousWorkflowCreateIsCheckedWithBackoff(t *testing.T) {
	srv, c, _ := newEmulator(t)
	it := Item{File: "w.yaml", Compile: fixed(request(compile(t, baseWorkflow))), WorkflowName: "Brand new",
		NewWorkflow: secmaster.CreateWorkflowRequest{AopType: secmaster.AopTypeNormal, DataclassID: "dc"}}
	srv.Fail(secmastertest.RouteCreateWorkflow, secmastertest.Fault{Drop: true}) // lost before it was stored
	var waits pauses
	o := Push(context.Background(), c, it, Options{Create: true, ConfirmWait: 3 * time.Second, Sleep: waits.sleep})
	if o.Status != Failed || !o.Unknown || !strings.Contains(o.Err.Error(), `no workflow named "Brand new" appeared in 3 checks over 3s, so whether it was created is unknown`) {
		t.Fatalf("outcome %s: %v; want the outcome reported unknown after 3 checks", o.Status, o.Err)
	}
	if want := (pauses{time.Second, 2 * time.Second}); !reflect.DeepEqual(waits, want) {
		t.Errorf("waits %v, want %v", waits, want)
	}
	if n := len(srv.RequestsTo(secmastertest.RouteCreateWorkflow)); n != 2 {
		t.Errorf("%d workflow creates, want 2 (the test's own, push's one)", n)
	}
}

func TestOnlyARefusalIsTakenAsNotApplied(t *testing.T) {
	for _, c := range []struct {
		err  error
		want bool
	}{
		{nil, false},
		{&secmaster.APIError{Op: "create version", HTTPStatus: 400}, false},
		{&secmaster.APIError{Op: "create version", HTTPStatus: 503}, true},
		{errors.Join(secmaster.ErrAmbiguous, errors.New("timeout")), true},
		{errors.New("connection reset by peer"), true}, // not marked by the client: not trusted
	} {
		if got := mayHaveApplied(c.err); got != c.want {
			t.Errorf("mayHaveApplied(%v) = %v, want %v", c.err, got, c.want)
		}
	}
}

func TestActivateThatFailsAfterBeingAppliedIsConfirmed(t *testing.T) {
	srv, c, wfID := newEmulator(t)
	it := Item{File: "w.yaml", Compile: fixed(request(compile(t, baseWorkflow))), WorkflowID: wfID}
	o := Push(context.Background(), c, it, Options{Submit: true})
	if o.Err != nil {
		t.Fatal(o.Err)
	}
	if err := srv.Approve(o.VersionID); err != nil {
		t.Fatal(err)
	}
	srv.Fail(secmastertest.RouteUpdateVersion, secmastertest.Fault{Status: 500, Commit: true})
	o = Push(context.Background(), c, it, Options{Activate: true})
	if o.Status != Unchanged || o.Err != nil || o.VersionStatus != secmaster.StatusActivated {
		t.Fatalf("outcome %s, version %s (%v); want unchanged and activated", o.Status, o.VersionStatus, o.Err)
	}
	if got := strings.Join(o.Notes, "; "); !strings.Contains(got, "activated (confirmed by reading the version back") {
		t.Errorf("notes %q do not say the activation was confirmed", got)
	}
	if n := len(srv.RequestsTo(secmastertest.RouteUpdateVersion)); n != 2 {
		t.Errorf("%d status changes sent, want 2 (one submit, one activate, neither resent)", n)
	}
}
