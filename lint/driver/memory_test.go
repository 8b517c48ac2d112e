package driver

import (
	"bytes"
	"fmt"
	"runtime"
	"testing"

	"github.com/wfc-dev/wfc/lint"
	"github.com/wfc-dev/wfc/target/secmaster"
)

// Linting a file allocates a small multiple of its size, whatever it holds: a taskflow once
// cost 16 bytes per byte, refusing text that is not BPMN 11, XML that is not BPMN 8, and a
// diagram with five problems on every line 172, most of it diagnostics never shown. The
// measure is bytes allocated (runtime.MemStats.TotalAlloc), a count that load cannot change.
func TestLintMemoryIsASmallMultipleOfInput(t *testing.T) {
	res, diags := secmaster.CompileFile("gen.yaml", []byte(genWorkflow(1, 1000)), secmaster.Options{})
	if res == nil || diags.HasErrors() {
		t.Fatalf("generated workflow does not compile: %v", diags.Error())
	}
	req, err := res.Request()
	if err != nil {
		t.Fatal(err)
	}
	taskflow := []byte(req.Taskflow)
	prose := bytes.Repeat([]byte("not a diagram, just words, "), len(taskflow)/27)
	svg := append([]byte(`<svg xmlns="http://www.w3.org/2000/svg">`), bytes.Repeat([]byte(`<rect x="1" y="2" width="10" height="10"/>`), len(taskflow)/42)...)
	svg = append(svg, "</svg>"...)
	// Tasks without names, flows or a diagram: five problems each, millions in a large file.
	unnamed := []byte(`<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="D"><bpmn:process id="P">`)
	for i := 0; len(unnamed) < len(taskflow); i++ {
		unnamed = fmt.Appendf(unnamed, "<bpmn:task id=\"Task_%d\"/>\n", i)
	}
	unnamed = append(unnamed, "</bpmn:process></bpmn:definitions>"...)
	cases := []struct {
		name     string
		src      []byte
		maxRatio float64 // bytes allocated per input byte
	}{
		{"flow.taskflow", taskflow, 9},
		{"words.bpmn", prose, 3},
		{"drawing.bpmn", svg, 3}, // XML, but not BPMN: refused at its root element
		{"unnamed.bpmn", unnamed, 50},
	}
	for _, c := range cases {
		var before, after runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&before)
		_, err := File(c.name, c.src, lint.Settings{})
		runtime.ReadMemStats(&after)
		if err != nil {
			t.Fatal(err)
		}
		ratio := float64(after.TotalAlloc-before.TotalAlloc) / float64(len(c.src))
		t.Logf("%s: %d bytes, %.2f bytes allocated per byte", c.name, len(c.src), ratio)
		if ratio > c.maxRatio {
			t.Errorf("%s: linting allocated %.2f bytes per input byte; want at most %.0f", c.name, ratio, c.maxRatio)
		}
	}
}
