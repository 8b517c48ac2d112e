package dataworks

import (
	"encoding/json"
	"strings"
	"testing"
)

func TestIDDecodesStringsAndIntegersDigitForDigit(t *testing.T) {
	var v struct{ A, B, C ID }
	// 6326476912390091234 is above 2^53: a float64 would round it to ...1232.
	if err := json.Unmarshal([]byte(`{"A":"6326476912390091234","B":6326476912390091234,"C":null}`), &v); err != nil {
		t.Fatal(err)
	}
	if v.A != "6326476912390091234" || v.B != "6326476912390091234" || v.C != "" {
		t.Errorf("decoded %+v", v)
	}
}

func TestIDRefusesFloats(t *testing.T) {
	for _, in := range []string{`6.326476912390091e18`, `12.0`, `true`, `{}`} {
		var id ID
		err := json.Unmarshal([]byte(in), &id)
		if err == nil {
			t.Errorf("%s decoded as %q, want an error", in, id)
			continue
		}
		if strings.HasPrefix(in, "6.") && !strings.Contains(err.Error(), "floating-point") {
			t.Errorf("%s: error %q does not say why", in, err)
		}
	}
}
