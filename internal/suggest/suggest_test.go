package suggest

import (
	"strings"
	"testing"
)

func TestDistance(t *testing.T) {
	for _, c := range []struct {
		a, b string
		want int
	}{
		{"", "", 0},
		{"", "abc", 3},
		{"abc", "", 3},
		{"fetch", "fetch", 0},
		{"fetch", "fecth", 1}, // one swap
		{"ned", "end", 1},     // one swap
		{"aciton", "action", 1},
		{"kitten", "sitting", 3},
		{"ca", "abc", 3}, // optimal string alignment: a swapped pair is not edited again
		{"größe", "grösse", 2},
	} {
		if got := Distance(c.a, c.b); got != c.want {
			t.Errorf("Distance(%q, %q) = %d, want %d", c.a, c.b, got, c.want)
		}
		if got := Distance(c.b, c.a); got != c.want {
			t.Errorf("Distance(%q, %q) = %d, want %d (not symmetric)", c.b, c.a, got, c.want)
		}
	}
}

func TestClosest(t *testing.T) {
	steps := []string{"fetch", "enrich", "notify_owner", "close", "end"}
	for _, c := range []struct {
		word   string
		want   string
		wantOK bool
	}{
		{"ned", "end", true},                  // swap, within max(1, 3/3)
		{"fecth", "fetch", true},              // swap
		{"FETCH", "fetch", true},              // case is ignored, but the exact word is not offered
		{"notfy_owner", "notify_owner", true}, // one deletion
		{"notfy_ownr", "notify_owner", true},  // two edits in ten characters
		{"ntfy_onr", "", false},               // four edits in eight characters is too many
		{"noti", "notify_owner", true},        // prefix of three or more
		{"en", "end", true},                   // one edit, even when short
		{"x", "", false},                      // one edit away from nothing here
		{"fetch", "", false},                  // the word itself is no suggestion
		{"", "", false},
		{strings.Repeat("a", MaxLen+1), "", false},
	} {
		got, ok := Closest(c.word, steps)
		if got != c.want || ok != c.wantOK {
			t.Errorf("Closest(%q) = %q, %v; want %q, %v", c.word, got, ok, c.want, c.wantOK)
		}
	}
}

// Ties go to the earlier candidate, so the answer never depends on map order.
func TestClosestTieGoesToEarlier(t *testing.T) {
	if got, _ := Closest("cat", []string{"bat", "cab", "hat"}); got != "bat" {
		t.Errorf("Closest = %q, want the first of the equally near candidates", got)
	}
	if got, _ := Closest("cat", []string{"hat", "cab", "bat"}); got != "hat" {
		t.Errorf("Closest = %q, want the first of the equally near candidates", got)
	}
}

func TestHint(t *testing.T) {
	if got := Hint("ned", []string{"start", "end"}); got != `; did you mean "end"?` {
		t.Errorf("Hint = %q", got)
	}
	if got := Hint("zzz", []string{"start", "end"}); got != "" {
		t.Errorf("Hint with no near candidate = %q, want empty", got)
	}
}

// A long hostile word against many candidates is rejected before any quadratic work.
func TestClosestBoundsWork(t *testing.T) {
	word := strings.Repeat("x", 1<<20)
	allocs := testing.AllocsPerRun(5, func() { Closest(word, []string{word}) })
	if allocs > 1 {
		t.Errorf("Closest on a 1 MiB word allocated %v times; want it rejected up front", allocs)
	}
}

// The cases the three former copies (compiler, config, schema) tested, each with its own
// candidates, all still hold under the one rule.
func TestClosestFormerCopiesCases(t *testing.T) {
	for _, g := range []struct {
		candidates []string
		cases      map[string]string
	}{
		{[]string{"enrich", "decide", "block", "close", "approve"}, map[string]string{ // step ids
			"blok": "block", "clos": "close", "aprove": "approve", "enrichh": "enrich",
			"x": "", "nowhere_at_all": "", "notfy": "",
		}},
		{[]string{"action", "approval", "description", "steps", "timeout"}, map[string]string{ // schema keys
			"acton": "action", "aciton": "action", "step": "steps", "descripton": "description",
			"timout": "timeout", "frobnicate": "", "x": "", "action": "",
		}},
		{[]string{"lint", "targets", "workflows", "default_target"}, map[string]string{ // config keys
			"targts": "targets", "Lint": "lint", "workflow": "workflows",
			"defaulttarget": "default_target", "zz": "", strings.Repeat("a", 1000): "",
		}},
	} {
		for word, want := range g.cases {
			got, ok := Closest(word, g.candidates)
			if got != want || ok != (want != "") {
				t.Errorf("Closest(%.20q, %q) = %q, %v; want %q", word, g.candidates, got, ok, want)
			}
		}
	}
}
