package secmaster_test

import (
	"encoding/json"
	"os"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/wfc-dev/wfc/bpmn"
	"github.com/wfc-dev/wfc/diag"
	"github.com/wfc-dev/wfc/target/secmaster"
	"github.com/wfc-dev/wfc/workflow"
)

// idsByName maps "node NAME" to the id of the flow node named NAME.
func idsByName(t *testing.T, res *secmaster.Result) map[string]string {
	t.Helper()
	out := map[string]string{}
	for _, el := range res.Defs.ByID {
		if el.Is("FlowNode") && el.Name != "" {
			out["node "+el.Name] = el.ID
		}
	}
	return out
}

func allIDs(res *secmaster.Result) map[string]bool {
	out := map[string]bool{}
	for id := range res.Defs.ByID {
		out[id] = true
	}
	return out
}

const stableBase = `wfc: 1
name: Stable ids
description: ""
steps:
  - id: fetch
    name: Fetch
    action: p/fetch
  - id: decide
    name: Decide
    switch:
      - name: yes
        when: "${ok}"
        next: act
    default: report
  - id: act
    name: Act
    action: p/act
    on_error: report
  - id: report
    name: Report
    action: p/report
  - id: pause
    name: Pause
    wait: 30s
`

// TestIDsStableUnderEdits renames one step and adds another, and wants every element that
// does not belong to the renamed step to keep its id; the process id follows the name only.
func TestIDsStableUnderEdits(t *testing.T) {
	base := mustCompile(t, "base.yaml", []byte(stableBase))
	edited := strings.NewReplacer(
		"id: act\n", "id: act_now\n",
		"next: act\n", "next: act_now\n",
		"  - id: report\n", "  - id: audit\n    name: Audit\n    action: p/audit\n  - id: report\n",
	).Replace(stableBase)
	if edited == stableBase {
		t.Fatal("the edit did nothing")
	}
	after := mustCompile(t, "edited.yaml", []byte(edited))

	// The elements compiled from step act: its task, its boundary event with its error
	// definition, and the flows leaving them. Everything else (the wait's timer definition
	// included) must survive.
	act := base.Defs.ByID[idsByName(t, base)["node Act"]]
	owned := map[string]bool{act.ID: true}
	for _, b := range act.BoundaryEvents {
		owned[b.ID] = true
		for _, d := range b.ChildrenOf("EventDefinition") {
			owned[d.ID] = true
		}
		for _, f := range b.Outgoing {
			owned[f.ID] = true
		}
	}
	for _, f := range act.Outgoing {
		owned[f.ID] = true
	}
	kept := allIDs(after)
	for id := range allIDs(base) {
		if !owned[id] && !kept[id] {
			t.Errorf("id %s changed although its step was not edited", id)
		}
	}
	for id := range owned {
		if kept[id] {
			t.Errorf("id %s of the renamed step survived the rename", id)
		}
	}
}

func TestProcessNumber(t *testing.T) {
	a, b := secmaster.ProcessNumber("Block malicious source IP"), secmaster.ProcessNumber("Phishing email triage")
	if a == b {
		t.Errorf("two names gave the same process number %d", a)
	}
	if a != secmaster.ProcessNumber("Block malicious source IP") {
		t.Errorf("process number is not deterministic")
	}
	for _, n := range []int64{a, b, secmaster.ProcessNumber("")} {
		if s := strconv.FormatInt(n, 10); len(s) != 13 {
			t.Errorf("process number %d does not have 13 digits", n)
		}
	}
	w, diags := workflow.Load("w.yaml", []byte(stableBase))
	if len(diags) > 0 {
		t.Fatal(diags)
	}
	res, diags := secmaster.Compile(w, secmaster.Options{ProcessNumber: 1756712343827})
	if len(diags) > 0 {
		t.Fatal(diags)
	}
	if got := res.Defs.Element.ID; got != "diagram_Process_1756712343827" {
		t.Errorf("definitions id = %s, want diagram_Process_1756712343827", got)
	}
	proc := res.Defs.ByID["Process_1756712343827"]
	if proc == nil || proc.Name != "Service_Process1756712343827" {
		t.Errorf("process Process_1756712343827 named Service_Process1756712343827 not found")
	}
}

