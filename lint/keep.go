package lint

import (
	"container/heap"

	"github.com/wfc-dev/wfc/diag"
)

// keeper bounds what one rule's pass holds in memory: the first limit diagnostics in
// diag.Less's order, and a count of the others. diag.List.Cap would drop those others anyway
// (it shows the first PerRule of each rule), but only after every one was built: 1.3 million
// unnamed tasks made millions of diagnostics and gigabytes before the cap ran. flush hands
// Cap the kept ones and one stand-in carrying the count in More, which Cap turns into the
// same "… and N more" it would have written.
type keeper struct {
	limit   int
	kept    maxHeap // the greatest kept diagnostic on top
	dropped int
}

func newKeeper(limit int) *keeper { return &keeper{limit: limit} }

// dropsAt reports whether any diagnostic at r would be dropped, so the caller need not even
// format its message: the keeper is full and r lies after the greatest kept one.
func (k *keeper) dropsAt(r diag.Range) bool {
	if len(k.kept) < k.limit {
		return false
	}
	top := k.kept[0].Range
	return top.File < r.File || top.File == r.File && top.Start.Before(r.Start)
}

// add keeps d if it is among the first limit so far, dropping the greatest otherwise.
func (k *keeper) add(d diag.Diagnostic) {
	switch {
	case len(k.kept) < k.limit:
		heap.Push(&k.kept, d)
	case diag.Less(d, k.kept[0]):
		k.kept[0] = d
		heap.Fix(&k.kept, 0)
		k.dropped++
	default:
		k.dropped++
	}
}

// count records a diagnostic dropped without being built (see dropsAt).
func (k *keeper) count() { k.dropped++ }

// flush appends what was kept to out, and for the dropped ones a stand-in after the greatest
// kept diagnostic (a diagnostic with More > 0 sorts after the others at its position), so
// Cap, which keeps at most limit of the rule, always drops it and counts its More.
func (k *keeper) flush(out *diag.List) {
	if k.dropped > 0 {
		stand := k.kept[0]
		stand.More = k.dropped
		*out = append(*out, stand)
	}
	*out = append(*out, k.kept...)
}

// maxHeap is a heap of diagnostics with the greatest by diag.Less on top.
type maxHeap diag.List

func (h maxHeap) Len() int           { return len(h) }
func (h maxHeap) Less(i, j int) bool { return diag.Less(h[j], h[i]) }
func (h maxHeap) Swap(i, j int)      { h[i], h[j] = h[j], h[i] }
func (h *maxHeap) Push(x any)        { *h = append(*h, x.(diag.Diagnostic)) }
func (h *maxHeap) Pop() any {
	old := *h
	d := old[len(old)-1]
	*h = old[:len(old)-1]
	return d
}
