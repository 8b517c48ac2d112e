package bpmn

import (
	"io"
	"testing"
)

// compiledModel is the model of a compiled 70-step workflow (testdata/compiled): the mix
// of elements, attributes, references and DI the taskflow writer meets when compiling.
func compiledModel(tb testing.TB) *Definitions {
	return readXMLFile(tb, "testdata/compiled/generated-70.bpmn")
}

// The compiled model's streamed JSON is byte for byte the JSON of Write's tree.
func TestCompiledModelStreamMatchesTree(t *testing.T) {
	assertStreamMatchesTree(t, "generated-70", compiledModel(t))
}

// BenchmarkModelJSON is the taskflow JSON generation alone (no base64) of a compiled
// workflow: the writer's walk and the JSON sink, then the size pass that sizes the output.
func BenchmarkModelJSON(b *testing.B) {
	defs := compiledModel(b)
	b.Run("write", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if err := writeModelJSON(defs, io.Discard, true); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("size", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			w, err := newWriter(defs)
			if err != nil {
				b.Fatal(err)
			}
			_ = w.jsonSize()
		}
	})
}