// TestRequestShape checks the request body against the create-version contract: member
// order, all strings, the taskconfig shape, and "" for empty parameter lists.
func TestRequestShape(t *testing.T) {
	res := mustCompile(t, "w.yaml", []byte(stableBase))
	body, err := res.RequestJSON()
	if err != nil {
		t.Fatal(err)
	}
	keys := regexp.MustCompile(`(?m)^  "([a-z_]+)":`).FindAllStringSubmatch(string(body), -1)
	var order []string
	for _, k := range keys {
		order = append(order, k[1])
	}
	want := "name description taskconfig input output taskflow taskflow_type aop_type"
	if got := strings.Join(order, " "); got != want {
		t.Errorf("request members %q, want %q", got, want)
	}
	var req map[string]any
	if err := json.Unmarshal(body, &req); err != nil {
		t.Fatal(err)
	}
	for k, v := range req {
		if _, ok := v.(string); !ok {
			t.Errorf("request member %s is %T, want a string", k, v)
		}
	}
	if req["input"] != "" || req["output"] != "" || req["taskflow_type"] != "JSON" || req["aop_type"] != "NORMAL" {
		t.Errorf("input %q output %q taskflow_type %q aop_type %q", req["input"], req["output"], req["taskflow_type"], req["aop_type"])
	}
	tc := mustRequest(t, res).Taskconfig
	if !strings.HasPrefix(tc, `{"trigger":{"advanced":{"retry_times":0,"retry_interval":"30","log_level":"Info"}},"node_info":{`) ||
		!strings.Contains(tc, `},"usertask_info":{}}`) {
		t.Errorf("taskconfig has the wrong shape: %s", tc)
	}
	// node_info is keyed by the service tasks' element ids, in document order.
	var ids []string
	for _, el := range res.Defs.Element.Children[0].Children {
		if el.Type == "ServiceTask" {
			ids = append(ids, el.ID)
		}
	}
	last := -1
	for _, id := range ids {
		at := strings.Index(tc, `"`+id+`":{"node_type":"plugin"`)
		if at < 0 || at < last {
			t.Errorf("node_info entry of %s missing or out of document order", id)
		}
		last = at
	}
}

// TestOriginIsTheStep: an element's Origin is the range of the step (or case) it was
// compiled from, so lint and error messages point at the YAML.
func TestOriginIsTheStep(t *testing.T) {
	src, err := os.ReadFile("../../examples/block-malicious-ip.yaml")
	if err != nil {
		t.Fatal(err)
	}
	w, diags := workflow.Load("block.yaml", src)
	if len(diags) > 0 {
		t.Fatal(diags)
	}
	res, diags := secmaster.Compile(w, secmaster.Options{})
	if len(diags) > 0 {
		t.Fatal(diags)
	}
	steps := map[string]*workflow.Step{}
	for _, s := range w.AllSteps() {
		steps[s.ID.Value] = s
	}
	for _, el := range res.Defs.Element.Children[0].Children {
		switch {
		case el.Type == "UserTask":
			if el.Origin != steps["approve"].Range {
				t.Errorf("user task origin %v, want the approve step's range %v", el.Origin, steps["approve"].Range)
			}
		case el.Type == "SequenceFlow" && el.Name == "high severity":
			if el.Origin != steps["decide"].Body.(*workflow.Switch).Cases[0].Range {
				t.Errorf("case flow origin %v, want the case's range", el.Origin)
			}
		}
	}
}

func TestCompileNil(t *testing.T) {
	res, diags := secmaster.Compile(nil, secmaster.Options{})
	if res != nil || !diags.HasErrors() || diags[0].Rule != diag.RuleCompile {
		t.Errorf("Compile(nil) = %v, %v; want no result and a compile error", res, diags)
	}
}

// TestConditionAndDefault checks the switch mapping on the model: conditions as
// tFormalExpression bodies in case order, and the default flow marked on the gateway.
func TestConditionAndDefault(t *testing.T) {
	res := mustCompile(t, "w.yaml", []byte(stableBase))
	var gw *bpmn.Element
	for _, el := range res.Defs.ByID {
		if el.Type == "ExclusiveGateway" && el.Name == "Decide" {
			gw = el
		}
	}
	if gw == nil || len(gw.Outgoing) != 2 {
		t.Fatalf("no Decide gateway with two outgoing flows")
	}
	cond := gw.Outgoing[0]
	if len(cond.Children) != 1 || cond.Children[0].Body != "${ok}" || cond.Name != "yes" {
		t.Errorf("first flow of Decide is not the case: %+v", cond)
	}
	if xt, _ := cond.Children[0].Attr("xsi:type"); xt != "bpmn2:tFormalExpression" {
		t.Errorf("condition xsi:type = %q", xt)
	}
	if gw.Default != gw.Outgoing[1] || len(gw.Outgoing[1].Children) != 0 {
		t.Errorf("second flow of Decide is not an unconditional default flow")
	}
}

