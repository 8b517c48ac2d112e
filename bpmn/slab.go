package bpmn

// slabSize is the most items one slab allocation provides.
const slabSize = 512

// slab hands out items of T from shared backing arrays. A tree of thousands of nodes is kept
// or dropped whole, so allocating its nodes, attributes and child lists 16, 32, ... up to
// slabSize at a time costs a few allocations instead of one per part (and the garbage
// collector has fewer objects to scan), while a small tree does not pay for a large slab.
type slab[T any] struct {
	free []T
	size int // the length of the last backing array
}

// take returns n zeroed items, capped to n so that appending to them cannot overwrite a
// neighbour.
func (s *slab[T]) take(n int) []T {
	if n > len(s.free) {
		s.size = min(max(2*s.size, 16), slabSize)
		s.free = make([]T, max(s.size, n))
	}
	out := s.free[:n:n]
	s.free = s.free[n:]
	return out
}

// one returns one zeroed item.
func (s *slab[T]) one() *T { return &s.take(1)[0] }

// reserve makes sure the next n items come from one backing array (the builder's Grow).
func (s *slab[T]) reserve(n int) {
	if n > len(s.free) {
		s.free = make([]T, n)
	}
}
