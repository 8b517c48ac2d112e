package lint

import (
	"strings"
	"testing"

	"github.com/wfc-dev/wfc/diag"
	"github.com/wfc-dev/wfc/target"
	"github.com/wfc-dev/wfc/target/dataworks"
	"github.com/wfc-dev/wfc/workflow"
)

// TestEveryKindLints walks a step of every kind in workflow.Kinds (its example, between two
// steps, a later one reading the step's output) through every rule, on every target the kind
// runs on: no rule fails on the kind, and a reference to the output of a kind without one
// (the table's Output) is reported, and only then.
func TestEveryKindLints(t *testing.T) {
	for _, info := range workflow.Kinds {
		for _, on := range info.Targets {
			t.Run(info.Key+"/"+on, func(t *testing.T) {
				var in *Input
				if on == workflow.TargetSecMaster {
					in = secmasterKindInput(t, info)
				} else {
					in = dataworksKindInput(t, info)
				}
				var errors []string
				noOutput := false
				for _, d := range Run(in) {
					if d.Rule == wfUnknownReference.ID && strings.Contains(d.Message, `step "it" is a `+info.Key+` step and has no output`) {
						noOutput = true
						continue
					}
					if d.Severity == diag.Error {
						errors = append(errors, d.Rule+": "+d.Message)
					}
				}
				if noOutput == info.Output {
					t.Errorf("a reference to the output of a %s step: reported %v; the kind has an output: %v", info.Key, noOutput, info.Output)
				}
				if len(errors) > 0 {
					t.Errorf("errors on the %s example:\n%s", info.Key, strings.Join(errors, "\n"))
				}
			})
		}
	}
}

// kindSource is a workflow with the kind's example as step it, between before and after,
// which are steps of kind neighbour; tail are steps after those.
func kindSource(head string, info workflow.KindInfo, neighbour, tail string) string {
	example := strings.ReplaceAll(strings.ReplaceAll(info.Example, "next: end", "next: after"), "default: end", "default: after")
	return head + "  - {id: before, " + neighbour + "}\n  - id: it\n    " +
		strings.ReplaceAll(example, "\n", "\n    ") + "\n" +
		"  - {id: after, " + neighbour + "}\n" + tail + "inputs:\n  - {name: x}\n"
}

// secmasterKindInput compiles the kind's workflow for SecMaster; the step after reads it's
// output in its with.
func secmasterKindInput(t *testing.T, info workflow.KindInfo) *Input {
	src := kindSource(subsumeHead, info, "action: plugin/act", "")
	src = strings.Replace(src, "  - {id: after, action: plugin/act}", `  - {id: after, action: plugin/act, with: {v: "${steps.it.output}"}}`, 1)
	return compiledInput(t, src)
}

// dataworksKindInput is the kind's workflow for DataWorks, its neighbours run steps (and so
// the example's actions and waits). It compiles for DataWorks as it is; the input the rules
// read adds a switch reading it's output, which DataWorks refuses to compile (a node passes
// no output), so that unknown-reference is seen to know the kind has none.
func dataworksKindInput(t *testing.T, info workflow.KindInfo) *Input {
	const node = "run: {command: DIDE_SHELL, code: echo}"
	head := strings.Replace(subsumeHead, "wfc: 1\n", "wfc: 1\ntarget: dataworks\n", 1)
	example := info
	example.Example = strings.NewReplacer("action: plugin/act", node, "wait: 5s", node).Replace(info.Example)
	src := kindSource(head, example, node, "")
	if u := target.BuildFor("", "w.yaml", []byte(src), target.Options{}); u.Artifact == nil || u.Target.Name() != dataworks.Name {
		t.Fatalf("the %s example does not compile for DataWorks: %v", info.Key, u.Diags)
	}
	src = kindSource(head, example, node, "  - id: reads\n    switch:\n      - when: \"${steps.it.output == 'x'}\"\n        next: end\n    default: end\n")
	w, diags := workflow.Load("w.yaml", []byte(src))
	if w == nil || diags.HasErrors() {
		t.Fatalf("load: %v", diags)
	}
	prog, _ := workflow.Resolve(w)
	return &Input{File: "w.yaml", Source: []byte(src), Workflow: w, Program: prog, Settings: Settings{Extends: All}, Target: dataworks.Name}
}
