package expr

import (
	"strings"
	"testing"
)

func TestParseTree(t *testing.T) {
	for _, c := range []struct{ src, want string }{
		// literals
		{`'a'`, `'a'`}, {`"it's"`, `'it\'s'`}, {`42`, `42`}, {`1.5e3`, `1.5e3`},
		{`true`, `true`}, {`false`, `false`}, {`null`, `null`},
		// access
		{`inputs.ip`, `inputs.ip`},
		{`steps.a.output['x'].y`, `(. ([] steps.a.output 'x') y)`},
		{`a[b[0]]`, `([] a ([] b 0))`},
		{`(a).b`, `a.b`},
		// calls: functions, prefixed functions, methods
		{`fn(1)`, `(call fn 1)`}, {`ns:fn()`, `(call ns:fn)`}, {`a.b(c, 'd')`, `(call a.b c 'd')`},
		{`a['m'](1).x`, `(. (call ([] a 'm') 1) x)`}, {`'abc'.length()`, `(call (. 'abc' length))`},
		// precedence, EL 2.2 section 1.17
		{`a || b && c`, `(|| a (&& b c))`},
		{`a && b == c`, `(&& a (== b c))`},
		{`a == b < c`, `(== a (< b c))`},
		{`a < b + c`, `(< a (+ b c))`},
		{`a + b * c`, `(+ a (* b c))`},
		{`-a * b`, `(* (neg a) b)`},
		{`-a.b`, `(neg a.b)`},
		{`!a == b`, `(== (! a) b)`},
		{`empty a.b || c`, `(|| (empty a.b) c)`},
		{`not empty a`, `(! (empty a))`},
		{`a - b - c`, `(- (- a b) c)`},
		{`a / b div c mod d % e`, `(% (% (/ (/ a b) c) d) e)`},
		{`a ? b : c ? d : e`, `(? a b (? c d e))`},
		{`a || b ? c + 1 : d`, `(? (|| a b) (+ c 1) d)`},
		{`a ? b ? c : d : e`, `(? a (? b c d) e)`},
		{`(a + b) * c`, `(* (+ a b) c)`},
		// word operators parse like their symbols
		{`a eq b and c ne d or e lt f and g le h and i gt j and k ge l`,
			`(|| (&& (== a b) (!= c d)) (&& (&& (&& (< e f) (<= g h)) (> i j)) (>= k l)))`},
		// ns:fn( wins inside ?:, as in JUEL
		{`a ? b : c`, `(? a b c)`},
	} {
		n, err := ParseExpr(c.src)
		if err != nil {
			t.Errorf("ParseExpr(%q): %v", c.src, err)
			continue
		}
		if got := SExpr(n); got != c.want {
			t.Errorf("ParseExpr(%q)\n got %s\nwant %s", c.src, got, c.want)
		}
	}
}

