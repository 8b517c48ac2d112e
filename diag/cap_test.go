package diag

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
)

func at(file string, line, col int) Range {
	return Range{File: file, Start: Pos{Line: line, Column: col}}
}

// lines renders a list one diagnostic per line, as the tests compare it.
func lines(l List) string {
	var b strings.Builder
	for _, d := range l {
		fmt.Fprintf(&b, "%s %s\n", d.Severity, d.Error())
	}
	return b.String()
}

// Cap keeps the first diagnostics by position whatever order they come in, and says how many
// of each rule it left out at the last one it kept.
func TestCapKeepsTheFirstByPositionAndSummarises(t *testing.T) {
	var l List
	for i := 1; i <= 5; i++ {
		l = append(l, Warningf(at("a.bpmn", i, 1), "label-required", "task %d has no name", i))
		l = append(l, Errorf(at("a.bpmn", i, 2), "no-disconnected", "task %d is not connected", i))
	}
	l = append(l, Errorf(at("a.bpmn", 9, 1), "end-event-required", "process has no end event"))
	l = append(l, Errorf(at("b.bpmn", 1, 1), "no-disconnected", "other file"))
	rand.New(rand.NewPCG(1, 2)).Shuffle(len(l), func(i, j int) { l[i], l[j] = l[j], l[i] })

	got := lines(l.Cap(Limits{PerRule: 2, PerFile: 5}))
	want := `warning a.bpmn:1:1: task 1 has no name [label-required]
error a.bpmn:1:2: task 1 is not connected [no-disconnected]
warning a.bpmn:2:1: task 2 has no name [label-required]
warning a.bpmn:2:1: … and 3 more not shown; wfc lists at most 2 per rule and 5 per file [label-required]
error a.bpmn:2:2: task 2 is not connected [no-disconnected]
error a.bpmn:2:2: … and 3 more not shown; wfc lists at most 2 per rule and 5 per file [no-disconnected]
error a.bpmn:9:1: process has no end event [end-event-required]
error b.bpmn:1:1: other file [no-disconnected]
`
	if got != want {
		t.Errorf("got:\n%swant:\n%s", got, want)
	}
}

// A rule the per-file limit leaves out entirely is summarised at the last diagnostic kept,
// its errors and warnings apart, and Count still sees every problem.
func TestCapPerFileKeepsSeverityAndCount(t *testing.T) {
	var l List
	for i := 1; i <= 4; i++ {
		l = append(l, Warningf(at("f", i, 1), "a-rule", "warning %d", i))
	}
	l = append(l, Warningf(at("f", 8, 1), "z-rule", "late warning"), Errorf(at("f", 9, 1), "z-rule", "late error"))

	capped := l.Cap(Limits{PerRule: 10, PerFile: 3})
	got := lines(capped)
	want := `warning f:1:1: warning 1 [a-rule]
warning f:2:1: warning 2 [a-rule]
warning f:3:1: warning 3 [a-rule]
warning f:3:1: … and 1 more not shown; wfc lists at most 10 per rule and 3 per file [a-rule]
warning f:3:1: … and 1 more not shown; wfc lists at most 10 per rule and 3 per file [z-rule]
error f:3:1: … and 1 more not shown; wfc lists at most 10 per rule and 3 per file [z-rule]
`
	if got != want {
		t.Errorf("got:\n%swant:\n%s", got, want)
	}
	if !capped.HasErrors() {
		t.Error("the capped list lost the error the cap left out")
	}
	if w, e := capped.Count(Warning), capped.Count(Error); w != 5 || e != 1 {
		t.Errorf("after the cap Count gives %d warnings and %d errors, want 5 and 1", w, e)
	}
}

// Within the limits Cap changes nothing but the order.
func TestCapUnderTheLimitsKeepsAll(t *testing.T) {
	l := List{Errorf(at("f", 2, 1), "r", "b"), Errorf(at("f", 1, 1), "r", "a")}
	if got, want := lines(l.Cap(DefaultLimits)), "error f:1:1: a [r]\nerror f:2:1: b [r]\n"; got != want {
		t.Errorf("got:\n%swant:\n%s", got, want)
	}
}
