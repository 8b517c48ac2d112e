package schema

import (
	"strings"
	"testing"
)

// A large document without aliases is not an alias bomb: only values reached through an
// alias count towards the 100,000 limit (a workflow of 20,000 steps has more values).
func TestValidatePlainValuesAreNotAliases(t *testing.T) {
	src := head + "steps: [{id: a, wait: 1}]\nlots: [" + strings.Repeat("1, ", 120_000) + "1]\n"
	got := validateYAML(t, src)
	if strings.Contains(got, "aliases") {
		t.Errorf("120,000 values without an alias: %s", got)
	}
}

// A long unknown key is quoted cut.
func TestValidateCutsLongKeys(t *testing.T) {
	key := strings.Repeat("k", 500)
	got := validateYAML(t, head+"steps: [{id: a, wait: 1, "+key+": 1}]\n")
	short := strings.Repeat("k", 40) + "…"
	if !strings.Contains(got, `unknown key "`+short+`"`) || strings.Contains(got, short+"k") {
		t.Errorf("got %s", got)
	}
}
