package expr

import (
	"strings"
	"testing"
)

var fuzzSeeds = []string{
	"", "plain", "${inputs.ip}", "a ${x} b #{y}", "${inputs.ip ==}", "${ inputs.ip", "$inputs.ip",
	"${steps.a.output['x'].y[0] > 1 ? 'a' : \"b\"}", "${fn:f(1, 'a\\'b') + a.b(c)[d]}",
	"${-a * !b / empty c div 2 mod 3 % 4 - 1.5e3}", "${a === b}", "${'abc", "${a.empty}",
	"${a eq b and c ne d or not e lt f}", `\${a} ${b}}`, "${((a))}", "${名字.x}", "${a ${b}}",
}

// FuzzParseTemplate: parsing never panics; the parts tile the value; every node, reference
// and diagnostic lies inside it; and a value without errors prints back (Format) to source
// that parses to the same tree.
func FuzzParseTemplate(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, v string) {
		tp, diags := ParseTemplate(v)
		var at Pos
		for _, p := range tp.Parts {
			if p.Start != at || p.End < p.Start || int(p.End) > len(v) {
				t.Fatalf("%q: part %d-%d does not follow %d", v, p.Start, p.End, at)
			}
			at = p.End
			if p.IsExpr() {
				checkSpans(t, v, p.Expr, p.Start, p.End)
				Eval(p.Expr)
			}
		}
		if int(at) != len(v) {
			t.Fatalf("%q: parts end at %d of %d", v, at, len(v))
		}
		errs := 0
		for _, d := range diags {
			if d.Message == "" || d.Kind == "" || d.Severity == 0 || d.Start > d.End || d.Start < 0 || int(d.End) > len(v) {
				t.Fatalf("%q: bad diagnostic %#v", v, d)
			}
			if d.Severity.String() == "error" {
				errs++
			}
		}
		for _, r := range tp.Refs() {
			if v[r.Start:r.End] != r.Text {
				t.Fatalf("%q: ref %q at %d-%d", v, r.Text, r.Start, r.End)
			}
		}
		tp.Check(map[string]Type{"a": TypeNumber, "b": TypeBoolean, "s": TypeString, "o": TypeObject})
		if errs > 0 {
			return
		}
		for _, p := range tp.Parts {
			if !p.IsExpr() {
				continue
			}
			src := Format(p.Expr)
			again, err := ParseExpr(src)
			if err != nil {
				t.Fatalf("%q: Format gave %q, which does not parse: %v", v, src, err)
			}
			if SExpr(again) != SExpr(p.Expr) {
				t.Fatalf("%q: round trip through %q\n got %s\nwant %s", v, src, SExpr(again), SExpr(p.Expr))
			}
		}
	})
}

// checkSpans checks that every node of n lies in [lo, hi] with start <= end.
func checkSpans(t *testing.T, v string, n Node, lo, hi Pos) {
	t.Helper()
	Inspect(n, func(n Node) bool {
		s, e := n.Span()
		if s > e || s < lo || e > hi {
			t.Fatalf("%q: %s spans %d-%d outside %d-%d", v, SExpr(n), s, e, lo, hi)
		}
		return true
	})
}

// TestParseIsLinear compares allocation counts, not time: ten times the input may cost
// about ten times the allocations, never a hundred.
func TestParseIsLinear(t *testing.T) {
	for name, unit := range map[string]string{
		"parts":        "x ${steps.a.output['k'].v == inputs.b && !empty c} ",
		"unterminated": "${ ${ '",
		"braces":       "$inputs.a $steps.b.c ",
	} {
		small, large := strings.Repeat(unit, 100), strings.Repeat(unit, 1000)
		a := testing.AllocsPerRun(5, func() { ParseTemplate(small) })
		b := testing.AllocsPerRun(5, func() { ParseTemplate(large) })
		if b > 12*a+20 {
			t.Errorf("%s: %v allocations for %d bytes, %v for %d bytes: not linear", name, a, len(small), b, len(large))
		}
	}
}
