package workflow

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/wfc-dev/wfc/diag"
)

// flowOf loads a workflow (header added) and builds its flow; the YAML must be valid.
func flowOf(t testing.TB, steps string) *Flow {
	t.Helper()
	src := "wfc: 1\nname: t\ndescription: \"\"\nsteps:\n" + steps
	w, diags := Load("flow.yaml", []byte(src))
	if len(diags) > 0 || w == nil {
		t.Fatalf("Load reported problems:\n%v\n--- source\n%s", diags, src)
	}
	return resolved(w).Flow()
}

// resolved is Resolve's program of w.
func resolved(w *Workflow) *Program {
	p, _ := Resolve(w)
	return p
}

// node finds the node of a step by id ("start", "end", "join:ID" for a parallel's join).
func node(t testing.TB, f *Flow, name string) int {
	t.Helper()
	switch name {
	case "start":
		return StartNode
	case "end":
		return EndNode
	}
	join := strings.HasPrefix(name, "join:")
	id := strings.TrimPrefix(name, "join:")
	for _, n := range f.Nodes {
		if n.Step != nil && n.Step.ID.Value == id && (n.Kind == NodeJoin) == join {
			return n.Index
		}
	}
	t.Fatalf("no node %q", name)
	return -1
}

func nodeName(f *Flow, n int) string {
	switch nd := f.Nodes[n]; nd.Kind {
	case NodeStart:
		return "start"
	case NodeEnd:
		return "end"
	case NodeJoin:
		return "join:" + nd.Step.ID.Value
	default:
		return nd.Step.ID.Value
	}
}

// edges renders the flow's edges as "from -kind[index]-> to @line", one per edge.
func edges(f *Flow) []string {
	var out []string
	for _, e := range f.Edges {
		idx := ""
		if e.Index >= 0 {
			idx = fmt.Sprintf("[%d]", e.Index)
		}
		out = append(out, fmt.Sprintf("%s -%s%s-> %s @%d", nodeName(f, e.From), e.Kind, idx, nodeName(f, e.To), e.Range.Start.Line))
	}
	return out
}

func TestFlowEdges(t *testing.T) {
	f := flowOf(t, `  - id: a
    action: p/a
    on_error: handler
  - id: s
    switch:
      - when: ${inputs.x}
        next: par
      - when: ${inputs.y}
        next: missing
    default: end
  - id: par
    parallel:
      - steps:
          - id: b1
            action: p/a
          - id: b2
            wait: 5s
      - steps:
          - id: c1
            action: p/a
            next: c1
    next: end
  - id: handler
    action: p/a
    on_error: continue
`)
	want := []string{
		"start -sequence-> a @5",
		"a -on_error-> handler @7",
		"a -sequence-> s @5",
		"s -case[0]-> par @11",
		"s -default-> end @14",
		"par -fork[0]-> b1 @17",
		"par -fork[1]-> c1 @22",
		"join:par -next-> end @26",
		"b1 -sequence-> b2 @18",
		"b2 -branch-end[0]-> join:par @20",
		"c1 -next-> c1 @25",
		"handler -sequence-> end @27",
	}
	if got := edges(f); !slices.Equal(got, want) {
		t.Errorf("edges:\n got %q\nwant %q", got, want)
	}
	if got := f.Successors(node(t, f, "a")); !slices.Equal(got, []int{node(t, f, "handler"), node(t, f, "s")}) {
		t.Errorf("Successors(a) = %v", got)
	}
	if got := f.Predecessors(node(t, f, "end")); !slices.Equal(got, []int{node(t, f, "s"), node(t, f, "join:par"), node(t, f, "handler")}) {
		t.Errorf("Predecessors(end) = %v", got)
	}
}

// A switch without default goes on to the next step when no case holds, as the compiler
// makes it: the fall-through is a sequence edge (a branch-end edge at the end of a branch).
func TestSwitchWithoutDefaultFallsThrough(t *testing.T) {
	f := flowOf(t, `  - id: p
    parallel:
      - steps:
          - id: s
            switch:
              - when: ${inputs.x}
                next: s
      - steps:
          - id: t
            action: p/a
  - id: u
    switch:
      - when: ${inputs.x}
        next: end
`)
	want := []string{
		"start -sequence-> p @5",
		"p -fork[0]-> s @7",
		"p -fork[1]-> t @12",
		"join:p -sequence-> u @5",
		"s -case[0]-> s @11",
		"s -branch-end[0]-> join:p @8",
		"t -branch-end[1]-> join:p @13",
		"u -case[0]-> end @18",
		"u -sequence-> end @15",
	}
	if got := edges(f); !slices.Equal(got, want) {
		t.Errorf("edges:\n got %q\nwant %q", got, want)
	}
}

