package lint

import (
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/wfc-dev/wfc/diag"
	"github.com/wfc-dev/wfc/target/secmaster"
	"github.com/wfc-dev/wfc/workflow"
)

// compiledInput loads and compiles a YAML workflow, as driver.File does before linting it.
func compiledInput(t *testing.T, src string) *Input {
	t.Helper()
	w, diags := workflow.Load("w.yaml", []byte(src))
	if w == nil || diags.HasErrors() {
		t.Fatalf("load: %v", diags)
	}
	res, cd := secmaster.Compile(w, secmaster.Options{ModelOnly: true})
	if res == nil || cd.HasErrors() {
		t.Fatalf("compile: %v", cd)
	}
	return &Input{File: "w.yaml", Source: []byte(src), Workflow: w, Defs: res.Defs, Settings: Settings{Extends: All}}
}

const subsumeHead = "wfc: 1\nname: t\ndescription: \"\"\nsteps:\n"

// Each mistake in the control flow gets one diagnostic, from the workflow rule that
// explains it, and not also bpmnlint's no-implicit-start or no-disconnected on the compiled
// step or on the end event nothing reaches any more.
func TestOneMistakeOneDiagnostic(t *testing.T) {
	cases := []struct {
		name, steps string
		want        []string // "line rule", in order
	}{
		{"unreachable step", `
  - id: a
    action: p/a
    next: end
  - id: skipped
    action: p/a
`, []string{"8 unreachable-step"}},
		{"unreachable parallel step", `
  - id: a
    action: p/a
    next: end
  - id: fan
    parallel:
      - steps:
          - id: one
            action: p/a
      - steps:
          - id: two
            action: p/a
`, []string{"8 unreachable-step"}},
		{"loop without exit", `
  - id: spin
    action: p/a
    next: spin
`, []string{"5 loop-without-exit"}},
		{"dead-end step: its only ways lead into a loop without exit", `
  - id: a
    action: p/a
    on_error: b
    next: a
  - id: b
    action: p/a
    next: b
`, []string{"5 no-path-to-end", "9 loop-without-exit"}}, // one per step: a is doomed, b loops
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			in := compiledInput(t, subsumeHead+strings.TrimPrefix(c.steps, "\n"))
			var got []string
			for _, d := range Run(in) {
				got = append(got, strconv.Itoa(d.Range.Start.Line)+" "+d.Rule)
			}
			if !slices.Equal(got, c.want) {
				t.Errorf("got %q, want %q", got, c.want)
			}
		})
	}
}

// The same compiled diagram linted as a BPMN file, with no YAML to say what the mistake was,
// keeps bpmnlint's diagnostics; and with the workflow rule turned off, the BPMN one is the
// only one left and is kept.
func TestSubsumedOnlyWhenTheWorkflowRuleReports(t *testing.T) {
	src := subsumeHead + "  - id: spin\n    action: p/a\n    next: spin\n"
	rulesOf := func(l diag.List) []string {
		var ids []string
		for _, d := range l {
			ids = append(ids, d.Rule)
		}
		slices.Sort(ids)
		return slices.Compact(ids)
	}

	in := compiledInput(t, src)
	in.Workflow, in.Source = nil, nil
	if got, want := rulesOf(Run(in)), []string{"no-disconnected", "no-implicit-start"}; !slices.Equal(got, want) {
		t.Errorf("as a BPMN file: rules %q, want %q", got, want)
	}

	in = compiledInput(t, src)
	in.Settings.Rules = map[string]diag.Severity{"loop-without-exit": Off}
	if got, want := rulesOf(Run(in)), []string{"no-disconnected", "no-implicit-start"}; !slices.Equal(got, want) {
		t.Errorf("loop-without-exit off: rules %q, want %q", got, want)
	}
}

// Suppressing the workflow diagnostic silences the mistake: the BPMN diagnostics it stood
// for do not come back.
func TestSuppressedWorkflowDiagnosticStillSubsumes(t *testing.T) {
	in := compiledInput(t, subsumeHead+
		"  - id: a\n    action: p/a\n    next: end\n"+
		"  # wfc-disable-next-line unreachable-step\n"+
		"  - id: spare\n    action: p/a\n")
	if got := Run(in); len(got) != 0 {
		t.Errorf("want nothing, got %v", got)
	}
}

// Subsumes is declared on workflow rules and names BPMN rules, each once.
func TestSubsumesNamesBPMNRules(t *testing.T) {
	for _, r := range Rules() {
		if len(r.Subsumes) > 0 && r.Scope != ScopeWorkflow {
			t.Errorf("%s: only workflow rules subsume BPMN rules", r.ID)
		}
		for i, id := range r.Subsumes {
			if b := Lookup(id); b == nil || b.Scope != ScopeBPMN {
				t.Errorf("%s subsumes %q, which is not a BPMN rule", r.ID, id)
			}
			if slices.Contains(r.Subsumes[:i], id) {
				t.Errorf("%s lists %s twice", r.ID, id)
			}
		}
	}
}
