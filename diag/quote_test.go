package diag

import (
	"strings"
	"testing"
)

// A 10,000-character id quoted in a message is cut to 40 characters; text wfc wrote itself
// (%s) and other values print whole.
func TestMessagesCutLongQuotedValues(t *testing.T) {
	id := strings.Repeat("a", 10_000)
	d := Errorf(Range{File: "f"}, "compile", "duplicate step id %q; list: %s; n=%d, %v", id, "x, y", 3, "whole")
	want := `f: duplicate step id "` + strings.Repeat("a", MaxQuoted) + `…"; list: x, y; n=3, whole [compile]`
	if got := d.Error(); got != want {
		t.Errorf("got  %.200s\nwant %s", got, want)
	}
	if got := Warningf(Range{}, "r", "%q and %q", "封禁恶意IP", strings.Repeat("封", 50)).Message; got != `"封禁恶意IP" and "`+strings.Repeat("封", 40)+`…"` {
		t.Errorf("multi-byte values: got %s", got)
	}
	if got := Sprintf("%10s|%-4q|%#q", "ab", "c", "d"); got != `        ab|"c" |`+"`d`" {
		t.Errorf("flags and width: got %s", got)
	}
}

func TestShortenKeepsShortValues(t *testing.T) {
	for _, s := range []string{"", "step_1", strings.Repeat("x", MaxQuoted), strings.Repeat("é", MaxQuoted)} {
		if got := Shorten(s); got != s {
			t.Errorf("Shorten(%q) = %q", s, got)
		}
	}
}

func TestSize(t *testing.T) {
	for n, want := range map[int64]string{
		0: "0 bytes", 1023: "1023 bytes", 1024: "1 KiB", 8 << 20: "8 MiB",
		50_000_000: "47.7 MiB", 64 << 20: "64 MiB", 3 << 30: "3 GiB",
	} {
		if got := Size(n); got != want {
			t.Errorf("Size(%d) = %q, want %q", n, got, want)
		}
	}
}

// The element id printed when a diagnostic has no position is cut like a quoted value.
func TestErrorCutsLongElementID(t *testing.T) {
	d := Diagnostic{Severity: Error, Rule: "r", Message: "m", Range: Range{File: "a.json"}, Element: strings.Repeat("T", 500)}
	if got, want := d.Error(), "a.json: m (element "+strings.Repeat("T", MaxQuoted)+"…) [r]"; got != want {
		t.Errorf("got %.100s\nwant %s", got, want)
	}
}
