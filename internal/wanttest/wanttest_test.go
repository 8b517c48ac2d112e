package wanttest

import (
	"fmt"
	"strings"
	"testing"

	"github.com/wfc-dev/wfc/diag"
)

// recorder is a testing.TB that keeps what Check reports instead of failing.
type recorder struct {
	testing.TB
	errors []string
}

func (r *recorder) Helper() {}
func (r *recorder) Errorf(format string, args ...any) {
	r.errors = append(r.errors, fmt.Sprintf(format, args...))
}

// TestCheckReportsMissesAndSurprises: a want no diagnostic meets and a diagnostic no want
// names are each an error; a diagnostic on its want's line with a matching message is not,
// and one want is met by one diagnostic only.
func TestCheckReportsMissesAndSurprises(t *testing.T) {
	src := []byte("a: 1 # want \"first\" \"twice\"\nb: 2 # want \"never\"\nc: 3\n")
	at := func(line int, msg string) diag.Diagnostic {
		return diag.Diagnostic{Message: msg, Range: diag.Range{File: "f.yaml", Start: diag.Pos{Line: line, Column: 1}}}
	}
	r := &recorder{TB: t}
	Check(r, "f.yaml", src, diag.List{at(1, "the first one"), at(1, "said twice"), at(1, "said twice again"), at(3, "surprise")})
	got := strings.Join(r.errors, "\n")
	for _, want := range []string{"unexpected diagnostic: f.yaml:1:1: said twice again", "unexpected diagnostic: f.yaml:3:1: surprise", `f.yaml:2: no diagnostic matching "never"`} {
		if !strings.Contains(got, want) {
			t.Errorf("errors:\n%s\nwant one containing %q", got, want)
		}
	}
	if len(r.errors) != 3 {
		t.Errorf("%d errors, want 3:\n%s", len(r.errors), got)
	}
}
