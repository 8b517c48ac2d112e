package expr

import (
	"fmt"
	"strings"
	"testing"
)

// parts renders a template's parts: "text" or ${sexpr} / #{sexpr}, with offsets.
func parts(t *Template) string {
	var out []string
	for _, p := range t.Parts {
		switch {
		case !p.IsExpr():
			out = append(out, fmt.Sprintf("%q@%d-%d", p.Text, p.Start, p.End))
		case p.Deferred:
			out = append(out, fmt.Sprintf("#{%s}@%d-%d", SExpr(p.Expr), p.Start, p.End))
		default:
			out = append(out, fmt.Sprintf("${%s}@%d-%d", SExpr(p.Expr), p.Start, p.End))
		}
		if p.IsExpr() && !p.Closed {
			out[len(out)-1] += "!"
		}
	}
	return strings.Join(out, " ")
}

func TestTemplateParts(t *testing.T) {
	for _, c := range []struct{ src, want string }{
		{"", ""},
		{"plain", `"plain"@0-5`},
		{"${a}", "${a}@0-4"},
		{"ip=${inputs.ip} at ${x}!", `"ip="@0-3 ${inputs.ip}@3-15 " at "@15-19 ${x}@19-23 "!"@23-24`},
		{"#{a == 'b}'}", "#{(== a 'b}')}@0-12"},
		{`cost \${a} $5 #x \q`, `"cost ${a} $5 #x \\q"@0-19`},
		// as JUEL's scanner: the backslash just before ${ escapes it, any other stays
		{`\\${a}`, `"\\${a}"@0-6`},
		{"${a}}", `${a}@0-4 "}"@4-5`},
		{"${a", "${a}@0-3!"},
		{"${a == }tail", `${(== a (bad))}@0-8 "tail"@8-12`},
	} {
		tp, _ := ParseTemplate(c.src)
		if got := parts(tp); got != c.want {
			t.Errorf("ParseTemplate(%q)\n got %s\nwant %s", c.src, got, c.want)
		}
	}
}

func TestForgottenBrace(t *testing.T) {
	for _, c := range []struct {
		src  string
		want string // "start-end message", or "" for no finding
	}{
		{"$inputs.ip", "0-10 $inputs.ip is literal text, not a reference; did you mean ${inputs.ip}?"},
		{"host=$steps.scan.output.host;", "5-28 $steps.scan.output.host is literal text, not a reference; did you mean ${steps.scan.output.host}?"},
		{"by $workflow.name.", "3-17 $workflow.name is literal text, not a reference; did you mean ${workflow.name}?"},
		{"echo $HOME $1 $inputs $inputs. $steps.-x", ""},
		{`\$inputs.ip`, ""},
		{"${inputs.ip}", ""},
	} {
		_, diags := ParseTemplate(c.src)
		var got []string
		for _, d := range diags {
			if d.Kind != KindForgottenBrace || d.Severity.String() != "warning" {
				t.Errorf("ParseTemplate(%q): unexpected %s %s", c.src, d.Severity, d.Message)
				continue
			}
			got = append(got, fmt.Sprintf("%d-%d %s", d.Start, d.End, d.Message))
		}
		if strings.Join(got, "\n") != c.want {
			t.Errorf("ParseTemplate(%q)\n got %q\nwant %q", c.src, got, c.want)
		}
	}
}

func TestSingle(t *testing.T) {
	for src, want := range map[string]bool{
		"${a == b}": true, "#{a}": true, " ${a}": false, "${a} ${b}": false, "${a": false, "x": false, "": false,
	} {
		tp, _ := ParseTemplate(src)
		if _, got := tp.Single(); got != want {
			t.Errorf("Single(%q) = %v, want %v", src, got, want)
		}
	}
}

func TestDepthIsBounded(t *testing.T) {
	for name, body := range map[string]string{
		"parens":  strings.Repeat("(", MaxDepth+1) + "a" + strings.Repeat(")", MaxDepth+1),
		"unary":   strings.Repeat("!", MaxDepth+1) + "a",
		"sum":     "a" + strings.Repeat("+a", MaxDepth+1),
		"members": "a" + strings.Repeat(".b", MaxDepth+1),
		"cond":    strings.Repeat("a ? b : ", MaxDepth+1) + "c",
		"index":   strings.Repeat("a[", MaxDepth+1) + "0" + strings.Repeat("]", MaxDepth+1),
	} {
		_, diags := ParseTemplate("${" + body + "}")
		if len(diags) != 1 || diags[0].Kind != KindTooDeep {
			t.Errorf("%s: diagnostics %v, want one %s", name, diags, KindTooDeep)
			continue
		}
		if want := fmt.Sprintf("expression nested deeper than %d levels; split it into simpler steps", MaxDepth); diags[0].Message != want {
			t.Errorf("%s: message %q", name, diags[0].Message)
		}
	}
	// Just under the bound parses.
	ok := strings.Repeat("(", MaxDepth-2) + "a" + strings.Repeat(")", MaxDepth-2)
	if _, diags := ParseTemplate("${" + ok + "}"); len(diags) != 0 {
		t.Errorf("%d nested parentheses: %v", MaxDepth-2, diags)
	}
	// Depth is given back after each group: siblings do not add up.
	half := strings.Repeat("(", MaxDepth/2) + "a" + strings.Repeat(")", MaxDepth/2)
	siblings := "f(" + strings.Repeat(half+", ", 10) + "x[" + half + "][" + half + "])"
	if _, diags := ParseTemplate("${" + siblings + "}"); len(diags) != 0 {
		t.Errorf("ten groups %d deep side by side: %v", MaxDepth/2, diags)
	}
}
