package expr_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/wfc-dev/wfc/workflow"
	"github.com/wfc-dev/wfc/workflow/expr"
)

// positionWorkflow has the three mistakes of issue 12 in differently quoted scalars.
const positionWorkflow = `wfc: 1
name: x
description: ""
inputs:
  - name: ip
    type: string
steps:
  - id: block
    action: p/a
    with:
      a: "${inputs.ip ==}"
      b: '  ${ inputs.ip'
      c: $inputs.ip
      d: "\t${inputs.ip === 'x'}"
`

// TestOffsetsMapToFilePositions shows the conversion a caller makes: the value's byte
// offsets through workflow.String.Span give the line and column of the bad token.
func TestOffsetsMapToFilePositions(t *testing.T) {
	w, diags := workflow.Load("p.yaml", []byte(positionWorkflow))
	if w == nil || len(diags) > 0 {
		t.Fatalf("Load: %v", diags)
	}
	var got []string
	for _, site := range w.Sites() {
		_, ds := expr.ParseTemplate(site.Value)
		for _, d := range ds {
			r := site.Span(int(d.Start), int(d.End))
			got = append(got, fmt.Sprintf("%s %v-%v %s: %s", site.Field, r.Start, r.End, d.Severity, d.Message))
		}
	}
	want := []string{
		"with.a 11:25-11:26 error: expected an operand after ==",
		"with.b 12:13-12:15 error: unterminated ${: no } closes it; end the expression with }",
		"with.c 13:10-13:20 warning: $inputs.ip is literal text, not a reference; did you mean ${inputs.ip}?",
		"with.d 14:25-14:28 error: unknown operator ===: compare with == (or eq)",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("positions:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}
