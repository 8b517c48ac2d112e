package dataworks

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// genericJSON decodes b into maps, slices and json.Numbers: the document's meaning, without
// member order or spacing.
func genericJSON(t *testing.T, b []byte) any {
	t.Helper()
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, b)
	}
	return dropEmptyStrings(v)
}

// dropEmptyStrings removes object members whose value is "": the types treat an empty string
// like an absent member (see flowspec.go).
func dropEmptyStrings(v any) any {
	switch v := v.(type) {
	case map[string]any:
		for k, m := range v {
			if m == "" {
				delete(v, k)
				continue
			}
			v[k] = dropEmptyStrings(m)
		}
	case []any:
		for i := range v {
			v[i] = dropEmptyStrings(v[i])
		}
	}
	return v
}

func serverShapeFiles(t *testing.T) []string {
	t.Helper()
	files, err := filepath.Glob("testdata/server/*.json")
	if err != nil || len(files) < 8 {
		t.Fatalf("want the 8 server-shape samples in testdata/server, got %d (%v)", len(files), err)
	}
	return files
}

// Every server-shape sample survives Decode and Marshal with nothing lost or changed: what
// push compares and what a decompiler passes through.
func TestDecodeMarshalRoundTripsServerShape(t *testing.T) {
	for _, file := range serverShapeFiles(t) {
		t.Run(filepath.Base(file), func(t *testing.T) {
			orig, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			doc, err := Decode(orig)
			if err != nil {
				t.Fatalf("Decode: %v", err)
			}
			if len(doc.Spec.Workflows) != 1 || len(doc.Spec.Workflows[0].Nodes) == 0 {
				t.Fatalf("want one workflow with nodes, got %+v", doc.Spec)
			}
			out, err := Marshal(doc)
			if err != nil {
				t.Fatalf("Marshal: %v", err)
			}
			if diff := cmp.Diff(genericJSON(t, orig), genericJSON(t, out)); diff != "" {
				t.Errorf("round trip changed the document (-orig +out):\n%s", diff)
			}
		})
	}
}

// The modelled fields land where the compiler and push will look for them.
func TestDecodeServerShapeFields(t *testing.T) {
	orig, err := os.ReadFile("testdata/server/sdk-import-example.json")
	if err != nil {
		t.Fatal(err)
	}
	doc, err := Decode(orig)
	if err != nil {
		t.Fatal(err)
	}
	wf := doc.Spec.Workflows[0]
	if wf.Script.Runtime.Command != CommandWorkflow || wf.Trigger.Cron != "00 03 00 * * ?" || *wf.Strategy.RerunInterval != 180000 {
		t.Errorf("workflow script/trigger/strategy = %+v %+v %+v", wf.Script.Runtime, wf.Trigger, wf.Strategy)
	}
	n := wf.Nodes[1]
	if n.Name != "222" || n.ID != "595182137303408XXXX" || n.Script.Content != "select now();\n select 1;" || *n.Timeout != 0 {
		t.Errorf("node 1 = %+v", n)
	}
	if got := n.Outputs.NodeOutputs[0]; got.Data != n.ID || got.RefTableName != "222" {
		t.Errorf("node output = %+v", got)
	}
	dep := wf.Dependencies[0]
	if dep.NodeID != n.ID || dep.Depends[0].Output != wf.Nodes[0].ID || dep.Depends[0].Type != DependNormal {
		t.Errorf("dependency = %+v", dep)
	}
}

// Members wfc does not model stay byte for byte, numbers too big for float64 included.
func TestDecodeKeepsUnmodelledMembersVerbatim(t *testing.T) {
	in := `{"version":"1.1.0","kind":"CycleWorkflow","spec":{"workflows":[{"name":"w","nodes":[{
		"name":"n","id":"7","owner":"064152","metadata":{"tenantId":"1","big":123456789012345678901234567890},
		"do-while":{"maxIteration":3},
		"script":{"runtime":{"command":"EMR_HIVE","emrJobConfig":{"queue":"default","memory":1024}}}}]}]}}`
	doc, err := Decode([]byte(in))
	if err != nil {
		t.Fatal(err)
	}
	n := doc.Spec.Workflows[0].Nodes[0]
	if got := string(n.Extra["metadata"]); got != `{"tenantId":"1","big":123456789012345678901234567890}` {
		t.Errorf("metadata kept as %s", got)
	}
	if _, ok := n.Extra["name"]; ok {
		t.Error("a modelled member (name) was also kept in Extra")
	}
	if got := string(n.Script.Runtime.Extra["emrJobConfig"]); got != `{"queue":"default","memory":1024}` {
		t.Errorf("emrJobConfig kept as %s", got)
	}
	out, err := Marshal(doc)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(out), `"big":123456789012345678901234567890`) {
		t.Errorf("the big number was not written back digit for digit:\n%s", out)
	}
	if diff := cmp.Diff(genericJSON(t, []byte(in)), genericJSON(t, out)); diff != "" {
		t.Errorf("round trip changed the document (-in +out):\n%s", diff)
	}
}

