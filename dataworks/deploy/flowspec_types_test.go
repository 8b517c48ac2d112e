package deploy_test

import (
	"testing"

	"github.com/wfc-dev/wfc/dataworks/deploy"
	dwtarget "github.com/wfc-dev/wfc/target/dataworks"
)

// A document written with the compiler's FlowSpec types (target/dataworks) deploys once and is
// unchanged the second time: deploy and the emulator read what the compiler will write.
func TestDocumentFromTheFlowSpecTypesDeploysOnce(t *testing.T) {
	node := func(id, cmd, code string) dwtarget.Node {
		return dwtarget.Node{ID: id, Name: id,
			Script:  &dwtarget.Script{Path: "wfc/typed/" + id, Runtime: &dwtarget.Runtime{Command: cmd}, Content: code},
			Outputs: &dwtarget.IO{NodeOutputs: []dwtarget.NodeOutput{{Data: id, ArtifactType: dwtarget.ArtifactNodeOutput, RefTableName: id}}},
		}
	}
	doc := &dwtarget.Document{Version: "1.1.0", Kind: "CycleWorkflow", Spec: dwtarget.Spec{Name: "typed", Type: "CycleWorkflow", Workflows: []dwtarget.Workflow{{
		ID: "typed", Name: "typed",
		Script:       &dwtarget.Script{Path: "wfc/typed", Runtime: &dwtarget.Runtime{Command: "WORKFLOW"}},
		Trigger:      &dwtarget.Trigger{Type: "Scheduler", Cron: "00 30 02 * * ?", Timezone: "Asia/Shanghai"},
		Nodes:        []dwtarget.Node{node("extract", "ODPS_SQL", "select 1;"), node("notify", "DIDE_SHELL", "echo done")},
		Dependencies: []dwtarget.Dependency{{NodeID: "notify", Depends: []dwtarget.Depend{{Type: "Normal", Output: "extract", RefTableName: "extract"}}}},
	}}}}
	spec, err := dwtarget.Marshal(doc)
	if err != nil {
		t.Fatal(err)
	}
	e := newEnv(t, nil)
	if p, res := e.push(t, spec); p.Action != deploy.Create || res.StoredDifferently != nil {
		t.Fatalf("first push: %v, %+v", p.Lines(), res)
	}
	if p, _ := e.push(t, spec); p.Action != deploy.Unchanged {
		t.Errorf("second push: %v", p.Lines())
	}
	if n := imports(e); n != 1 {
		t.Errorf("%d imports, want 1", n)
	}
}
