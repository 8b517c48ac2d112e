package lint

import (
	"fmt"
	"math/rand"
	"sort"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/wfc-dev/wfc/bpmn"
)

// The sweep in checkOverlaps is our own (bpmnlint compares every pair); it must mark exactly
// the elements the pairwise comparison marks. Shapes are drawn on a coarse grid so that
// touching edges, shared corners, zero sizes and boundary events on their host all occur.
func TestOverlapSweepMatchesPairwise(t *testing.T) {
	rng := rand.New(rand.NewSource(1)) // fixed seed: the same cases every run
	for round := 0; round < 300; round++ {
		n := 1 + rng.Intn(40)
		elements := make([]*bpmn.Element, n)
		shapes := map[*bpmn.Element]*bpmn.Shape{}
		for i := range elements {
			el := &bpmn.Element{Type: "Task", ID: fmt.Sprintf("E%d", i)}
			if i > 0 && rng.Intn(5) == 0 {
				el.Type, el.AttachedToRef = "BoundaryEvent", elements[rng.Intn(i)]
			}
			elements[i] = el
			if rng.Intn(8) == 0 {
				continue // no DI: never compared
			}
			b := &bpmn.Bounds{
				X: float64(rng.Intn(20) * 10), Y: float64(rng.Intn(20) * 10),
				Width: float64(rng.Intn(6) * 10), Height: float64(rng.Intn(6) * 10),
			}
			if rng.Intn(50) == 0 {
				b.Width = -b.Width - 10 // not sweepable: checkOverlaps must fall back
			}
			shapes[el] = &bpmn.Shape{Element: el, Bounds: b}
		}
		rng.Shuffle(n, func(i, j int) { elements[i], elements[j] = elements[j], elements[i] })

		sweep := overlapCheck{shapes: shapes, overlapping: map[*bpmn.Element]*bpmn.Element{}}
		sweep.checkOverlaps(elements)
		pairwise := overlapCheck{shapes: shapes, overlapping: map[*bpmn.Element]*bpmn.Element{}}
		pairwise.checkOverlapsPairwise(elements)
		if d := cmp.Diff(markedIDs(pairwise), markedIDs(sweep)); d != "" {
			t.Fatalf("round %d: sweep differs from pairwise (-pairwise +sweep):\n%s", round, d)
		}
	}
}

func markedIDs(c overlapCheck) []string {
	var ids []string
	for _, el := range c.overlapOrder {
		ids = append(ids, el.ID)
	}
	sort.Strings(ids)
	return ids
}

// BenchmarkOverlapSweep measures a large process laid out as a grid of standard-size tasks
// (no overlaps), the common case the sweep is for.
func BenchmarkOverlapSweep(b *testing.B) {
	const side = 100 // 10 000 tasks
	var elements []*bpmn.Element
	shapes := map[*bpmn.Element]*bpmn.Shape{}
	for i := 0; i < side*side; i++ {
		el := &bpmn.Element{Type: "Task", ID: fmt.Sprint(i)}
		elements = append(elements, el)
		shapes[el] = &bpmn.Shape{Element: el, Bounds: &bpmn.Bounds{X: float64(i%side) * 150, Y: float64(i/side) * 120, Width: 100, Height: 80}}
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		c := overlapCheck{shapes: shapes, overlapping: map[*bpmn.Element]*bpmn.Element{}}
		c.checkOverlaps(elements)
		if len(c.overlapOrder) != 0 {
			b.Fatal("grid shapes reported as overlapping")
		}
	}
}