// TestCompileRejectsBrokenShapes calls Compile directly on ASTs the schema rejected (Load
// returns them anyway): the compiler must say what is wrong rather than build or panic.
func TestCompileRejectsBrokenShapes(t *testing.T) {
	for _, c := range []struct{ src, want string }{
		{"wfc: 1\nname: x\ndescription: \"\"\nsteps:\n  - id: a\n    name: no kind\n", `step "a" has no kind`},
		{"wfc: 1\nname: x\ndescription: \"\"\nsteps:\n  - id: p\n    parallel: [{steps: []}]\n", `this branch of parallel step "p" has no steps`},
		{"wfc: 1\nname: x\ndescription: \"\"\nsteps:\n  - id: p\n    parallel: []\n", `parallel step "p" has no branches`},
		{"wfc: 1\nname: x\ndescription: \"\"\nsteps:\n  - id: w\n    wait: soon\n", "wait needs a duration"},
		{"wfc: 1\nname: x\ndescription: \"\"\nsteps:\n  - id: end\n    action: a/b\n", `step id "end" is reserved`},
		{"wfc: 1\nname: x\ndescription: \"\"\nsteps:\n  - name: anonymous\n    action: a/b\n", "step has no id"},
	} {
		w, loadDiags := workflow.Load("x.yaml", []byte(c.src))
		if w == nil || !loadDiags.HasErrors() {
			t.Fatalf("%q: expected Load to return an AST with schema errors, got %v", c.src, loadDiags)
		}
		res, diags := secmaster.Compile(w, secmaster.Options{})
		if res != nil || !strings.Contains(diags.Error(), c.want) {
			t.Errorf("%q: Compile gave result %v and %v; want an error containing %q", c.src, res != nil, diags, c.want)
		}
	}
}

// TestModelOnlyGivesTheSameModel: the linter compiles with ModelOnly, so what it lints must be
// exactly the model a full compile publishes.
func TestModelOnlyGivesTheSameModel(t *testing.T) {
	src, err := os.ReadFile("../../examples/brute-force-lockout.yaml")
	if err != nil {
		t.Fatal(err)
	}
	full, diags := secmaster.CompileFile("brute-force-lockout.yaml", src, secmaster.Options{})
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	model, diags := secmaster.CompileFile("brute-force-lockout.yaml", src, secmaster.Options{ModelOnly: true})
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	if _, err := model.Request(); model.Taskconfig != nil || err == nil {
		t.Fatal("ModelOnly still built the tree or the taskflow")
	}
	fromModel, err := bpmn.Write(model.Defs)
	if err != nil {
		t.Fatal(err)
	}
	a, _ := bpmn.EncodeTreeJSON(mustDocument(t, full), "")
	b, _ := bpmn.EncodeTreeJSON(fromModel, "")
	if string(a) != string(b) {
		t.Fatal("the ModelOnly model writes a different tree than a full compile")
	}
}

// kindWorkflow is a workflow with one step of a kind (workflow.Kinds' example, with id it)
// between two actions.
func kindWorkflow(t *testing.T, info workflow.KindInfo) *workflow.Workflow {
	t.Helper()
	example := "    " + strings.ReplaceAll(info.Example, "\n", "\n    ")
	src := "wfc: 1\nname: kinds\ndescription: \"\"\nsteps:\n  - {id: before, action: plugin/act}\n  - id: it\n" +
		example + "\n  - {id: after, action: plugin/act}\n"
	w, diags := workflow.Load("kinds.yaml", []byte(src))
	if len(diags) > 0 {
		t.Fatalf("the example of %s does not load: %v", info.Key, diags)
	}
	return w
}

// TestEveryKindCompiles walks every step kind through the compiler: each gets a flow node
// compiled from it, so a kind the graph builder does not handle fails here.
func TestEveryKindCompiles(t *testing.T) {
	for _, info := range workflow.Kinds {
		t.Run(info.Key, func(t *testing.T) {
			w := kindWorkflow(t, info)
			it := w.Steps[1]
			res, diags := secmaster.Compile(w, secmaster.Options{})
			if !info.RunsOn(workflow.TargetSecMaster) {
				// a kind SecMaster cannot run is one error at the kind key, naming the target
				if len(diags) != 1 || diags[0].Range != it.KindRange || !strings.Contains(diags[0].Message, "target secmaster cannot run") {
					t.Fatalf("Compile of a %s step = %v, want one error at its kind key naming the target", info.Key, diags)
				}
				return
			}
			if len(diags) > 0 || res == nil {
				t.Fatalf("Compile = %v", diags)
			}
			for _, el := range res.Defs.ByID {
				if el.Is("FlowNode") && el.Origin == it.Range {
					return
				}
			}
			t.Errorf("no flow node is compiled from the %s step", info.Key)
		})
	}
}

// TestUnknownKindIsAnError: a step without a body (built by a caller that skipped the
// checks) ends in a compile error, not a nil node for the emitter to dereference.
func TestUnknownKindIsAnError(t *testing.T) {
	w := kindWorkflow(t, workflow.Kinds[0])
	w.Steps[1].Body = nil
	res, diags := secmaster.Compile(w, secmaster.Options{})
	if res != nil || len(diags) != 1 || !strings.Contains(diags[0].Message, `step "it" has no kind; give it exactly one of action, approval`) {
		t.Errorf("Compile = %v, %v; want no result and one error naming the step", res, diags)
	}
}
