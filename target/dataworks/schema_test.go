package dataworks

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// Each fix-up still finds exactly the text it repairs in the verbatim copy: if upstream fixes
// or changes a schema, the copy is refreshed and this says which fix-up to drop or redo.
func TestSchemaFixUpsStillApply(t *testing.T) {
	for _, fx := range schemaFixUps {
		text, err := os.ReadFile(filepath.Join("testdata/flowspec-schema", fx.file))
		if err != nil {
			t.Fatal(err)
		}
		if n := bytes.Count(text, []byte(fx.old)); n != fx.count {
			t.Errorf("%s: the fix-up (%s) finds its text %d times, want %d", fx.file, fx.why, n, fx.count)
		}
	}
	if _, err := flowSpecSchemas(); err != nil {
		t.Fatalf("the schemas do not compile with the fix-ups: %v", err)
	}
}

// Every example kept in testdata passes: the upstream examples in inline form, the schema's
// own test cases, and the specs in the shape DataWorks takes and returns (also after a
// Decode/Marshal round trip through the Go types, which is what the compiler will write).
func TestFlowSpecExamplesPassTheSchemas(t *testing.T) {
	examples, _ := filepath.Glob("testdata/flowspec-examples/*.json")
	if len(examples) < 5 {
		t.Fatalf("want the 5 examples in testdata/flowspec-examples, got %d", len(examples))
	}
	for _, file := range append(examples, serverShapeFiles(t)...) {
		t.Run(filepath.Base(file), func(t *testing.T) {
			doc, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			validateFlowSpec(t, doc)
			if !strings.Contains(file, "server") {
				return
			}
			typed, err := Decode(doc)
			if err != nil {
				t.Fatal(err)
			}
			out, err := Marshal(typed)
			if err != nil {
				t.Fatal(err)
			}
			validateFlowSpec(t, out)
		})
	}
}

// mutateSDKExample returns the SDK's import example with edit applied to it.
func mutateSDKExample(t *testing.T, edit func(wf map[string]any, nodes []any)) []byte {
	t.Helper()
	text, err := os.ReadFile("testdata/server/sdk-import-example.json")
	if err != nil {
		t.Fatal(err)
	}
	var root map[string]any
	if err := json.Unmarshal(text, &root); err != nil {
		t.Fatal(err)
	}
	wf := root["spec"].(map[string]any)["workflows"].([]any)[0].(map[string]any)
	edit(wf, wf["nodes"].([]any))
	out, err := json.Marshal(root)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func node(nodes []any, i int) map[string]any { return nodes[i].(map[string]any) }

// A document built with the Go types the way the compiler will build one (no script, trigger
// or resource ids: DataWorks assigns them) passes.
func TestTypedDocumentPassesTheSchemas(t *testing.T) {
	out := IO{NodeOutputs: []NodeOutput{{Data: "proj.load", ArtifactType: ArtifactNodeOutput, RefTableName: "load"}}}
	doc := &Document{Version: SpecVersion, Kind: KindCycleWorkflow, Spec: Spec{Workflows: []Workflow{{
		Script:   &Script{Path: "etl/daily", Runtime: &Runtime{Command: CommandWorkflow}},
		Trigger:  &Trigger{Type: TriggerScheduler, Cron: "00 30 02 * * ?", StartTime: "1970-01-01 00:00:00", EndTime: "9999-01-01 00:00:00", Timezone: "Asia/Shanghai"},
		Strategy: &Strategy{Timeout: Int(0), RerunTimes: Int(3), RerunInterval: Int(180000), FailureStrategy: "Break"},
		Name:     "daily",
		Nodes: []Node{{
			ID: "load", Timeout: Int(600), RerunTimes: Int(2), RerunInterval: Int(60000), RerunMode: "Allowed",
			Datasource:      &Datasource{Name: "odps_first", Type: "odps"},
			Script:          &Script{Language: "odps-sql", Path: "etl/daily/load", Runtime: &Runtime{Command: "ODPS_SQL"}, Content: "select 1;", Parameters: []Variable{{Name: "bizdate", ArtifactType: "Variable", Scope: "NodeParameter", Type: "System", Value: "$[yyyymmdd-1]"}}},
			RuntimeResource: &RuntimeResource{ResourceGroup: "S_res_group_1"},
			Name:            "load",
			Outputs:         &out,
		}},
		Dependencies: []Dependency{{NodeID: "load", Depends: []Depend{{Type: DependNormal, Output: "proj_root"}}}},
	}}}}
	text, err := Marshal(doc)
	if err != nil {
		t.Fatal(err)
	}
	validateFlowSpec(t, text)
}

func TestFlowSpecSchemaRejectsBrokenDocuments(t *testing.T) {
	cases := []struct {
		name string
		edit func(wf map[string]any, nodes []any)
		want string
	}{
		{"node without name", func(_ map[string]any, n []any) { delete(node(n, 0), "name") },
			"/spec/workflows/0/nodes/0: missing properties: 'name'"},
		{"node without script", func(_ map[string]any, n []any) { delete(node(n, 1), "script") },
			"/spec/workflows/0/nodes/1: missing properties: 'script'"},
		{"timeout as a string", func(_ map[string]any, n []any) { node(n, 1)["timeout"] = "0" },
			"/spec/workflows/0/nodes/1/timeout: expected integer, but got string"},
		{"runtime without command", func(_ map[string]any, n []any) {
			node(n, 0)["script"].(map[string]any)["runtime"] = map[string]any{"engine": "MaxCompute"}
		}, "/spec/workflows/0/nodes/0/script/runtime: missing properties: 'command'"},
		{"node trigger of an unknown type", func(_ map[string]any, n []any) {
			node(n, 0)["trigger"].(map[string]any)["type"] = "Cron"
		}, `/spec/workflows/0/nodes/0/trigger/type: value must be one of "Scheduler", "Manual"`},
		{"workflow trigger without type", func(wf map[string]any, _ []any) {
			delete(wf["trigger"].(map[string]any), "type")
		}, "/spec/workflows/0/trigger: missing properties: 'type'"},
		{"workflow script path a number", func(wf map[string]any, _ []any) {
			wf["script"].(map[string]any)["path"] = 7
		}, "/spec/workflows/0/script/path: expected string, but got number"},
		{"dependency without depends", func(wf map[string]any, _ []any) {
			delete(wf["dependencies"].([]any)[0].(map[string]any), "depends")
		}, "/spec/workflows/0/dependencies/0: missing properties: 'depends'"},
		{"depend of an unknown type", func(wf map[string]any, _ []any) {
			dep := wf["dependencies"].([]any)[0].(map[string]any)["depends"].([]any)[0].(map[string]any)
			dep["type"] = "Weekly"
		}, `/spec/workflows/0/dependencies/0/depends/0/type: value must be one of "Normal", "CrossCycleDependsOnSelf", "CrossCycleDependsOnChildren", "CrossCycleDependsOnOtherNode"`},
		{"unknown rerun mode", func(_ map[string]any, n []any) { node(n, 1)["rerunMode"] = "Sometimes" },
			`/spec/workflows/0/nodes/1/rerunMode: value must be one of "Allowed", "Denied", "FailureAllowed"`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			problems, _, err := flowSpecSchemaProblems(mutateSDKExample(t, tc.edit))
			if err != nil {
				t.Fatal(err)
			}
			if len(problems) != 1 || problems[0] != tc.want {
				t.Errorf("problems = %q\nwant exactly [%q]", problems, tc.want)
			}
		})
	}
}
