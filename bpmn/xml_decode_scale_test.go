package bpmn

import (
	"strings"
	"testing"
	"time"
)

// TestDecodeXMLScalesLinearly decodes hostile shapes at two sizes and fails when four
// times the input costs far more than four times the time (a quadratic path).
func TestDecodeXMLScalesLinearly(t *testing.T) {
	if testing.Short() {
		t.Skip("timing test")
	}
	shapes := map[string]func(n int) string{
		"attrs":     func(n int) string { return "<a" + attrsN(n) + "/>" },
		"entities":  func(n int) string { return "<a>" + strings.Repeat("&amp;&#x41;", n) + "</a>" },
		"doctype":   func(n int) string { return "<!DOCTYPE a [" + strings.Repeat("<!--c--><x '>'>", n) + "]><a/>" },
		"siblings":  func(n int) string { return "<a>" + strings.Repeat("<b c='1'>t</b>", n) + "</a>" },
		"nonascii":  func(n int) string { return "<a>" + strings.Repeat("<é/>", n) + "</a>" },
		"unclosed":  func(n int) string { return "<a>" + strings.Repeat("<!-- x ", n) },
		"longlines": func(n int) string { return "<a>" + strings.Repeat("封", n) + "<b/></a>" },
	}
	for name, gen := range shapes {
		small, large := []byte(gen(20000)), []byte(gen(80000))
		ts, tl := timeDecode(small), timeDecode(large)
		if tl > 12*ts+20*time.Millisecond {
			t.Errorf("%s: %d bytes took %v, %d bytes took %v: not linear", name, len(small), ts, len(large), tl)
		}
	}
}

func attrsN(n int) string {
	var b strings.Builder
	for i := range n {
		b.WriteString(" a")
		b.WriteString(strings.Repeat("b", i%7))
		b.WriteString(string(rune('a' + i%26)))
		b.WriteString(strings.Repeat("c", i/182))
		b.WriteString("='v'")
	}
	return b.String()
}

// timeDecode is the best of three runs, to shrug off a loaded machine.
func timeDecode(data []byte) time.Duration {
	best := time.Duration(1 << 62)
	for range 3 {
		start := time.Now()
		_, _ = DecodeXML(data)
		best = min(best, time.Since(start))
	}
	return best
}
