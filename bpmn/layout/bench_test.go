package layout

import (
	"fmt"
	"testing"
)

// benchModel builds a process of about n flow nodes: a chain in which every 10th step opens an
// if/else diamond and every 50th step is a gateway looping back 20 steps.
func benchModel(n int) *model {
	m := newModel("Process_bench")
	m.add(nil, "StartEvent", "s", "")
	prev, flows := "s", 0
	link := func(a, b string) {
		flows++
		m.flow(fmt.Sprintf("f%d", flows), a, b)
	}
	var spine []string
	for i := 1; len(m.proc.Children)-flows < n; i++ {
		id := fmt.Sprintf("t%d", i)
		switch {
		case i%50 == 0:
			m.add(nil, "ExclusiveGateway", id, "")
			link(prev, id)
			if len(spine) >= 20 {
				link(id, spine[len(spine)-20])
			}
		case i%10 == 0:
			split, a, b, join := id+"s", id+"a", id+"b", id
			m.add(nil, "ExclusiveGateway", split, "")
			m.add(nil, "ServiceTask", a, "")
			m.add(nil, "ServiceTask", b, "")
			m.add(nil, "ExclusiveGateway", join, "")
			link(prev, split)
			link(split, a)
			link(split, b)
			link(a, join)
			link(b, join)
		default:
			m.add(nil, "ServiceTask", id, "")
			link(prev, id)
		}
		spine = append(spine, id)
		prev = id
	}
	m.add(nil, "EndEvent", "e", "")
	link(prev, "e")
	return m
}

// resetDI forgets a previous layout so the same model can be laid out again.
func resetDI(m *model) {
	m.defs.Diagrams = nil
	for _, el := range m.proc.Children {
		el.Shape, el.Edge = nil, nil
	}
}

func benchmarkApply(b *testing.B, n int) {
	m := benchModel(n)
	b.ReportAllocs()
	for b.Loop() {
		resetDI(m)
		if err := Apply(m.defs); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkApply1k(b *testing.B)  { benchmarkApply(b, 1_000) }
func BenchmarkApply10k(b *testing.B) { benchmarkApply(b, 10_000) }

// TestBenchModelLaysOutCleanly keeps the benchmark honest: its model is valid and satisfies
// the guarantees, so the benchmark measures real work.
func TestBenchModelLaysOutCleanly(t *testing.T) {
	m := benchModel(1_000)
	if err := Apply(m.defs); err != nil {
		t.Fatal(err)
	}
	var nodes int
	for _, el := range m.proc.Children {
		if el.Type != "SequenceFlow" {
			nodes++
		}
	}
	if nodes < 1_000 || nodes > 1_010 {
		t.Errorf("bench model has %d nodes, want about 1000", nodes)
	}
	checkGuarantees(t, m.proc, m.defs.Diagrams[0].Plane)
}