func TestReachability(t *testing.T) {
	f := flowOf(t, `  - id: a
    action: p/a
    next: c
  - id: dead
    action: p/a
  - id: c
    switch:
      - when: ${inputs.x}
        next: spin
    default: end
  - id: spin
    wait: 1s
    next: spin
`)
	reach, toEnd := f.Reachable(), f.ReachesEnd()
	for name, want := range map[string][2]bool{
		"a": {true, true}, "dead": {false, true}, "c": {true, true}, "spin": {true, false}, "end": {true, true},
	} {
		n := node(t, f, name)
		if got := [2]bool{reach[n], toEnd[n]}; got != want {
			t.Errorf("%s: reachable, reaches end = %v, want %v", name, got, want)
		}
	}
}

func TestSCCs(t *testing.T) {
	f := flowOf(t, `  - id: a
    action: p/a
  - id: b
    action: p/a
  - id: c
    switch:
      - when: ${inputs.again}
        next: b
    default: d
  - id: d
    wait: 1s
    next: d
  - id: e
    action: p/a
`)
	cycles := loopNames(f)
	// Reverse topological order: the sink loop d comes before the loop b,c that leads to it.
	if want := []string{"d", "b,c"}; !slices.Equal(cycles, want) {
		t.Errorf("cycles = %q, want %q", cycles, want)
	}
	// Every node is in exactly one component.
	seen := make(map[int]int)
	for _, comp := range f.SCCs() {
		for _, n := range comp {
			seen[n]++
		}
	}
	for n := range f.Nodes {
		if seen[n] != 1 {
			t.Errorf("node %s is in %d components", nodeName(f, n), seen[n])
		}
	}
}

func TestDominatorsDiamond(t *testing.T) {
	f := flowOf(t, `  - id: a
    switch:
      - when: ${inputs.x}
        next: b
    default: c
  - id: b
    action: p/a
    next: d
  - id: c
    action: p/a
  - id: d
    action: p/a
`)
	a, b, c, d := node(t, f, "a"), node(t, f, "b"), node(t, f, "c"), node(t, f, "d")
	if got := f.IDom(d); got != a {
		t.Errorf("IDom(d) = %s, want a", nodeName(f, got))
	}
	if got := f.IDom(b); got != a {
		t.Errorf("IDom(b) = %s, want a", nodeName(f, got))
	}
	if !f.Dominates(a, d) || f.Dominates(b, d) || f.Dominates(c, d) || !f.Dominates(d, d) {
		t.Errorf("diamond dominance wrong: a→d %v, b→d %v, c→d %v", f.Dominates(a, d), f.Dominates(b, d), f.Dominates(c, d))
	}
	step := func(id string) *Step { return f.Nodes[node(t, f, id)].Step }
	if !f.MustHaveRun(step("a"), d) || f.MustHaveRun(step("b"), d) || f.MustHaveRun(step("d"), d) {
		t.Error("MustHaveRun on the diamond: want a yes, b no, d itself no")
	}
	if f.MustHaveRun(step("b"), EndNode) || !f.MustHaveRun(step("d"), EndNode) {
		t.Error("at the end, d has run on every path and b has not")
	}
}

func TestDominatorsLoop(t *testing.T) {
	// b uses what check produces; on the first pass check has not run yet.
	f := flowOf(t, `  - id: a
    action: p/a
  - id: b
    action: p/a
  - id: check
    switch:
      - when: ${inputs.again}
        next: b
    default: done
  - id: done
    action: p/a
`)
	a, b, check, done := node(t, f, "a"), node(t, f, "b"), node(t, f, "check"), node(t, f, "done")
	if f.IDom(b) != a || f.IDom(check) != b || f.IDom(done) != check {
		t.Errorf("idoms: b→%s check→%s done→%s", nodeName(f, f.IDom(b)), nodeName(f, f.IDom(check)), nodeName(f, f.IDom(done)))
	}
	if f.Dominates(check, b) {
		t.Error("check must not dominate b: the first pass reaches b without it")
	}
}

