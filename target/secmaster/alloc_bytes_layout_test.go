package secmaster_test

import (
	"runtime"
	"testing"

	"github.com/wfc-dev/wfc/bpmn"
	"github.com/wfc-dev/wfc/bpmn/layout"
	"github.com/wfc-dev/wfc/target/secmaster"
)

// liveHeap collects and returns the bytes the heap then holds.
func liveHeap() int64 {
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return int64(m.HeapAlloc)
}

// liveSlackBytes is how much more than expected the heap may hold (runtime bookkeeping:
// measured 136 bytes). Laying out before making the taskconfig held 78 KB more.
const liveSlackBytes = 16 << 10

// TestGraphIsGarbageWhenLayoutStartsAllocationBudget: build makes the taskconfig before the
// layout, so the compiler's graph is garbage by the time the layout and the taskflow
// allocate, and the collections they start do not mark it (issue 8, item 20). When the
// layout starts, the heap holds the model, the taskconfig and the request's strings, and
// no graph.
func TestGraphIsGarbageWhenLayoutStartsAllocationBudget(t *testing.T) {
	w, prog := loadForBudget(t)
	base := liveHeap()
	expected, withGraph := func() (int64, int64) {
		defs, nodes, err := secmaster.EmitForBench(prog)
		if err != nil {
			t.Fatal(err)
		}
		withGraph := liveHeap() - base // nodes point into the graph
		tc, strs, err := secmaster.TaskconfigAndStrings(w, nodes)
		if err != nil {
			t.Fatal(err)
		}
		n := liveHeap() - base
		runtime.KeepAlive(defs)
		runtime.KeepAlive(tc)
		runtime.KeepAlive(strs)
		return n, withGraph
	}()
	var atLayout int64
	defer secmaster.ReplaceLayOut(func(defs *bpmn.Definitions) error {
		atLayout = liveHeap() - base
		return layout.Apply(defs)
	})()
	if res, diags := secmaster.Build(prog, secmaster.Options{}); res == nil {
		t.Fatal(diags)
	}
	t.Logf("live when layout starts: %d bytes; model and taskconfig alone %d; model and graph %d", atLayout, expected, withGraph)
	if atLayout > expected+liveSlackBytes {
		t.Errorf("when the layout starts the heap holds %d bytes, %d more than the model, the taskconfig and the request's strings: is the compiler's graph still live?", atLayout, atLayout-expected)
	}
}
