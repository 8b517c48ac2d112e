package lint

import (
	"fmt"
	"strings"
	"testing"

	"github.com/wfc-dev/wfc/internal/wanttest"
	"github.com/wfc-dev/wfc/workflow"
)

// caretWorkflow has the mistakes of issue 12 in differently quoted scalars, after
// characters that shift columns: a tab escape, a doubled quote, Chinese text.
const caretWorkflow = `wfc: 1
name: x
description: ""
inputs:
  - name: ip
  - name: n
    type: number
steps:
  - id: block
    action: p/a
    with:
      a: "${inputs.ip ==}"
      b: '  ${ inputs.ip'
      c: $inputs.ip
      d: "\t${inputs.ip === 'x'}"
      e: 'it''s ${inputs.ip <> 1}'
      f: 封禁 ${inputs.n == 'high'} 和 $inputs.ip
`

// TestExpressionDiagnosticsPointAtTheToken: each expression diagnostic starts at the
// token that is wrong, in the file, whatever the quoting before it.
func TestExpressionDiagnosticsPointAtTheToken(t *testing.T) {
	w, diags := workflow.Load("c.yaml", []byte(caretWorkflow))
	if w == nil || len(diags) > 0 {
		t.Fatalf("Load: %v", diags)
	}
	in := &Input{File: "c.yaml", Source: []byte(caretWorkflow), Workflow: w, Settings: Settings{Extends: All}}
	lines := strings.Split(caretWorkflow, "\n")
	var got []string
	for _, d := range runRules(in, []*Rule{wfExpressionSyntax, wfForgottenBrace, wfExpressionType}) {
		line := []rune(lines[d.Range.Start.Line-1])
		from, to := d.Range.Start.Column-1, len(line)
		if d.Range.End.Line == d.Range.Start.Line {
			to = d.Range.End.Column - 1
		}
		got = append(got, fmt.Sprintf("%d:%d %s %q", d.Range.Start.Line, d.Range.Start.Column, d.Rule, string(line[from:to])))
	}
	want := []string{
		`12:25 expression-syntax "}"`,
		`13:13 expression-syntax "${"`,
		`14:10 forgotten-brace "$inputs.ip"`,
		`15:25 expression-syntax "==="`,
		`16:29 expression-syntax "<>"`,
		`17:15 expression-type "inputs.n == 'high'"`,
		`17:37 forgotten-brace "$inputs.ip"`,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("diagnostics at:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// TestBrokenExpressionOneDiagnostic: with every workflow rule on, each broken expression
// in expression-syntax/bad.yaml gets the one diagnostic its # want names, and no other rule
// (unknown-reference, constant-when, ...) reports on it as well.
func TestBrokenExpressionOneDiagnostic(t *testing.T) {
	file := workflowTestdata + "/expression-syntax/bad.yaml"
	w, src := loadTestWorkflow(t, file)
	wants := wanttest.Parse(t, src)
	got := runRules(&Input{File: file, Source: src, Workflow: w, Settings: Settings{Extends: All}}, workflowRules)
	for _, d := range got {
		if d.Rule != wfExpressionSyntax.ID {
			t.Errorf("another rule reports too: %s", d.Error())
		}
	}
	if len(got) != len(wants) {
		t.Errorf("%d diagnostics for %d mistakes", len(got), len(wants))
	}
}
