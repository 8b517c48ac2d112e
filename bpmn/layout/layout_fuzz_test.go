package layout

import (
	"fmt"
	"strings"
	"testing"

	"github.com/wfc-dev/wfc/bpmn"
)

// FuzzApply lays out a process built from the fuzz bytes: any number of nodes of any kind,
// flows between any two (loops, self-loops, back edges and unreachable nodes included),
// boundary events, names of any length, and sub-processes with content of their own. Apply
// must succeed, every plane must keep the layout's guarantees (checkGuarantees: one shape per
// node, no overlaps, orthogonal flows from border to border through no shape), and the same
// bytes must give the same diagram twice.
func FuzzApply(f *testing.F) {
	f.Add([]byte{3, 0, 1, 2, 0, 1, 1, 2})
	f.Add([]byte("\x08\x01\x02\x03\x04\x05\x06\x07\x00\x01\x01\x02\x02\x03\x03\x01\x07\x00"))
	f.Add([]byte{12, 6, 6, 6, 3, 3, 5, 5, 9, 1, 2, 3, 4, 0, 5, 5, 6, 6, 0, 11, 3, 200, 7, 201, 8})
	f.Add([]byte("a long name\x00for the sub-process, drawn collapsed"))
	f.Fuzz(func(t *testing.T, data []byte) {
		m := fuzzModel(data)
		if err := Apply(m.defs); err != nil {
			t.Fatalf("Apply: %v", err)
		}
		for _, d := range m.defs.Diagrams {
			checkGuarantees(t, d.Plane.Element, d.Plane)
		}
		again := fuzzModel(data)
		if err := Apply(again.defs); err != nil {
			t.Fatalf("second Apply: %v", err)
		}
		if a, b := dumpAll(m.defs), dumpAll(again.defs); a != b {
			t.Fatalf("two layouts of one model differ:\n%s\n---\n%s", a, b)
		}
	})
}

// fuzzNodeTypes are the flow node types a fuzzed process is made of.
var fuzzNodeTypes = []string{"StartEvent", "EndEvent", "ServiceTask", "UserTask", "ExclusiveGateway", "ParallelGateway",
	"InclusiveGateway", "IntermediateCatchEvent", "CallActivity", "SubProcess", "Transaction"}

// fuzzModel reads data as: a node count, one type byte per node, then pairs of bytes. A pair
// (a, b) is a flow from node a to node b (mod the count), except that a pair whose first byte
// is 200 or more attaches a boundary event to node b, with a flow from it to node b+1. Every
// sub-process gets a start, a task and an end inside; nodes whose byte is odd get a name whose
// length grows with their index.
func fuzzModel(data []byte) *model {
	const maxNodes = 60 // keeps one run under a few milliseconds
	m := newModel("Process_1")
	next := func() (int, bool) {
		if len(data) == 0 {
			return 0, false
		}
		b := data[0]
		data = data[1:]
		return int(b), true
	}
	n, _ := next()
	n = 1 + n%maxNodes
	ids := make([]string, n)
	for i := range ids {
		b, _ := next()
		ids[i] = fmt.Sprintf("n%d", i)
		el := m.add(nil, fuzzNodeTypes[b%len(fuzzNodeTypes)], ids[i], "")
		if b%2 == 1 {
			el.Name = strings.Repeat("word ", i%9) + ids[i]
		}
		if containerTypes[el.Type] {
			fillSubProcess(m, el)
		}
	}
	flows := 0
	for {
		a, ok1 := next()
		b, ok2 := next()
		if !ok1 || !ok2 {
			break
		}
		flows++
		if a >= 200 && canHostBoundary(m.defs.ByID[ids[b%n]]) {
			ev := m.boundary(fmt.Sprintf("b%d", flows), ids[b%n])
			m.flow(fmt.Sprintf("f%d", flows), ev.ID, ids[(b+1)%n])
			continue
		}
		m.flow(fmt.Sprintf("f%d", flows), ids[a%n], ids[b%n])
	}
	return m
}

func canHostBoundary(el *bpmn.Element) bool {
	return classify(el) == kindActivity
}

// fillSubProcess gives a sub-process the content Apply draws in a diagram of its own.
func fillSubProcess(m *model, sub *bpmn.Element) {
	start, task, end := sub.ID+"_start", sub.ID+"_task", sub.ID+"_end"
	m.add(sub, "StartEvent", start, "")
	m.add(sub, "ServiceTask", task, "")
	m.add(sub, "EndEvent", end, "")
	m.flow(sub.ID+"_f1", start, task)
	m.flow(sub.ID+"_f2", task, end)
}

func dumpAll(defs *bpmn.Definitions) string {
	var b strings.Builder
	for _, d := range defs.Diagrams {
		b.WriteString(d.ID + "\n" + dump(d.Plane))
	}
	return b.String()
}
