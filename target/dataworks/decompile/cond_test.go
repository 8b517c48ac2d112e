package decompile

import "testing"

// TestPyToWfc: branch conditions as people write them in the console read back into wfc
// expressions with Python's precedence kept (not binds looser than ==, and tighter than
// and), inputs typed by how the condition reads them; what has no wfc form is an error.
func TestPyToWfc(t *testing.T) {
	types := map[string]string{"a": "number", "s": "string", "b": "boolean"}
	for cond, want := range map[string]string{
		"${a} == 1":                                "${inputs.a == 1}",
		"not ${a} == 1":                            "${!(inputs.a == 1)}",
		"not ${a} == 1 and '${s}' != 'x'":          "${!(inputs.a == 1) && inputs.s != 'x'}",
		"(${a} + 1) * 2 > 3 or ('${b}' == 'true')": "${(inputs.a + 1) * 2 > 3 || inputs.b}",
		"'hi' if ${a} > -1 else 'lo'":              "${inputs.a > -1 ? 'hi' : 'lo'}",
		"${a} - (1 - 2) == 1.5":                    "${inputs.a - (1 - 2) == 1.5}",
		"'it\\'s' == '${s}' and True":              "${'it\\'s' == inputs.s && true}",
	} {
		got, err := pyToWfc(cond, types)
		if err != nil || got != want {
			t.Errorf("pyToWfc(%q) = %q, %v; want %q", cond, got, err, want)
		}
	}
	for _, bad := range []string{"a == 1", "${a} < ${a} < 3", "'x${s}' == 'y'", "${a} ==", "len(${s}) > 1", "(${a} == 1"} {
		if got, err := pyToWfc(bad, types); err == nil {
			t.Errorf("pyToWfc(%q) = %q, want an error", bad, got)
		}
	}
	got := map[string]string{}
	refTypes([]string{"${n} > 1", "('${f}' == 'true')", "'${s}' == 'x'", "('${m}' == 'true') and '${m}' == 'y'"}, got)
	want := map[string]string{"n": "number", "f": "boolean", "s": "string", "m": "string"}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("type of %s = %q, want %q", k, got[k], v)
		}
	}
}