func TestMustHaveRunParallel(t *testing.T) {
	f := flowOf(t, `  - id: fork
    parallel:
      - steps:
          - id: x1
            action: p/a
          - id: x2
            switch:
              - when: ${inputs.x}
                next: x3
            default: x4
          - id: x3
            action: p/a
          - id: x4
            action: p/a
      - steps:
          - id: y
            action: p/a
  - id: after
    action: p/a
`)
	step := func(id string) *Step { return f.Nodes[node(t, f, id)].Step }
	at := func(id string) int { return node(t, f, id) }
	cases := []struct {
		y, at string
		want  bool
	}{
		{"x1", "after", true}, // every branch has run at the join
		{"y", "after", true},
		{"x4", "after", true},  // x4 is on every path through its branch
		{"x3", "after", false}, // x3 only when the case holds
		{"x1", "x2", true},     // earlier in the same branch
		{"x1", "y", false},     // side by side: either order
		{"y", "x1", false},
		{"fork", "x1", true},
		{"x2", "join:fork", true},
		{"y", "end", true},
	}
	for _, c := range cases {
		if got := f.MustHaveRun(step(c.y), at(c.at)); got != c.want {
			t.Errorf("MustHaveRun(%s, %s) = %v, want %v", c.y, c.at, got, c.want)
		}
	}
	if !InSiblingBranches(step("x3"), step("y")) || InSiblingBranches(step("x1"), step("x4")) || InSiblingBranches(step("fork"), step("y")) {
		t.Error("InSiblingBranches wrong")
	}
	// The real graph keeps the fork into every branch.
	if got := f.Successors(at("fork")); !slices.Equal(got, []int{at("x1"), at("y")}) {
		t.Errorf("Successors(fork) = %v", got)
	}
}

func TestNestedParallel(t *testing.T) {
	f := flowOf(t, `  - id: outer
    parallel:
      - steps:
          - id: inner
            parallel:
              - steps: [{id: i1, action: p/a}]
              - steps: [{id: i2, action: p/a}]
          - id: after_inner
            action: p/a
      - steps: [{id: o2, action: p/a}]
  - id: last
    action: p/a
`)
	step := func(id string) *Step { return f.Nodes[node(t, f, id)].Step }
	for _, c := range []struct {
		y, at string
		want  bool
	}{
		{"i1", "after_inner", true}, {"i2", "after_inner", true}, {"i1", "i2", false},
		{"i1", "o2", false}, {"o2", "after_inner", false}, {"i2", "last", true}, {"o2", "last", true},
	} {
		if got := f.MustHaveRun(step(c.y), node(t, f, c.at)); got != c.want {
			t.Errorf("MustHaveRun(%s, %s) = %v, want %v", c.y, c.at, got, c.want)
		}
	}
}

func TestFlowUnknownTargetsAndEmpty(t *testing.T) {
	f := flowOf(t, `  - id: a
    action: p/a
    next: nowhere
  - id: b
    action: p/a
    on_error: nowhere
`)
	if got := edges(f); !slices.Equal(got, []string{"start -sequence-> a @5", "b -sequence-> end @8"}) {
		t.Errorf("edges = %q", got)
	}
	if f.IDom(node(t, f, "b")) != -1 || f.Dominates(node(t, f, "b"), EndNode) {
		t.Error("b is unreachable: it has no dominator and dominates nothing")
	}
	// A workflow with no steps (the schema reports it) still gives a usable graph.
	empty := resolved(&Workflow{}).Flow()
	if !empty.Reachable()[EndNode] || len(empty.SCCs()) != 2 {
		t.Error("empty workflow: start should flow to end")
	}
}

// chainFlow is a workflow of n steps (built directly: the YAML path is not what is measured)
// where every tenth step is a switch looping back nine steps or going on.
func chainFlow(n int) *Flow {
	w := &Workflow{}
	for i := range n {
		s := &Step{ID: idString(fmt.Sprintf("s%d", i)), Body: &Action{}, Index: i}
		if i%10 == 9 {
			s.Body = &Switch{
				Cases:   []*Case{{Next: idString(fmt.Sprintf("s%d", i-9))}},
				Default: idString(fmt.Sprintf("s%d", min(i+1, n-1))),
			}
		}
		w.Steps = append(w.Steps, s)
	}
	return resolved(w).Flow()
}

// idString is a String that counts as written (IsSet) without a file.
func idString(v string) String {
	return String{Value: v, Range: diag.Range{Start: diag.Pos{Line: 1, Column: 1}}}
}

func TestLargeFlowDoesNotRecurse(t *testing.T) {
	f := chainFlow(100000)
	last := node(t, f, "s99999")
	if !f.Reachable()[last] || !f.Dominates(node(t, f, "s0"), last) || f.Dominates(node(t, f, "s5"), node(t, f, "s3")) {
		t.Error("dominance on a long chain is wrong")
	}
	if cycles := len(f.SCCs()); cycles == 0 {
		t.Error("no components")
	}
}

func BenchmarkFlowAnalyses(b *testing.B) {
	for _, n := range []int{1000, 10000, 100000} {
		f := chainFlow(n)
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			for b.Loop() {
				g := resolved(f.Workflow).Flow()
				g.Reachable()
				g.ReachesEnd()
				g.SCCs()
				g.Dominates(StartNode, EndNode)
			}
		})
	}
}
