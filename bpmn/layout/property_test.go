package layout

import (
	"fmt"
	"math/rand"
	"testing"
)

// randomModel builds a seeded random process: a start event, then nodes of every kind wired
// forward (a DAG), plus, when loops is set, flows back to earlier nodes (self-loops included),
// boundary events with exception flows, and now and then a node nothing reaches.
func randomModel(seed int64, loops bool) *model {
	rng := rand.New(rand.NewSource(seed))
	m := newModel("Process_1")
	n := 2 + rng.Intn(40)
	types := []string{"ServiceTask", "UserTask", "ExclusiveGateway", "ParallelGateway", "IntermediateCatchEvent", "CallActivity"}
	ids := make([]string, n)
	for i := range ids {
		ids[i] = fmt.Sprintf("n%d", i)
		typ := types[rng.Intn(len(types))]
		switch {
		case i == 0:
			typ = "StartEvent"
		case i == n-1 || rng.Intn(8) == 0:
			typ = "EndEvent"
		}
		el := m.add(nil, typ, ids[i], "")
		if rng.Intn(3) == 0 {
			el.Name = "node number " + ids[i]
		}
	}
	flows := 0
	link := func(a, b string) {
		flows++
		m.flow(fmt.Sprintf("f%d", flows), a, b)
	}
	for i := 0; i < n-1; i++ {
		if m.defs.ByID[ids[i]].Type == "EndEvent" || (i > 0 && rng.Intn(15) == 0) {
			continue // an end, or a dead end
		}
		for k := 1 + rng.Intn(3); k > 0; k-- {
			j := i + 1 + rng.Intn(min(n-i-1, 6))
			link(ids[i], ids[j])
		}
	}
	defaults(m)
	if !loops {
		return m
	}
	for k := rng.Intn(4); k > 0; k-- {
		i := rng.Intn(n)
		j := rng.Intn(i + 1)
		link(ids[i], ids[j])
	}
	for k := rng.Intn(3); k > 0; k-- {
		host := ids[rng.Intn(n)]
		if t := m.defs.ByID[host].Type; t != "ServiceTask" && t != "UserTask" && t != "CallActivity" {
			continue
		}
		b := m.boundary(fmt.Sprintf("b%d_%s", k, host), host)
		target := ids[rng.Intn(n)]
		link(b.ID, target)
	}
	return m
}

// TestRandomGraphs lays out 200 random DAGs and 200 random graphs with loops and boundary
// events, checks every guarantee (flows on lines of their own included), and checks that a
// second run gives the same bytes.
func TestRandomGraphs(t *testing.T) {
	for _, loops := range []bool{false, true} {
		for seed := int64(1); seed <= 200; seed++ {
			name := fmt.Sprintf("seed%d/loops=%v", seed, loops)
			t.Run(name, func(t *testing.T) {
				m := randomModel(seed, loops)
				if err := Apply(m.defs); err != nil {
					t.Fatal(err)
				}
				plane := m.defs.Diagrams[0].Plane
				checkGuarantees(t, m.proc, plane)
				again := randomModel(seed, loops)
				if err := Apply(again.defs); err != nil {
					t.Fatal(err)
				}
				if a, b := dump(plane), dump(again.defs.Diagrams[0].Plane); a != b {
					t.Errorf("two runs differ:\n%s\n---\n%s", a, b)
				}
				if t.Failed() {
					t.Logf("layout:\n%s", dump(plane))
				}
			})
		}
	}
}

// defaults makes the last flow out of every exclusive gateway with two or more its default, so
// the guarantees cover the default slash (it draws no rng number: the graphs stay the same).
func defaults(m *model) {
	for _, el := range m.proc.Children {
		if el.Type == "ExclusiveGateway" && len(el.Outgoing) >= 2 {
			if err := m.defs.SetDefault(el, el.Outgoing[len(el.Outgoing)-1]); err != nil {
				panic(err)
			}
		}
	}
}
