package deploy_test

import (
	"encoding/json"
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

func TestWithoutServerAdditionsKeepsOnlyWhatPushWouldCompare(t *testing.T) {
	e := newEnv(t, nil)
	local := specBytes(compiled("daily", nil))
	e.push(t, local)
	def, err := deploy.Deployed(ctx, e.client, "daily")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(def.Spec, `"rerunTimes":3`) || !strings.Contains(def.Spec, `"owner"`) {
		t.Fatalf("the emulator no longer adds a default strategy and an owner; this test needs them: %s", def.Spec)
	}
	got, err := deploy.WithoutServerAdditions(local, []byte(def.Spec))
	if err != nil {
		t.Fatal(err)
	}
	for _, added := range []string{`"rerunTimes"`, `"rerunInterval"`, `"owner"`} {
		if strings.Contains(string(got), added) {
			t.Errorf("%s, which the service added, is still there: %s", added, got)
		}
	}
	if !strings.Contains(string(got), "insert into t select * from s;") || !strings.Contains(string(got), `"cron":"00 00 02 * * ?"`) {
		t.Errorf("what the workflow says was lost: %s", got)
	}
	// A value that is not the service's default is what someone set: it stays.
	edited := strings.Replace(def.Spec, `"rerunTimes":3`, `"rerunTimes":5`, 1)
	if got, err = deploy.WithoutServerAdditions(local, []byte(edited)); err != nil || !strings.Contains(string(got), `"rerunTimes":5`) {
		t.Errorf("a rerunTimes of 5 set in the console was dropped (err %v): %s", err, got)
	}
}

func TestWithoutMirroredInputsSaysEachDependencyOnce(t *testing.T) {
	e := newEnv(t, nil)
	e.push(t, specBytes(compiled("daily", nil)))
	def, err := deploy.Deployed(ctx, e.client, "daily")
	if err != nil {
		t.Fatal(err)
	}
	nodeInputs := func(spec []byte) map[string]any {
		t.Helper()
		var doc struct {
			Spec struct {
				Workflows []struct {
					Nodes []struct {
						Name   string
						Inputs map[string]any
					}
				}
			}
		}
		if err := json.Unmarshal(spec, &doc); err != nil {
			t.Fatal(err)
		}
		for _, n := range doc.Spec.Workflows[0].Nodes {
			if n.Name == "load" {
				return n.Inputs
			}
		}
		t.Fatalf("no node load in %s", spec)
		return nil
	}
	if nodeInputs([]byte(def.Spec))["nodeOutputs"] == nil {
		t.Fatalf("the emulator no longer mirrors load's dependency into its inputs; this test needs it: %s", def.Spec)
	}
	got, err := deploy.WithoutMirroredInputs([]byte(def.Spec))
	if err != nil {
		t.Fatal(err)
	}
	if in := nodeInputs(got); in["nodeOutputs"] != nil {
		t.Errorf("load's inputs still repeat its dependency: %v", in)
	}
	if !strings.Contains(string(got), `"dependencies":[{`) {
		t.Errorf("the dependencies were lost: %s", got)
	}
}
