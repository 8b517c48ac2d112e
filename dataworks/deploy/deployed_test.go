package deploy_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/wfc-dev/wfc/dataworks/deploy"
)

func TestDeployedReadsTheExactNameWithItsScripts(t *testing.T) {
	e := newEnv(t, nil)
	for i := 0; i < 3; i++ {
		e.push(t, specBytes(compiled(fmt.Sprintf("daily-%d", i), nil)))
	}
	e.push(t, specBytes(compiled("daily", nil)))
	def, err := deploy.Deployed(ctx, e.client, "daily")
	if err != nil {
		t.Fatal(err)
	}
	if def == nil || def.Name != "daily" || string(def.ID) != e.srv.Workflows()[3].ID {
		t.Fatalf("Deployed(daily) = %+v; want the workflow named exactly daily", def)
	}
	if !strings.Contains(def.Spec, "insert into t select * from s;") {
		t.Errorf("the spec has no script content: %s", def.Spec)
	}
	if def, err := deploy.Deployed(ctx, e.client, "dail"); err != nil || def != nil {
		t.Errorf("Deployed(dail) = %+v, %v; want nil: no workflow has that name", def, err)
	}
}

func TestAllWorkflowsListsBothKindsOnEveryPage(t *testing.T) {
	e := newEnv(t, nil)
	// 101 cycle workflows fill more than one page; a manual one is listed only when asked for.
	for i := 0; i < 101; i++ {
		e.push(t, specBytes(compiled(fmt.Sprintf("daily-%03d", i), nil)))
	}
	manual := compiled("by-hand", func(wf obj) { delete(wf, "trigger") })
	manual["kind"] = "ManualWorkflow"
	e.push(t, specBytes(manual))
	all, err := deploy.AllWorkflows(ctx, e.client)
	if err != nil {
		t.Fatal(err)
	}
	names := map[string]bool{}
	for _, w := range all {
		names[w.Name] = true
	}
	if len(all) != 102 || !names["by-hand"] || !names["daily-100"] {
		t.Errorf("AllWorkflows listed %d workflows (by-hand: %v, daily-100: %v); want 102 with both", len(all), names["by-hand"], names["daily-100"])
	}
}
