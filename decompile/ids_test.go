package decompile

import (
	"strings"
	"testing"
)

// TestStepIDFrom: ids made from labels are readable, valid and bounded.
func TestStepIDFrom(t *testing.T) {
	for label, want := range map[string]string{
		"Block the IP!":             "block_the_ip",
		"查询威胁情报 (ThreatBook)":       "threatbook",
		"2nd check":                 "nd_check",
		"  Notify -- SOC  ":         "notify_soc",
		"封禁":                        "",
		"":                          "",
		"Is the IP malicious?":      "is_the_ip_malicious",
		strings.Repeat("word ", 30): strings.TrimSuffix(strings.Repeat("word_", 8), "_"),
	} {
		got := StepIDFrom(label)
		if got != want {
			t.Errorf("StepIDFrom(%q) = %q, want %q", label, got, want)
		}
		if got != "" && !ValidStepID(got) {
			t.Errorf("StepIDFrom(%q) = %q, which the schema refuses", label, got)
		}
	}
}

// TestIDsTakeIsUnique: a taken id gets a numbered suffix, and end is never handed out.
func TestIDsTakeIsUnique(t *testing.T) {
	ids := IDs{}
	got := []string{ids.Take("check"), ids.Take("check"), ids.Take("check"), ids.Take("end")}
	want := []string{"check", "check_2", "check_3", "end_2"}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("Take #%d = %q, want %q", i+1, got[i], want[i])
		}
	}
}

// TestDuration writes seconds in the language's largest units first.
func TestDuration(t *testing.T) {
	for seconds, want := range map[int64]string{0: "0s", 30: "30s", 90: "1m30s", 3600: "1h", 86400: "1d", 216000: "2d12h", 88230: "1d30m30s"} {
		if got := Duration(seconds); got != want {
			t.Errorf("Duration(%d) = %q, want %q", seconds, got, want)
		}
	}
}
