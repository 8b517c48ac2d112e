package expr

import (
	"fmt"
	"strings"
	"testing"
)

// lexAll renders the tokens of an expression body as kind:text@start-end.
func lexAll(src string) string {
	l := lexer{src: src}
	var out []string
	for {
		t := l.next()
		s := fmt.Sprintf("%s@%d-%d", t.text, t.start, t.end)
		switch t.kind {
		case tEOF:
			return strings.Join(out, " ")
		case tString:
			s = fmt.Sprintf("str(%s)@%d-%d", t.str, t.start, t.end)
		case tInt:
			s = "int:" + s
		case tFloat:
			s = "float:" + s
		case tIllegal:
			s = "ILLEGAL:" + s
		}
		out = append(out, s)
	}
}

func TestLex(t *testing.T) {
	for _, c := range []struct{ src, want string }{
		{"inputs.ip == 'x'", "inputs@0-6 .@6-7 ip@7-9 ==@10-12 str(x)@13-16"},
		{`a eq "b\"c" and not d`, `a@0-1 eq@2-4 str(b"c)@5-11 and@12-15 not@16-19 d@20-21`},
		{`'it\'s \\ ok'`, `str(it's \ ok)@0-13`},
		{"1 1.5 1. .5 1e3 1E-2 2e", "int:1@0-1 float:1.5@2-5 float:1.@6-8 float:.5@9-11 float:1e3@12-15 float:1E-2@16-20 int:2@21-22 e@22-23"},
		{"a<=b>=c!=d<e>f&&g||!h", "a@0-1 <=@1-3 b@3-4 >=@4-6 c@6-7 !=@7-9 d@9-10 <@10-11 e@11-12 >@12-13 f@13-14 &&@14-16 g@16-17 ||@17-19 !@19-20 h@20-21"},
		{"a?b:c[0](x,y)}", "a@0-1 ?@1-2 b@2-3 :@3-4 c@4-5 [@5-6 int:0@6-7 ]@7-8 (@8-9 x@9-10 ,@10-11 y@11-12 )@12-13 }@13-14"},
		{"$x _y 名字 a1", "$x@0-2 _y@3-5 名字@6-12 a1@13-15"},
		{"a === b <> c = d & e | f", "a@0-1 ILLEGAL:===@2-5 b@6-7 ILLEGAL:<>@8-10 c@11-12 ILLEGAL:=@13-14 d@15-16 ILLEGAL:&@17-18 e@19-20 ILLEGAL:|@21-22 f@23-24"},
		{"'open", "ILLEGAL:'open@0-5"},
		{"a @ b", "a@0-1 ILLEGAL:@@2-3 b@4-5"},
		// Java's whitespace: ideographic space and \v are skipped, a no-break space is not
		{"a\u3000==\vb", "a@0-1 ==@4-6 b@7-8"},
		{"a\u00a0b", "a@0-1 ILLEGAL:\u00a0@1-3 b@3-4"},
	} {
		if got := lexAll(c.src); got != c.want {
			t.Errorf("lex %q\n got %s\nwant %s", c.src, got, c.want)
		}
	}
}