// TestParseErrors pins every error: kind, offsets into the value and message.
func TestParseErrors(t *testing.T) {
	for _, c := range []struct {
		src        string
		kind       Kind
		start, end Pos
		msg        string
	}{
		{"${inputs.ip ==}", KindMissingOperand, 14, 15, "expected an operand after =="},
		{"${inputs.ip == }", KindMissingOperand, 15, 16, "expected an operand after =="},
		{"${a && || b}", KindMissingOperand, 7, 9, "expected an operand after &&, found ||"},
		{"${a and or b}", KindMissingOperand, 8, 10, "expected an operand after and, found or"},
		{"${!}", KindMissingOperand, 3, 4, "expected an operand after !"},
		{"${}", KindMissingOperand, 2, 3, "empty expression: write an expression between ${ and }"},
		{"${  }", KindMissingOperand, 4, 5, "empty expression: write an expression between ${ and }"},
		{"${== a}", KindMissingOperand, 2, 4, "expected an operand, found =="},
		{"x ${ inputs.ip", KindUnterminated, 2, 4, "unterminated ${: no } closes it; end the expression with }"},
		{"${inputs.ip ==", KindUnterminated, 0, 2, "unterminated ${: no } closes it; end the expression with }"},
		{"#{a", KindUnterminated, 0, 2, "unterminated #{: no } closes it; end the expression with }"},
		{"${a == 'x}", KindUnterminatedString, 7, 8, "unterminated string: no closing '; end the string with '"},
		{`${a == "x}`, KindUnterminatedString, 7, 8, `unterminated string: no closing "; end the string with "`},
		{`${'a\nb'}`, KindBadEscape, 4, 6, `invalid escape \n in a string: JUEL knows only \\ and \' here; write the character without the backslash`},
		{`${"a\'b"}`, KindBadEscape, 4, 6, `invalid escape \' in a string: JUEL knows only \\ and \" here; write the character without the backslash`},
		{"${a === b}", KindUnknownOperator, 4, 7, "unknown operator ===: compare with == (or eq)"},
		{"${a !== b}", KindUnknownOperator, 4, 7, "unknown operator !==: use != (or ne)"},
		{"${a <> b}", KindUnknownOperator, 4, 6, "unknown operator <>: use != (or ne)"},
		{"${a = b}", KindUnknownOperator, 4, 5, "unknown operator =: compare with == (or eq); expressions cannot assign"},
		{"${a & b}", KindUnknownOperator, 4, 5, "unknown operator &: use && (or and)"},
		{"${a &amp;&amp; b}", KindUnknownOperator, 4, 9, "unknown operator &amp;: an XML entity is not decoded in an expression; write & itself (&& or and)"},
		{"${a &lt; b}", KindUnknownOperator, 4, 8, "unknown operator &lt;: an XML entity is not decoded in an expression; write < itself (or lt)"},
		{"${a &gt; b}", KindUnknownOperator, 4, 8, "unknown operator &gt;: an XML entity is not decoded in an expression; write > itself (or gt)"},
		{"${a | b}", KindUnknownOperator, 4, 5, "unknown operator |: use || (or or)"},
		{"${a => b}", KindUnknownOperator, 4, 6, "unknown operator =>: use >= (or ge)"},
		{"${a += 'x'}", KindUnknownOperator, 4, 6, "unknown operator +=: += is EL 3.0 string concatenation, which the JUEL 2.2 in Flowable lacks; write the text around the expression instead, e.g. 'a-${x}'"},
		{"${a == = b}", KindUnknownOperator, 7, 8, "unknown operator =: compare with == (or eq); expressions cannot assign"},
		{"${a b}", KindUnexpected, 4, 5, "unexpected b after a; expected an operator or }"},
		{"${inputs.a inputs.b}", KindUnexpected, 11, 17, "unexpected inputs after inputs.a; expected an operator or }"},
		{"${(a}", KindUnexpected, 4, 5, "expected ) to close the (, found }"},
		{"${a[0}", KindUnexpected, 5, 6, "expected ] to close the [, found }"},
		{"${f(a}", KindUnexpected, 5, 6, "expected ) to close the (, found }"},
		{"${a ? b}", KindUnexpected, 7, 8, "expected : after the ? branch, found }; a conditional is c ? a : b"},
		{"${a.}", KindUnexpected, 4, 5, "expected a name after ., found }"},
		{"${a..b}", KindUnexpected, 4, 5, "expected a name after ., found '.'"},
		{"${a.1}", KindUnexpected, 3, 5, "unexpected .1 after a; expected an operator or }"},
		{"${a.empty}", KindReserved, 4, 9, "empty is a reserved word in JUEL and cannot follow .; write ['empty'] instead"},
		{"${a instanceof b}", KindUnexpected, 4, 14, "unexpected instanceof after a; expected an operator or }"},
		{"${instanceof}", KindReserved, 2, 12, "instanceof is reserved in JUEL and not supported"},
		{"${a @ b}", KindUnexpected, 4, 5, `unexpected character '@' in an expression`},
		{"${{a: 1}}", KindUnexpected, 2, 3, "unexpected { in an expression: JUEL 2.2 has no map or set literals"},
		{"${a == ${b}}", KindUnexpected, 7, 9, "unexpected ${ inside an expression: expressions do not nest; write the name directly, e.g. ${a == b} rather than ${a == ${b}}"},
		{"${a)}", KindUnexpected, 3, 4, "unexpected ) after a; expected an operator or }"},
		{"${99999999999999999999}", KindBadNumber, 2, 22, "integer 99999999999999999999 is too large for JUEL (a Java long); write it as a string or a float"},
		{"${a}#{b}", KindMixedDelimiters, 4, 6, "a value cannot mix ${...} and #{...} (JUEL refuses it); use ${...} throughout"},
	} {
		_, diags := ParseTemplate(c.src)
		if len(diags) != 1 {
			t.Errorf("ParseTemplate(%q): %d diagnostics %v, want 1", c.src, len(diags), diags)
			continue
		}
		d := diags[0]
		if d.Kind != c.kind || d.Start != c.start || d.End != c.end || d.Message != c.msg || d.Severity.String() != "error" {
			t.Errorf("ParseTemplate(%q)\n got %s %s %d-%d %q\nwant error %s %d-%d %q", c.src, d.Severity, d.Kind, d.Start, d.End, d.Message, c.kind, c.start, c.end, c.msg)
		}
	}
}

