package secmaster_test

import (
	"bytes"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/wfc-dev/wfc/internal/allocs"
	"github.com/wfc-dev/wfc/internal/race"
	"github.com/wfc-dev/wfc/target"
	"github.com/wfc-dev/wfc/target/secmaster"
)

// TestEmitToIsEmit: every form streamed is byte for byte what Emit renders, for every bundled
// example, and the streamed request is the example's golden request.json.
func TestEmitToIsEmit(t *testing.T) {
	for _, file := range exampleFiles(t) {
		name := strings.TrimSuffix(filepath.Base(file), ".yaml")
		src, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		res := mustCompile(t, "examples/"+filepath.Base(file), src)
		for _, form := range res.Forms() {
			want, err := res.Emit(form)
			if err != nil {
				t.Fatal(err)
			}
			var got bytes.Buffer
			if err := target.EmitTo(res, &got, form); err != nil {
				t.Fatalf("%s %s: %v", name, form, err)
			}
			if !bytes.Equal(got.Bytes(), want) {
				t.Errorf("%s: EmitTo(%s) differs from Emit:\n%.300s\nwant\n%.300s", name, form, got.Bytes(), want)
			}
		}
		var streamed bytes.Buffer
		if err := res.EmitTo(&streamed, secmaster.FormRequest); err != nil {
			t.Fatal(err)
		}
		golden, err := os.ReadFile(filepath.Join("testdata", "examples", name+".request.json"))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(streamed.Bytes(), golden) {
			t.Errorf("%s: the streamed request is not the golden request.json", name)
		}
	}
}

// failingWriter takes limit bytes and then fails every write.
type failingWriter struct{ limit int }

var errDiskFull = errors.New("no space left on device")

func (w *failingWriter) Write(p []byte) (int, error) {
	if len(p) > w.limit {
		n := w.limit
		w.limit = 0
		return n, errDiskFull
	}
	w.limit -= len(p)
	return len(p), nil
}

// TestEmitToReportsAWriteErrorMidway: a destination that fails part way through a request
// larger than the stream's buffer (a 1,000-step workflow, 2.3 MB) gets its error back, for the
// request and the taskflow alike.
func TestEmitToReportsAWriteErrorMidway(t *testing.T) {
	res := mustCompile(t, "gen.yaml", generateWorkflow(1000))
	for _, form := range []string{secmaster.FormRequest, secmaster.FormTaskflow} {
		for _, limit := range []int{0, 100, 1 << 20} {
			if err := res.EmitTo(&failingWriter{limit: limit}, form); !errors.Is(err, errDiskFull) {
				t.Errorf("%s, failing after %d bytes: EmitTo returned %v; want the writer's error", form, limit, err)
			}
		}
	}
}

// TestEmitToAllocationBudget: streaming the request of a 1,000-step workflow (2.3 MB) allocates
// its 64 KiB buffer, the taskflow writer's chunks and tables and small change: neither the
// body nor the 2 MB taskflow inside it, which is encoded as it is written.
func TestEmitToAllocationBudget(t *testing.T) {
	if race.Enabled {
		t.Skip("the race detector changes allocation counts")
	}
	res := mustCompile(t, "gen.yaml", generateWorkflow(1000))
	n := allocs.Bytes(func() {
		if err := res.EmitTo(io.Discard, secmaster.FormRequest); err != nil {
			t.Fatal(err)
		}
	})
	if n > 192<<10 {
		t.Errorf("streaming a 2.3 MB request allocates %d bytes; want at most 192 KiB", n)
	}
}

// TestTaskflowIsEncodedWhenAskedForAllocationBudget: compiling does not encode the taskflow
// (2 MB of base64 at 1,000 steps, the largest allocation of a compile); Request encodes it on
// its first call and keeps it.
func TestTaskflowIsEncodedWhenAskedForAllocationBudget(t *testing.T) {
	if race.Enabled {
		t.Skip("the race detector changes allocation counts")
	}
	src := generateWorkflow(1000)
	var res *secmaster.Result
	compiling := allocs.Bytes(func() { res = mustCompile(t, "gen.yaml", src) })
	var taskflow string
	first := allocs.Bytes(func() { taskflow = mustRequest(t, res).Taskflow })
	again := allocs.Bytes(func() { _ = mustRequest(t, res) })
	if first < uint64(len(taskflow)) {
		t.Errorf("the first Request allocated %d bytes, less than its %d-byte taskflow: compiling (%d bytes) encoded it already",
			first, len(taskflow), compiling)
	}
	if again > 4<<10 {
		t.Errorf("a second Request allocated %d bytes; the taskflow is encoded once", again)
	}
}
