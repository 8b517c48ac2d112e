package publish

import (
	"context"
	"reflect"
	"testing"

	"github.com/wfc-dev/wfc/secmaster"
)

func TestRenameCandidatesShareDescriptionAndType(t *testing.T) {
	_, c, wfID := newEmulator(t) // "Triage", NORMAL, no description
	ctx := context.Background()
	mk := func(name, desc, aop string) string {
		w, err := c.CreateWorkflow(ctx, secmaster.CreateWorkflowRequest{Name: name, Description: desc, AopType: aop, DataclassID: "dc"})
		if err != nil {
			t.Fatal(err)
		}
		return w.ID
	}
	old := mk("Close alert", "Close the alert.", secmaster.AopTypeNormal)
	mk("Other type", "Close the alert.", secmaster.AopTypeSurvey)
	mk("Other text", "Close it.", secmaster.AopTypeNormal)
	req := secmaster.CreateWorkflowRequest{Name: "Close the alert", Description: "Close the alert.", AopType: secmaster.AopTypeNormal}
	got, err := renameCandidates(ctx, c, req)
	if err != nil {
		t.Fatal(err)
	}
	if want := []WorkflowRef{{ID: old, Name: "Close alert"}}; !reflect.DeepEqual(got, want) {
		t.Errorf("candidates %v, want %v", got, want)
	}
	// Without a description there is nothing to go by: no candidate, and no listing.
	req.Description, req.Name = "", "New"
	if got, _ := renameCandidates(ctx, c, req); len(got) != 0 {
		t.Errorf("candidates %v for an empty description (the workspace has %s without one)", got, wfID)
	}
}
