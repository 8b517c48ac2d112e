package jsonobj

import (
	"bytes"
	"encoding/json"
	"testing"
)

func TestMarshalKeepsOrder(t *testing.T) {
	o := Object{{"zeta", 1}, {"alpha", Object{{"y", "<b>"}, {"x", []any{true, nil}}}}, {"mid", "a&b"}}
	got, err := json.Marshal(o)
	if err != nil {
		t.Fatal(err)
	}
	// json.Marshal escapes <, > and & after MarshalJSON; the order is the slice's.
	want := `{"zeta":1,"alpha":{"y":"\u003cb\u003e","x":[true,null]},"mid":"a\u0026b"}`
	if string(got) != want {
		t.Errorf("Marshal = %s\nwant      %s", got, want)
	}
}

// Whether <, > and & are escaped is the outer encoder's choice: expressions stay readable.
func TestMarshalLeavesEscapingToCaller(t *testing.T) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(Object{{"when", "${a > 1 && b}"}}); err != nil {
		t.Fatal(err)
	}
	if want := `{"when":"${a > 1 && b}"}` + "\n"; b.String() != want {
		t.Errorf("Encode = %q, want %q", b.String(), want)
	}
}

func TestMarshalEmpty(t *testing.T) {
	for _, o := range []Object{nil, {}} {
		if got, err := json.Marshal(o); err != nil || string(got) != "{}" {
			t.Errorf("Marshal(%#v) = %s, %v; want {}", o, got, err)
		}
	}
}

func TestMarshalReportsBadValue(t *testing.T) {
	if _, err := json.Marshal(Object{{"f", func() {}}}); err == nil {
		t.Errorf("a value JSON cannot hold marshalled without error")
	}
}

func TestGet(t *testing.T) {
	o := Object{{"a", 1}, {"b", 2}, {"a", 3}}
	if v, ok := o.Get("a"); !ok || v != 1 {
		t.Errorf("Get(a) = %v, %v; want the first, 1", v, ok)
	}
	if _, ok := o.Get("c"); ok {
		t.Errorf("Get(c) found a missing key")
	}
}

// Strings are written in place when they need no escape; keys and values, at any depth, must
// come out exactly as encoding/json writes them either way.
func TestMarshalEscapesLikeEncodingJSON(t *testing.T) {
	for _, s := range []string{"plain", "", `quo"te`, `back\slash`, "ctl\x01\n\t", "é", "\u2028", "<&>", "\xff", "del\x7f"} {
		q, err := json.Marshal(s)
		if err != nil {
			t.Fatal(err)
		}
		got, err := json.Marshal(Object{{s, Object{{s, s}, {"n", []string{s}}}}})
		if err != nil {
			t.Fatal(err)
		}
		want := `{` + string(q) + `:{` + string(q) + `:` + string(q) + `,"n":[` + string(q) + `]}}`
		if string(got) != want {
			t.Errorf("Marshal of %q = %s\nwant %s", s, got, want)
		}
	}
}
