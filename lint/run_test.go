package lint

import (
	"fmt"
	"strings"
	"testing"

	"github.com/wfc-dev/wfc/bpmn"
	"github.com/wfc-dev/wfc/diag"
)

// unnamedTasks is a one-line BPMN process of n tasks without names, flows or diagram: each
// task breaks label-required, no-disconnected, no-implicit-start/-end and no-bpmndi.
func unnamedTasks(t *testing.T, n int) *bpmn.Definitions {
	t.Helper()
	var b strings.Builder
	b.WriteString(`<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="D"><bpmn:process id="P">`)
	for i := range n {
		fmt.Fprintf(&b, `<bpmn:task id="Task_%04d"/>`, i)
	}
	b.WriteString(`</bpmn:process></bpmn:definitions>`)
	return decodeTestDiagram(t, b.String())
}

// A file with thousands of problems reports the first 100 of each rule by position and one
// "… and N more" line per rule, at most 1,000 in all, and still counts every problem.
func TestRunCapsDiagnosticsPerRuleAndFile(t *testing.T) {
	const tasks = 250
	in := &Input{File: "many.bpmn", Defs: unnamedTasks(t, tasks), Settings: Settings{Extends: All}}
	all := runRules(in, Rules())
	got := Run(in)

	perRule := map[string]int{}
	summaries := map[string]diag.Diagnostic{}
	for _, d := range got {
		if d.More > 0 {
			summaries[d.Rule] = d
			continue
		}
		perRule[d.Rule]++
	}
	if n := perRule["label-required"]; n != diag.DefaultLimits.PerRule {
		t.Errorf("label-required: %d diagnostics shown, want %d", n, diag.DefaultLimits.PerRule)
	}
	s, ok := summaries["label-required"]
	if !ok || s.More != tasks-diag.DefaultLimits.PerRule || !strings.HasPrefix(s.Message, "… and 150 more") {
		t.Fatalf("label-required summary = %+v", s)
	}
	var lastShown diag.Diagnostic // the 100th label-required, by position
	for _, d := range got {
		if d.Rule == "label-required" && d.More == 0 {
			lastShown = d
		}
	}
	if lastShown.Element != "Task_0099" || s.Range.Start != lastShown.Range.Start {
		t.Errorf("summary at %v after %s, want at the 100th task (Task_0099)", s.Range.Start, lastShown.Element)
	}
	if len(got)-len(summaries) > diag.DefaultLimits.PerFile {
		t.Errorf("%d diagnostics shown, more than %d", len(got)-len(summaries), diag.DefaultLimits.PerFile)
	}
	if got.Count(diag.Error) != all.Count(diag.Error) {
		t.Errorf("capped list counts %d errors, the full one %d", got.Count(diag.Error), all.Count(diag.Error))
	}
}

// A rule quoting a user value with %q cuts it: a 10,000-character id is not echoed whole.
func TestReportCutsLongQuotedValues(t *testing.T) {
	var out diag.List
	p := &Pass{Input: &Input{File: "f.yaml"}, rule: &Rule{ID: "r"}, sev: diag.Error, out: &out}
	p.Report(diag.Range{}, "unknown step %q in %s", strings.Repeat("a", 10_000), "next")
	p.ReportElement(nil, "element %q", strings.Repeat("b", 10_000))
	want := []string{
		`f.yaml: unknown step "` + strings.Repeat("a", 40) + `…" in next [r]`,
		`f.yaml: element "` + strings.Repeat("b", 40) + `…" [r]`,
	}
	for i, d := range out {
		if got := d.Error(); got != want[i] {
			t.Errorf("got  %.120s\nwant %s", got, want[i])
		}
	}
}