// TestParseExprErrors: a bare body ends at its end, not at a }.
func TestParseExprErrors(t *testing.T) {
	for _, c := range []struct {
		src        string
		start, end Pos
		msg        string
	}{
		{"a ==", 4, 4, "expected an operand after =="},
		{"", 0, 0, "empty expression"},
		{"  ", 2, 2, "empty expression"},
		{"a }", 2, 3, "unexpected } after a; expected an operator"},
		{"(a", 2, 2, "expected ) to close the (, found the end of the value"},
	} {
		_, err := ParseExpr(c.src)
		if err == nil || err.Start != c.start || err.End != c.end || err.Message != c.msg {
			t.Errorf("ParseExpr(%q) = %v, want %d-%d: %s", c.src, err, c.start, c.end, c.msg)
		}
	}
}

// TestFormat prints trees back with only the parentheses precedence needs.
func TestFormat(t *testing.T) {
	for _, c := range []struct{ src, want string }{
		{"a eq b and not c", "a == b && !c"},
		{"(a + b) * c", "(a + b) * c"},
		{"a + (b * c)", "a + b * c"},
		{"a - (b - c)", "a - (b - c)"},
		{"(a - b) - c", "a - b - c"},
		{"-(a.b)", "-a.b"},
		{"(-a).b", "(-a).b"},
		{"(a ? b : c) ? d : e", "(a ? b : c) ? d : e"},
		{"a ? b : (c ? d : e)", "a ? b : c ? d : e"},
		{"a ? (b ? c : d) : e", "a ? b ? c : d : e"},
		{"(a || b) && c", "(a || b) && c"},
		{"empty (a || b)", "empty (a || b)"},
		{"- - 1", "--1"},
		{"(1).x", "(1).x"},
		{"ns:f(a, (b)) [0]", "ns:f(a, b)[0]"},
		{`"it's"`, `'it\'s'`},
	} {
		n, err := ParseExpr(c.src)
		if err != nil {
			t.Fatalf("ParseExpr(%q): %v", c.src, err)
		}
		got := Format(n)
		if got != c.want {
			t.Errorf("Format(%s) = %s, want %s", c.src, got, c.want)
		}
		if again, err := ParseExpr(got); err != nil || SExpr(again) != SExpr(n) {
			t.Errorf("Format(%s) = %s does not parse back to %s", c.src, got, SExpr(n))
		}
	}
}

func TestInspect(t *testing.T) {
	n, err := ParseExpr("a + f(b)[c].d ? e : -g")
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	Inspect(n, func(n Node) bool {
		if id, ok := n.(*Ident); ok {
			names = append(names, id.Name)
		}
		_, isCall := n.(*Call)
		return !isCall // do not look inside calls
	})
	if got := strings.Join(names, " "); got != "a c e g" {
		t.Errorf("Inspect visited %s, want a c e g (source order, f(b) pruned)", got)
	}
}
