package jsonobj

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"
)

func TestRawMembersKeepOrderAndText(t *testing.T) {
	var got []string
	err := RawMembers([]byte(`{"z": 1, "a": {"b" : [1, 2]}, "m": "x"}`), func(k string, v json.RawMessage) {
		got = append(got, k+"="+string(v))
	})
	if want := `z=1 a={"b" : [1, 2]} m="x"`; err != nil || strings.Join(got, " ") != want {
		t.Errorf("RawMembers = %q, %v; want %q", got, err, want)
	}
	for _, bad := range []string{`[1]`, `"s"`, ``} {
		if err := RawMembers([]byte(bad), func(string, json.RawMessage) {}); !errors.Is(err, ErrNotObject) {
			t.Errorf("RawMembers(%q) = %v, want ErrNotObject", bad, err)
		}
	}
	if err := RawMembers([]byte(`{"a": `), func(string, json.RawMessage) {}); err == nil {
		t.Error("a truncated object is not an error")
	}
}
