package publish

import (
	"context"
	"strings"
	"testing"
)

// Deployed finds what push would compare with, newest version and content included, and
// sends nothing that writes.
func TestDeployedIsTheNewestVersionAndWritesNothing(t *testing.T) {
	srv, c, wfID := newEmulator(t)
	ctx := context.Background()
	for _, src := range []string{baseWorkflow, strings.Replace(baseWorkflow, "1.2.3.4", "5.6.7.8", 1)} {
		it := Item{File: "w.yaml", Compile: fixed(request(compile(t, src))), WorkflowID: wfID}
		if o := Push(ctx, c, it, Options{}); o.Status != Created {
			t.Fatalf("push: %s (%v)", o.Status, o.Err)
		}
	}
	writes := len(srv.Requests())
	for _, it := range []Item{{WorkflowID: wfID}, {WorkflowName: "Triage"}} {
		wf, v, err := Deployed(ctx, c, it)
		if err != nil || wf == nil || v == nil {
			t.Fatalf("Deployed(%+v) = %v, %v, %v", it, wf, v, err)
		}
		if wf.ID != wfID || v.Version != "v2" || v.Taskflow == "" || v.Taskconfig == "" {
			t.Errorf("Deployed(%+v): workflow %s version %q (taskflow %d bytes), want %s v2 with its content", it, wf.ID, v.Version, len(v.Taskflow), wfID)
		}
	}
	for _, r := range srv.Requests()[writes:] {
		if r.Method != "GET" {
			t.Errorf("Deployed sent %s %s", r.Method, r.Path)
		}
	}
}

// A name no workflow has is not an error: nothing is deployed. An id that does not exist is.
func TestDeployedOfAMissingWorkflow(t *testing.T) {
	_, c, wfID := newEmulator(t)
	ctx := context.Background()
	wf, v, err := Deployed(ctx, c, Item{WorkflowName: "Nobody"})
	if wf != nil || v != nil || err != nil {
		t.Errorf("Deployed(name Nobody) = %v, %v, %v; want nothing and no error", wf, v, err)
	}
	wf, v, err = Deployed(ctx, c, Item{WorkflowID: wfID})
	if wf == nil || v != nil || err != nil {
		t.Errorf("Deployed(a workflow with no version) = %v, %v, %v; want the workflow and no version", wf, v, err)
	}
	if _, _, err = Deployed(ctx, c, Item{WorkflowID: "no-such-id"}); err == nil || !strings.Contains(err.Error(), "does not exist") {
		t.Errorf("Deployed(unknown id) error = %v, want one saying it does not exist", err)
	}
}
