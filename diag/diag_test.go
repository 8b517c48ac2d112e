package diag

import "testing"

func TestErrorFormat(t *testing.T) {
	d := Errorf(Range{File: "wf.yaml", Start: Pos{3, 5}}, "unknown-step", "step %q is not defined", "x")
	if got, want := d.Error(), `wf.yaml:3:5: step "x" is not defined [unknown-step]`; got != want {
		t.Fatalf("got %q, want %q", got, want)
	}
	d = Diagnostic{Severity: Warning, Rule: "fake-join", Message: "element is an implicit join", Range: Range{File: "a.bpmn"}, Element: "Task_1"}
	if got, want := d.Error(), "a.bpmn: element is an implicit join (element Task_1) [fake-join]"; got != want {
		t.Fatalf("got %q, want %q", got, want)
	}
}

func TestSortIsByFileThenPosition(t *testing.T) {
	l := List{
		Errorf(Range{File: "b", Start: Pos{1, 1}}, "r", "m"),
		Errorf(Range{File: "a", Start: Pos{10, 1}}, "r", "m"),
		Errorf(Range{File: "a", Start: Pos{2, 9}}, "r", "m"),
		Errorf(Range{File: "a", Start: Pos{2, 3}}, "r", "m"),
	}
	l.Sort()
	want := []string{"a:2:3", "a:2:9", "a:10:1", "b:1:1"}
	for i, d := range l {
		if got := d.Range.File + ":" + d.Range.Start.String(); got != want[i] {
			t.Fatalf("position %d: got %s, want %s", i, got, want[i])
		}
	}
	if !l.HasErrors() {
		t.Fatal("HasErrors is false for a list of errors")
	}
	if (List{Warningf(Range{}, "r", "m")}).HasErrors() {
		t.Fatal("HasErrors is true for warnings only")
	}
}