// Marshal writes members in struct order, then unmodelled ones sorted; keeps a zero that is
// present; omits what is absent; does not escape < > & in code.
func TestMarshalOrderAndOmission(t *testing.T) {
	doc := &Document{
		Version: SpecVersion,
		Kind:    KindManualWorkflow,
		Spec: Spec{Workflows: []Workflow{{
			Script: &Script{Path: "etl/w", Runtime: &Runtime{Command: CommandWorkflow}},
			Name:   "w",
			Nodes: []Node{{
				Timeout: Int(0),
				Script:  &Script{Path: "etl/w/a", Runtime: &Runtime{Command: "DIDE_SHELL"}, Content: "a && b > c"},
				Name:    "a",
				Inputs:  &IO{},
				Extra:   Extra{"zeta": json.RawMessage(`1`), "alpha": json.RawMessage(` { "x" : 2 } `), "name": json.RawMessage(`"dup"`)},
			}},
		}}},
	}
	out, err := Marshal(doc)
	if err != nil {
		t.Fatal(err)
	}
	want := `{"version":"1.1.0","kind":"ManualWorkflow","spec":{"workflows":[{"script":{"path":"etl/w","runtime":{"command":"WORKFLOW"}},"name":"w",` +
		`"nodes":[{"timeout":0,"script":{"path":"etl/w/a","runtime":{"command":"DIDE_SHELL"},"content":"a && b > c"},"name":"a","inputs":{},"alpha":{"x":2},"zeta":1}]}]}}`
	if string(out) != want {
		t.Errorf("Marshal =\n%s\nwant\n%s", out, want)
	}
	again, _ := Marshal(doc)
	if !bytes.Equal(out, again) {
		t.Error("two Marshal calls differ")
	}
	indented, err := MarshalIndent(doc, "  ")
	if err != nil || !strings.Contains(string(indented), "\n    \"spec\"") && !strings.Contains(string(indented), "\n  \"spec\"") {
		t.Errorf("MarshalIndent did not indent: %v\n%s", err, indented)
	}
}

func TestMarshalRefusesInvalidExtra(t *testing.T) {
	doc := &Document{Version: SpecVersion, Kind: KindManualWorkflow, Extra: Extra{"broken": json.RawMessage(`{`)}}
	if _, err := Marshal(doc); err == nil || !strings.Contains(err.Error(), `"broken"`) {
		t.Errorf("Marshal with an invalid kept member: err = %v, want one naming the member", err)
	}
}

func TestDecodeErrors(t *testing.T) {
	cases := []struct{ name, in, want string }{
		{"not an object", `[1]`, "must be a JSON object"},
		{"empty", ``, "must be a JSON object"},
		{"two values", `{"version":"1.1.0"} {}`, "more than one JSON value"},
		{"syntax", `{"version":}`, "not valid JSON"},
		{"truncated", `{"version":"1.1.0"`, "not valid JSON"},
		{"content object", `{"spec":{"workflows":[{"nodes":[{"script":{"content":{}}}]}]}}`, "FlowSpec: spec.workflows.nodes.script.content is a JSON object, but must be a string"},
		{"id number", `{"spec":{"workflows":[{"id":8713280350510274174}]}}`, "spec.workflows.id is a JSON number, but must be a string"},
		{"timeout string", `{"spec":{"workflows":[{"nodes":[{"timeout":"0"}]}]}}`, "timeout is a JSON string, but must be an integer"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Decode([]byte(tc.in))
			// Only a syntax error gives an offset: a type error's would count from a nested object.
			if err == nil || !strings.Contains(err.Error(), tc.want) || strings.Contains(err.Error(), "offset") != (tc.name == "syntax") {
				t.Errorf("Decode(%s) error = %v, want it to contain %q", tc.in, err, tc.want)
			}
		})
	}
}

// A branch and a join node, in the shape Alibaba documents for CONTROLLER_BRANCH and
// CONTROLLER_JOIN, decode into the modelled fields and round-trip.
func TestDecodeBranchAndJoinNodes(t *testing.T) {
	in := `{"version":"1.1.0","kind":"CycleWorkflow","spec":{"workflows":[{"name":"w","nodes":[
		{"name":"c","script":{"runtime":{"command":"CONTROLLER_BRANCH","cu":"0.25"}},
		 "branch":{"branches":[{"when":"'${x}' == 'a'","desc":"a","output":{"data":"p.c_a"}},{"when":"'${x}' != 'a'","output":{"data":"p.c_b"}}]}},
		{"name":"j","script":{"runtime":{"command":"CONTROLLER_JOIN"}},
		 "join":{"branches":[{"name":"b_1","output":{"data":"p.t1"},"assertion":{"field":"status","in":["1","2"]}},
		                     {"name":"b_2","output":{"data":"p.t2"},"assertion":{"field":"status","in":["1","2"]}}],
		         "logic":{"expression":"b_1 and b_2"},"resultStatus":"1"}}]}]}}`
	doc, err := Decode([]byte(in))
	if err != nil {
		t.Fatal(err)
	}
	branch, join := doc.Spec.Workflows[0].Nodes[0].Branch, doc.Spec.Workflows[0].Nodes[1].Join
	if len(branch.Branches) != 2 || branch.Branches[0].When != "'${x}' == 'a'" || branch.Branches[1].Output.Data != "p.c_b" {
		t.Errorf("branch = %+v", branch)
	}
	if len(join.Branches) != 2 || join.Branches[1].Output.Data != "p.t2" || join.Branches[0].Assertion.In[1] != "2" ||
		join.Logic.Expression != "b_1 and b_2" || string(join.Extra["resultStatus"]) != `"1"` {
		t.Errorf("join = %+v", join)
	}
	out, err := Marshal(doc)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(genericJSON(t, []byte(in)), genericJSON(t, out)); diff != "" {
		t.Errorf("round trip changed the document (-in +out):\n%s", diff)
	}
}
