package bpmn

import (
	"encoding/base64"
	"io"
	"testing"

	"github.com/wfc-dev/wfc/internal/allocs"
	"github.com/wfc-dev/wfc/internal/race"
)

// TestModelTaskflowAllocationBudget: the taskflow's storage is reserved once from jsonSize
// (exact for a model whose strings need no escapes, plus room for 1 escape byte in 256), so
// encoding a large model allocates little more than the taskflow itself: the 16 KiB JSON
// chunk, the 4 KiB base64 chunk and the writer's tables. The estimate jsonSize replaced reserved
// 12% more than a compiled workflow's taskflow (issue 8, item 20).
func TestModelTaskflowAllocationBudget(t *testing.T) {
	if race.Enabled {
		t.Skip("allocation counts differ under the race detector")
	}
	defs := buildChain(t, 3000)
	w, err := newWriter(defs)
	if err != nil {
		t.Fatal(err)
	}
	tf, err := EncodeModelTaskflow(defs)
	if err != nil {
		t.Fatal(err)
	}
	js, err := base64.StdEncoding.DecodeString(tf)
	if err != nil {
		t.Fatal(err)
	}
	// The chain's strings need no escapes: the count is exact.
	if got, want := len(envelopeStart)+w.jsonSize()+1, len(js); got != want {
		t.Fatalf("taskflow JSON counted as %d bytes, but it is %d", got, want)
	}

	const runs = 5
	perRun := int(allocs.Bytes(func() {
		for range runs {
			if _, err := EncodeModelTaskflow(defs); err != nil {
				t.Fatal(err)
			}
		}
	}) / runs)
	const overhead = 64 << 10 // the chunks and the writer's tables (placed children), in bytes
	limit := len(tf) + len(tf)/128 + overhead
	if perRun > limit {
		t.Errorf("a %d-byte taskflow allocates %d bytes; want at most %d", len(tf), perRun, limit)
	}
}

// TestWriteModelTaskflowAllocationBudget: written to a stream, a taskflow costs its chunks
// and the writer's tables, whatever its size: a 3,000-node chain's 1.3 MB of base64 never
// exists whole. EncodeModelTaskflow, which returns the string, costs the string on top.
func TestWriteModelTaskflowAllocationBudget(t *testing.T) {
	if race.Enabled {
		t.Skip("allocation counts differ under the race detector")
	}
	bytesFor := func(defs *Definitions) float64 {
		return allocs.BytesPerRun(5, func() {
			if err := WriteModelTaskflow(defs, io.Discard); err != nil {
				t.Fatal(err)
			}
		})
	}
	small, large := buildChain(t, 100), buildChain(t, 3000)
	tf, err := EncodeModelTaskflow(large)
	if err != nil {
		t.Fatal(err)
	}
	const overhead = 64 << 10 // the chunks and the writer's tables (placed children), in bytes
	if got := bytesFor(large); got > overhead || got > 2*bytesFor(small)+8<<10 {
		t.Errorf("streaming a %d-byte taskflow allocates %.0f bytes (%.0f for a 100-node chain); want at most %d and about the same",
			len(tf), got, bytesFor(small), overhead)
	}
}
