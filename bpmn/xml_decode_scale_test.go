package bpmn

import (
	"fmt"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"testing"
)

// hostileXMLShapes generate documents of n repeated parts, each aimed at a place where a
// decoder can go quadratic: many attributes (duplicate checks), entities, a long DOCTYPE,
// many siblings, non-ASCII names, an unclosed comment and one very long line.
var hostileXMLShapes = map[string]func(n int) string{
	"attrs":     func(n int) string { return "<a" + uniqueAttrs(n) + "/>" },
	"entities":  func(n int) string { return "<a>" + strings.Repeat("&amp;&#x41;", n) + "</a>" },
	"doctype":   func(n int) string { return "<!DOCTYPE a [" + strings.Repeat("<!--c--><x '>'>", n) + "]><a/>" },
	"siblings":  func(n int) string { return "<a>" + strings.Repeat("<b c='1'>t</b>", n) + "</a>" },
	"nonascii":  func(n int) string { return "<a>" + strings.Repeat("<é/>", n) + "</a>" },
	"unclosed":  func(n int) string { return "<a>" + strings.Repeat("<!-- x ", n) },
	"longlines": func(n int) string { return "<a>" + strings.Repeat("封", n) + "<b/></a>" },
}

// uniqueAttrs writes n attributes with distinct names (a0, a1, ..., base 36), so the
// document grows linearly in n and every attribute is kept, none rejected as a duplicate.
func uniqueAttrs(n int) string {
	var b strings.Builder
	for i := range n {
		b.WriteString(" a")
		b.WriteString(strconv.FormatInt(int64(i), 36))
		b.WriteString("='v'")
	}
	return b.String()
}

func sortedShapeNames() []string {
	names := make([]string, 0, len(hostileXMLShapes))
	for name := range hostileXMLShapes {
		names = append(names, name)
	}
	sort.Strings(names)
	return names
}

// TestDecodeXMLAllocatesLinearly compares the work DecodeXML does, in bytes allocated (not
// time, which a loaded machine distorts), on every hostile shape at two sizes. Linear cost
// a + b·len spends at most as much per added byte as the small input spent per byte on
// average; a quadratic path spends about (small+large)/small times more (5× here), so the
// 1.5× allowance only absorbs the steps in which slices grow.
func TestDecodeXMLAllocatesLinearly(t *testing.T) {
	const small, large = 2000, 8000 // repetitions of each shape's part
	for _, name := range sortedShapeNames() {
		gen := hostileXMLShapes[name]
		s, l := []byte(gen(small)), []byte(gen(large))
		as, al := bytesAllocated(func() { _, _ = DecodeXML(s) }), bytesAllocated(func() { _, _ = DecodeXML(l) })
		perByteSmall := float64(as) / float64(len(s))
		perAddedByte := float64(al-min(al, as)) / float64(len(l)-len(s))
		if perAddedByte > 1.5*perByteSmall {
			t.Errorf("%s: %d input bytes allocate %d bytes, %d allocate %d: %.1f bytes per added input byte, %.1f on average before: growth is not linear",
				name, len(s), as, len(l), al, perAddedByte, perByteSmall)
		}
	}
}

// bytesAllocated is the heap bytes one call of f allocates, the least of three calls so
// that an allocation by another goroutine in between does not count.
func bytesAllocated(f func()) uint64 {
	least := ^uint64(0)
	for range 3 {
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		f()
		runtime.ReadMemStats(&after)
		least = min(least, after.TotalAlloc-before.TotalAlloc)
	}
	return least
}

// BenchmarkDecodeXMLGrowth decodes each hostile shape and a generated process at two sizes
// (10× apart for the process, 4× for the shapes): linear decoding shows the same MB/s and
// B/op per input byte at both sizes. `make bench` runs it; the time figures live here, not
// in a test, because a loaded machine makes any time ratio unreliable.
func BenchmarkDecodeXMLGrowth(b *testing.B) {
	for _, tasks := range []int{1000, 10000} {
		benchDecode(b, fmt.Sprintf("tasks=%d", tasks), benchProcessXML(tasks))
	}
	for _, name := range sortedShapeNames() {
		for _, n := range []int{20000, 80000} {
			benchDecode(b, fmt.Sprintf("%s=%d", name, n), []byte(hostileXMLShapes[name](n)))
		}
	}
}

func benchDecode(b *testing.B, name string, data []byte) {
	b.Run(name, func(b *testing.B) {
		b.SetBytes(int64(len(data)))
		b.ReportAllocs()
		for b.Loop() {
			_, _ = DecodeXML(data)
		}
	})
}
