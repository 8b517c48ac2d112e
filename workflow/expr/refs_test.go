package expr

import (
	"fmt"
	"strings"
	"testing"
)

func renderRefs(refs []Ref) string {
	var out []string
	for _, r := range refs {
		out = append(out, fmt.Sprintf("%s[%s]%q@%d-%d", r.Root, strings.Join(r.Path, ","), r.Text, r.Start, r.End))
	}
	return strings.Join(out, " ")
}

func TestRefs(t *testing.T) {
	for _, c := range []struct{ src, want string }{
		{"${inputs.ip}", `inputs[ip]"inputs.ip"@2-11`},
		{"a ${workflow.name} b ${steps.x.output}", `workflow[name]"workflow.name"@4-17 steps[x,output]"steps.x.output"@23-37`},
		{"${steps.a.output.x.y == 'steps.b.output'}", `steps[a,output,x,y]"steps.a.output.x.y"@2-20`},
		{"${steps.a.output['risk level'].score}", `steps[a,output,risk level,score]"steps.a.output['risk level'].score"@2-36`},
		{`${inputs["ip"]}`, `inputs[ip]"inputs[\"ip\"]"@2-14`},
		// the path stops at a computed index, whose own references are listed after
		{"${steps.a.output[inputs.i].x}", `steps[a,output]"steps.a.output"@2-16 inputs[i]"inputs.i"@17-25`},
		{"${steps.a.output[0]}", `steps[a,output]"steps.a.output"@2-16`},
		// a method's name is not a field; arguments are walked
		{"${steps.a.output.list.size() > inputs.n}", `steps[a,output,list]"steps.a.output.list"@2-21 inputs[n]"inputs.n"@31-39`},
		{"${fn:len(inputs.xs) + f(steps.s.output)}", `inputs[xs]"inputs.xs"@9-18 steps[s,output]"steps.s.output"@24-38`},
		// not references
		{"${inputs}", ""},
		{"${x.inputs.a}", ""},
		{"${fn(x).inputs}", ""},
		{"${'inputs.a'}", ""},
		// every operator's operands are walked
		{"${!inputs.a ? -inputs.b : empty inputs.c}", `inputs[a]"inputs.a"@3-11 inputs[b]"inputs.b"@15-23 inputs[c]"inputs.c"@32-40`},
		// after an error the tree up to it still gives references
		{"${inputs.ip ==}", `inputs[ip]"inputs.ip"@2-11`},
		{"${inputs.open", `inputs[open]"inputs.open"@2-13`},
		{"${ steps . a . output }", `steps[a,output]"steps . a . output"@3-21`},
	} {
		tp, _ := ParseTemplate(c.src)
		if got := renderRefs(tp.Refs()); got != c.want {
			t.Errorf("refs of %q\n got %s\nwant %s", c.src, got, c.want)
		}
	}
}

// Each name of a reference's path is placed where it is written, so a diagnostic about one
// field can point at that field.
func TestRefSpans(t *testing.T) {
	for _, c := range []struct{ src, want string }{
		{"${steps.a.output.x}", "a output x"},
		{"${steps.a.output['risk level'].y}", "a output 'risk level' y"},
		{"${ steps . a . output . x }", "a output x"},
		{"${steps.a.output[0].x}", "a output"},
	} {
		tp, _ := ParseTemplate(c.src)
		refs := tp.Refs()
		if len(refs) != 1 || len(refs[0].Spans) != len(refs[0].Path) {
			t.Fatalf("%s: refs %+v, want one with a span per name", c.src, refs)
		}
		var got []string
		for _, sp := range refs[0].Spans {
			got = append(got, c.src[sp.Start:sp.End])
		}
		if strings.Join(got, " ") != c.want {
			t.Errorf("%s: names written %q, want %q", c.src, got, c.want)
		}
	}
}
