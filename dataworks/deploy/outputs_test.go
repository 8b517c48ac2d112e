package deploy_test

import (
	"strings"
	"testing"

	"github.com/wfc-dev/wfc/dataworks/deploy"
)

// namedOutputs names each node's output WORKFLOW.ID and each dependency after it, as wfc's
// compiler does (target/dataworks/outputs.go).
func namedOutputs(workflow string, deps ...[2]string) func(wf obj) {
	return func(wf obj) {
		for _, n := range nodesOf(wf) {
			node := n.(obj)
			node["outputs"].(obj)["nodeOutputs"].([]any)[0].(obj)["data"] = workflow + "." + node["id"].(string)
		}
		var list []any
		for _, d := range deps {
			list = append(list, dep(d[0], workflow+"."+d[1]))
		}
		wf["dependencies"] = list
	}
}

// TestNamedOutputsSurviveADeploy: the outputs a compiled spec names survive the import (the
// service adds its default output beside them), a dependency on one is shown by its node's
// name, and an output renamed with the node's name kept (a step id changed) is a change.
func TestNamedOutputsSurviveADeploy(t *testing.T) {
	e := newEnv(t, nil)
	e.push(t, specBytes(compiled("daily", namedOutputs("daily", [2]string{"load", "extract"}))))
	stored := e.srv.Workflows()[0].Spec
	for _, want := range []string{`"data":"daily.extract"`, `"data":"daily.load"`, `"output":"daily.extract"`} {
		if !strings.Contains(stored, want) {
			t.Errorf("the stored spec lacks %s: %s", want, stored)
		}
	}
	if p, _ := e.push(t, specBytes(compiled("daily", namedOutputs("daily", [2]string{"load", "extract"})))); p.Action != deploy.Unchanged {
		t.Errorf("pushing the same spec again: %v", p.Lines())
	}

	p, err := deploy.Plan(ctx, e.client, specBytes(compiled("daily", namedOutputs("daily"))))
	if err != nil {
		t.Fatal(err)
	}
	if got, want := strings.Join(p.Lines()[1:], "\n"), `~ node load: depends on: ["extract"] → (none)`; got != want {
		t.Errorf("plan without the dependency:\n%s\nwant:\n%s", got, want)
	}

	renamed := compiled("daily", func(wf obj) {
		namedOutputs("daily", [2]string{"load", "extract"})(wf)
		nodesOf(wf)[0].(obj)["outputs"].(obj)["nodeOutputs"].([]any)[0].(obj)["data"] = "daily.pull"
		wf["dependencies"] = []any{dep("load", "daily.pull")}
	})
	p, err = deploy.Plan(ctx, e.client, specBytes(renamed))
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(p.Lines(), "\n"); p.Action != deploy.Update || !strings.Contains(got, `~ node extract: outputs.nodeOutputs`) || strings.Contains(got, "depends on") {
		t.Errorf("plan of a renamed output:\n%s", got)
	}
}
