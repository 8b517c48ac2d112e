package secmaster

import "testing"

func TestPageAllFollowsWhatArrives(t *testing.T) {
	items := make([]int, 25)
	for i := range items {
		items[i] = i
	}
	// A server that ignores limit and always answers 10 items, with a total.
	var offsets []int
	got, err := pageAll(func(offset, limit int) ([]int, int, error) {
		offsets = append(offsets, offset)
		end := min(offset+10, len(items))
		return items[offset:end], len(items), nil
	})
	if err != nil || len(got) != 25 || got[24] != 24 || len(offsets) != 3 || offsets[2] != 20 {
		t.Fatalf("got %v, offsets %v, err %v", got, offsets, err)
	}
	// No total: a short page ends the listing.
	calls := 0
	got, _ = pageAll(func(offset, limit int) ([]int, int, error) {
		calls++
		if offset == 0 {
			return make([]int, limit), 0, nil
		}
		return []int{1}, 0, nil
	})
	if len(got) != 101 || calls != 2 {
		t.Fatalf("without a total: %d items in %d calls", len(got), calls)
	}
}
