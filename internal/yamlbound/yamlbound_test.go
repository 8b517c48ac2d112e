package yamlbound

import (
	"strings"
	"testing"

	"gopkg.in/yaml.v3"
)

// nest enters depth nodes and reports how many were accepted.
func nest(w *Walk, depth int, inAlias bool) int {
	entered := 0
	for i := 0; i < depth; i++ {
		if !w.Enter(&yaml.Node{Line: i + 1}, inAlias) {
			break
		}
		entered++
	}
	return entered
}

func TestDepthLimit(t *testing.T) {
	w := New()
	if got := nest(&w, MaxDepth, false); got != MaxDepth || w.Stopped() {
		t.Fatalf("entered %d of %d levels (stopped %v); MaxDepth levels must pass", got, MaxDepth, w.Stopped())
	}
	deep := &yaml.Node{Line: 99}
	if w.Enter(deep, false) {
		t.Fatalf("level %d was accepted", MaxDepth+1)
	}
	if w.TooDeep() != deep || w.Overflowed() != nil {
		t.Errorf("TooDeep = %v, Overflowed = %v; want the node past the limit, nil", w.TooDeep(), w.Overflowed())
	}
	w.Leave()
	if w.Enter(&yaml.Node{}, false) {
		t.Errorf("a stopped walk accepted another node")
	}
}

// Leave gives the level back: a wide tree of shallow nodes never hits the depth limit.
func TestLeaveRestoresDepth(t *testing.T) {
	w := New()
	for i := 0; i < 10*MaxDepth; i++ {
		if !w.Enter(&yaml.Node{}, false) {
			t.Fatalf("sibling %d refused", i)
		}
		w.Leave()
	}
}

func TestAliasBudget(t *testing.T) {
	w := New()
	for i := 0; i < 2*MaxAliasValues; i++ { // values written out do not count
		if !w.Enter(&yaml.Node{}, false) {
			t.Fatalf("plain value %d refused", i)
		}
		w.Leave()
	}
	for i := 0; i < MaxAliasValues; i++ {
		if !w.Enter(&yaml.Node{}, true) {
			t.Fatalf("alias-made value %d refused; the budget is %d", i, MaxAliasValues)
		}
		w.Leave()
	}
	last := &yaml.Node{Line: 7}
	if w.Enter(last, true) || w.Overflowed() != last || w.TooDeep() != nil {
		t.Errorf("value %d past the alias budget: Overflowed = %v, TooDeep = %v", MaxAliasValues+1, w.Overflowed(), w.TooDeep())
	}
}

// Overflow stops the walk at the first node it is given, and later calls keep that one.
func TestOverflowKeepsFirst(t *testing.T) {
	w := New()
	first, second := &yaml.Node{Line: 1}, &yaml.Node{Line: 2}
	w.Overflow(first)
	w.Overflow(second)
	if !w.Stopped() || w.Overflowed() != first {
		t.Errorf("Overflowed = %v, want the first node", w.Overflowed())
	}
}

func TestMessagesNameTheLimits(t *testing.T) {
	if m := TooDeepMessage(); !strings.Contains(m, "64 levels") {
		t.Errorf("TooDeepMessage = %q", m)
	}
	if m := OverflowMessage(); !strings.Contains(m, "100000 values") {
		t.Errorf("OverflowMessage = %q", m)
	}
}
