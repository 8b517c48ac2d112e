package layout

import (
	"fmt"
	"strings"
	"testing"
)

// The shapes of the table: each builds a model, lays it out with Apply, checks the general
// guarantees and then what matters about that shape.
func TestShapes(t *testing.T) {
	tests := []struct {
		name  string
		build func(m *model)
		check func(t *testing.T, m *model, at func(id string) box)
	}{
		{
			name: "chain",
			build: func(m *model) {
				m.chainOf("StartEvent:start", "ServiceTask:a", "UserTask:b", "EndEvent:end")
			},
			check: func(t *testing.T, m *model, at func(string) box) {
				// Exact coordinates: cells 150x140 from (80,80); shapes centred in them.
				want := map[string]box{
					"start": {137, 132, 36, 36},
					"a":     {255, 110, 100, 80},
					"b":     {405, 110, 100, 80},
					"end":   {587, 132, 36, 36},
				}
				for id, w := range want {
					if got := at(id); got != w {
						t.Errorf("%s at %v, want %v", id, got, w)
					}
				}
				// Event y = task y + 22, as in SecMaster's exports.
				if at("start").y != at("a").y+22 {
					t.Errorf("start event is not on the task's mid-line")
				}
				wantEdge(t, m, "f_start_a_1", "173,150 255,150")
				wantEdge(t, m, "f_a_b_2", "355,150 405,150")
				wantEdge(t, m, "f_b_end_3", "505,150 587,150")
			},
		},
		{
			name: "if/else diamond with join",
			build: func(m *model) {
				m.chainOf("StartEvent:start", "ExclusiveGateway:split", "ServiceTask:yes", "ExclusiveGateway:join", "EndEvent:end")
				m.add(nil, "ServiceTask", "no", "")
				m.flow("f_no", "split", "no")
				m.flow("f_no_join", "no", "join")
			},
			check: func(t *testing.T, m *model, at func(string) box) {
				sameRow(t, at, "start", "split", "yes", "join", "end")
				if at("no").y <= at("yes").y {
					t.Errorf("else branch %v is not below the then branch %v", at("no"), at("yes"))
				}
				if at("no").x != at("yes").x {
					t.Errorf("branches are not in one column: %v, %v", at("no"), at("yes"))
				}
				// v:h out of the split's bottom, h:v into the join's bottom.
				wantEdge(t, m, "f_no", "305,175 305,290 405,290")
				wantEdge(t, m, "f_no_join", "505,290 605,290 605,175")
				if s := m.defs.ByID["split"].Shape; s.IsMarkerVisible == nil || !*s.IsMarkerVisible {
					t.Errorf("exclusive gateway shape has no visible marker")
				}
			},
		},
		{
			name: "if without else skips the branch below it",
			build: func(m *model) {
				m.chainOf("StartEvent:start", "ExclusiveGateway:split", "ServiceTask:then", "ExclusiveGateway:join", "EndEvent:end")
				m.flow("skip", "split", "join")
			},
			check: func(t *testing.T, m *model, at func(string) box) {
				sameRow(t, at, "start", "split", "then", "join", "end")
				// Out of the split's bottom, along the lane under the row, into the join's
				// bottom: it shares no segment with the flows through "then".
				wantEdge(t, m, "skip", "305,175 305,220 605,220 605,175")
			},
		},
		{
			name: "switch with 4 cases and a default",
			build: func(m *model) {
				m.chainOf("StartEvent:start", "ExclusiveGateway:switch")
				m.add(nil, "ExclusiveGateway", "join", "")
				m.chainOf("ExclusiveGateway:join", "EndEvent:end")
				for _, c := range []string{"c1", "c2", "c3", "c4", "dflt"} {
					m.add(nil, "ServiceTask", c, "")
					m.flow("to_"+c, "switch", c)
					m.flow("from_"+c, c, "join")
				}
				m.defs.ByID["switch"].Default = m.defs.ByID["to_dflt"]
				m.defs.ByID["to_c1"].Name = "severity is high"
			},
			check: func(t *testing.T, m *model, at func(string) box) {
				// The default stays on the spine; the cases alternate below, above, further
				// below, further above, in declaration order.
				sameRow(t, at, "start", "switch", "dflt", "join", "end")
				rowOf := func(id string) int { return (at(id).midY() - at("dflt").midY()) / cellHeight }
				for id, want := range map[string]int{"c1": 1, "c2": -1, "c3": 2, "c4": -2} {
					if got := rowOf(id); got != want {
						t.Errorf("case %s in row %d relative to the default, want %d", id, got, want)
					}
				}
				if l := m.defs.ByID["to_c1"].Edge.Label; l == nil || l.Bounds == nil || l.Bounds.Height != 28 {
					t.Errorf("named flow label = %+v, want a two-line label", l)
				}
			},
		},
		{
			name: "parallel fork and join with 3 branches",
			build: func(m *model) {
				m.chainOf("StartEvent:start", "ParallelGateway:fork")
				m.add(nil, "ParallelGateway", "merge", "")
				m.chainOf("ParallelGateway:merge", "EndEvent:end")
				for _, b := range []string{"b1", "b2", "b3"} {
					m.chainOf("ParallelGateway:fork", "ServiceTask:"+b+"x", "ServiceTask:"+b+"y", "ParallelGateway:merge")
				}
			},
			check: func(t *testing.T, m *model, at func(string) box) {
				sameRow(t, at, "start", "fork", "b1x", "b1y", "merge", "end")
				sameRow(t, at, "b2x", "b2y")
				sameRow(t, at, "b3x", "b3y")
				if !(at("b3x").y < at("b1x").y && at("b1x").y < at("b2x").y) {
					t.Errorf("branches not stacked above/spine/below: b3 %v, b1 %v, b2 %v", at("b3x"), at("b1x"), at("b2x"))
				}
				if s := m.defs.ByID["fork"].Shape; s.IsMarkerVisible != nil {
					t.Errorf("parallel gateway got a marker flag")
				}
			},
		},
		{
			name: "loop back to an earlier node",
			build: func(m *model) {
				m.chainOf("StartEvent:start", "ServiceTask:poll", "ServiceTask:check", "ExclusiveGateway:done", "EndEvent:end")
				m.flow("again", "done", "poll")
			},
			check: func(t *testing.T, m *model, at func(string) box) {
				sameRow(t, at, "start", "poll", "check", "done", "end")
				// Out of the gateway's bottom, along the lane under the row, into the task's bottom.
				wantEdge(t, m, "again", "605,175 605,220 305,220 305,190")
			},
		},
		{
			name: "nested diamond",
			build: func(m *model) {
				m.chainOf("StartEvent:start", "ExclusiveGateway:outer", "ServiceTask:a", "ExclusiveGateway:outerJoin", "EndEvent:end")
				m.chainOf("ExclusiveGateway:outer", "ExclusiveGateway:inner", "ServiceTask:b", "ExclusiveGateway:innerJoin", "ExclusiveGateway:outerJoin")
				m.chainOf("ExclusiveGateway:inner", "ServiceTask:c", "ExclusiveGateway:innerJoin")
			},
			check: func(t *testing.T, m *model, at func(string) box) {
				sameRow(t, at, "inner", "b", "innerJoin")
				if !(at("a").y < at("b").y && at("b").y < at("c").y) {
					t.Errorf("the inner diamond does not open below the outer branch: a %v b %v c %v", at("a"), at("b"), at("c"))
				}
			},
		},
		{
			name: "boundary event",
			build: func(m *model) {
				m.chainOf("StartEvent:start", "ServiceTask:call", "EndEvent:end")
				b := m.boundary("timeout", "call")
				b.Name = "timed out"
				m.add(nil, "ServiceTask", "notify", "")
				m.add(nil, "EndEvent", "failed", "")
				m.flow("f_timeout", "timeout", "notify")
				m.flow("f_failed", "notify", "failed")
			},
			check: func(t *testing.T, m *model, at func(string) box) {
				sameRow(t, at, "start", "call", "end")
				sameRow(t, at, "notify", "failed")
				host, ev := at("call"), at("timeout")
				if ev.x != host.x+host.w/2-18 || ev.y != host.bottom()-18 {
					t.Errorf("boundary event at %v, want centred on the bottom of %v", ev, host)
				}
				if at("notify").y <= host.y || at("notify").x <= host.x {
					t.Errorf("exception path %v is not below and right of its host %v", at("notify"), host)
				}
				// Down out of the event, then right into the handler.
				wantEdge(t, m, "f_timeout", "305,208 305,290 405,290")
				if l := m.defs.ByID["timeout"].Shape.Label; l == nil || l.Bounds == nil || l.Bounds.Y != float64(ev.bottom()+7) {
					t.Errorf("boundary event label = %+v, want one 7 px under it", l)
				}
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := newModel("Process_1")
			tt.build(m)
			if err := Apply(m.defs); err != nil {
				t.Fatal(err)
			}
			if len(m.defs.Diagrams) != 1 || m.defs.Diagrams[0].ID != "BPMNDiagram_1" || m.defs.Diagrams[0].Plane.ID != "BPMNPlane_1" {
				t.Fatalf("diagrams = %+v, want one BPMNDiagram_1", m.defs.Diagrams)
			}
			plane := m.defs.Diagrams[0].Plane
			if plane.BPMNElement != "Process_1" {
				t.Errorf("plane draws %q, want the process", plane.BPMNElement)
			}
			checkGuarantees(t, m.proc, plane)
			at := func(id string) box {
				el := m.defs.ByID[id]
				if el == nil || el.Shape == nil {
					t.Fatalf("%s has no shape", id)
				}
				return shapeBox(el.Shape)
			}
			tt.check(t, m, at)
			if t.Failed() {
				t.Logf("layout:\n%s", dump(plane))
			}
		})
	}
}

func sameRow(t *testing.T, at func(string) box, ids ...string) {
	t.Helper()
	for _, id := range ids[1:] {
		if at(id).midY() != at(ids[0]).midY() {
			t.Errorf("%s %v is not on the mid-line of %s %v", id, at(id), ids[0], at(ids[0]))
		}
	}
}

func wantEdge(t *testing.T, m *model, flow, want string) {
	t.Helper()
	e := m.defs.ByID[flow].Edge
	if e == nil {
		t.Fatalf("flow %s has no edge", flow)
	}
	var got []string
	for _, p := range e.Waypoints {
		got = append(got, fmt.Sprintf("%g,%g", p.X, p.Y))
	}
	if g := strings.Join(got, " "); g != want {
		t.Errorf("flow %s waypoints %s, want %s", flow, g, want)
	}
}
