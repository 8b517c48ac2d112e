package deploy

import (
	"strings"
	"testing"
)

func mustParse(t *testing.T, text string) *document {
	t.Helper()
	d, err := parseDocument([]byte(text), "test")
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// changes renders compare's result one change a line, as a plan would.
func changes(t *testing.T, local, deployed string) string {
	t.Helper()
	p := &WorkflowPlan{Action: Update}
	p.WorkflowChanges, p.NodeChanges = compare(viewOf(mustParse(t, local)), viewOf(mustParse(t, deployed)))
	return strings.Join(p.Lines()[1:], "\n")
}

func TestCompareIgnoresLayoutIdsOrderAndServerAdditions(t *testing.T) {
	local := `{"version":"1.1.0","kind":"CycleWorkflow","spec":{"workflows":[{"id":"w","name":"daily",
		"nodes":[{"id":"a","name":"a","script":{"content":"select 1;\r\n"},"rerunTimes":3.0},{"id":"b","name":"b"}],
		"dependencies":[{"nodeId":"b","depends":[{"type":"Normal","output":"a"}]}]}]}}`
	deployed := `{"kind":"CycleWorkflow","version":"1.2.0","spec":{"id":"9","workflows":[{"name":"daily","id":"1","owner":"42",
		"inputs":{},"outputs":{"nodeOutputs":[{"data":"1","artifactType":"NodeOutput","refTableName":"daily"}]},
		"nodes":[{"name":"b","id":"3","recurrence":"Normal","metadata":{"uuid":"x"}},
		         {"script":{"id":"4","content":"select 1;"},"name":"a","id":"2","rerunTimes":3,"timeout":0}],
		"dependencies":[{"depends":[{"output":"2","type":"Normal"}],"nodeId":"3"}]}]}}`
	if got := changes(t, local, deployed); got != "" {
		t.Errorf("changes:\n%s", got)
	}
}

func TestCompareReportsWhatAPersonChanged(t *testing.T) {
	deployed := `{"kind":"CycleWorkflow","spec":{"workflows":[{"name":"daily","id":"1","description":"old",
		"nodes":[{"name":"a","id":"2","rerunTimes":5,"datasource":{"name":"odps1","type":"odps"}},{"name":"gone","id":"3"}],
		"dependencies":[{"nodeId":"2","depends":[{"type":"Normal","output":"3"}]}]}]}}`
	local := `{"kind":"CycleWorkflow","spec":{"workflows":[{"name":"daily","id":"w",
		"nodes":[{"name":"a","id":"a","datasource":{"name":"odps2","type":"odps"}},{"name":"new","id":"n"}],
		"dependencies":[{"nodeId":"a","depends":[{"type":"CrossCycleDependsOnSelf","nodeId":"a"},{"type":"Normal","output":"n"}]}]}]}}`
	want := `~ workflow description: "old" → (none)
~ node a: datasource.name: "odps1" → "odps2"
~ node a: depends on: ["gone"] → ["a (CrossCycleDependsOnSelf)","new"]
~ node a: rerunTimes: 5 → (none)
- node gone
+ node new`
	if got := changes(t, local, deployed); got != want {
		t.Errorf("changes:\n%s\nwant:\n%s", got, want)
	}
}

func TestLongValuesAreCutInLines(t *testing.T) {
	long := strings.Repeat("x", 100)
	got := changes(t, `{"kind":"ManualWorkflow","spec":{"workflows":[{"name":"w","description":"`+long+`"}]}}`,
		`{"kind":"ManualWorkflow","spec":{"workflows":[{"name":"w"}]}}`)
	if want := `~ workflow description: (none) → "` + strings.Repeat("x", 59) + "…"; got != want {
		t.Errorf("got %s\nwant %s", got, want)
	}
}

// The service mirrors a dependency into the node's inputs (the project root included); stated
// in either place, or both, it is the same dependency.
func TestDependencyInInputsOrDependenciesIsTheSame(t *testing.T) {
	deps := `"dependencies":[{"nodeId":"a","depends":[{"type":"Normal","output":"dw_scheduler_pre_root"}]},{"nodeId":"b","depends":[{"type":"Normal","output":"a"}]}]`
	inputs := func(a, b string) string {
		return `"nodes":[{"name":"a","id":"a","inputs":{"nodeOutputs":[` + a + `]}},{"name":"b","id":"b","inputs":{"nodeOutputs":[` + b + `]}}]`
	}
	doc := func(body string) string {
		return `{"kind":"CycleWorkflow","spec":{"workflows":[{"name":"w",` + body + `}]}}`
	}
	root, onA := `{"data":"dw_scheduler_pre_root","artifactType":"NodeOutput","isDefault":false}`, `{"data":"a","isDefault":true}`
	both := doc(inputs(root, onA) + "," + deps)
	for name, local := range map[string]string{
		"dependencies only": doc(inputs("", "") + "," + deps),
		"inputs only":       doc(inputs(root, onA)),
		"both":              both,
	} {
		if got := changes(t, local, both); got != "" {
			t.Errorf("%s: changes:\n%s", name, got)
		}
	}
	if got := changes(t, doc(inputs("", "")+","+deps), doc(inputs(root, "")+","+deps)); got != "" {
		t.Errorf("a mirrored root input: %s", got)
	}
	if got := changes(t, doc(inputs(root, "")), doc(inputs(root, onA))); got != `~ node b: depends on: ["a"] → (none)` {
		t.Errorf("a dependency dropped from inputs: %q", got)
	}
}
