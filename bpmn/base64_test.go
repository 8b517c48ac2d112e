package bpmn

import (
	"bytes"
	"encoding/base64"
	"errors"
	"io"
	"math/rand"
	"testing"
)

// The fast writer must give exactly the standard encoder's output, whatever the length and
// however the input is cut into writes (groups of 3 split across writes, empty writes).
func TestBase64WriterMatchesStandardEncoding(t *testing.T) {
	rng := rand.New(rand.NewSource(1))
	for size := 0; size < 300; size++ {
		for trial := 0; trial < 4; trial++ {
			src := make([]byte, size)
			rng.Read(src)
			var got bytes.Buffer
			w := newBase64Writer(&got)
			for rest := src; len(rest) > 0; {
				k := rng.Intn(len(rest) + 1) // 0 included: an empty write
				if n, err := w.Write(rest[:k]); n != k || err != nil {
					t.Fatalf("Write(%d bytes) = %d, %v", k, n, err)
				}
				rest = rest[k:]
			}
			if err := w.Close(); err != nil {
				t.Fatal(err)
			}
			if want := base64.StdEncoding.EncodeToString(src); got.String() != want {
				t.Fatalf("%d bytes: got  %s\nwant %s", size, got.String(), want)
			}
		}
	}
}

// Every 12-bit group encodes like the standard alphabet (the table is built, not typed).
func TestBase64PairsTable(t *testing.T) {
	for v := 0; v < 1<<12; v++ {
		src := []byte{byte(v >> 4), byte(v << 4), 0}
		want := base64.StdEncoding.EncodeToString(src)[:2]
		if got := string([]byte{byte(base64Pairs[v]), byte(base64Pairs[v] >> 8)}); got != want {
			t.Fatalf("pair %#x = %q, want %q", v, got, want)
		}
	}
}

var errBoom = errors.New("boom")

type failingWriter struct{ err error }

func (f failingWriter) Write([]byte) (int, error) { return 0, f.err }

func TestBase64WriterReportsWriteError(t *testing.T) {
	w := newBase64Writer(failingWriter{errBoom})
	if _, err := w.Write([]byte("abcdef")); err != errBoom {
		t.Errorf("Write error = %v, want %v", err, errBoom)
	}
	if err := w.Close(); err != errBoom {
		t.Errorf("Close error = %v, want %v", err, errBoom)
	}
}

// BenchmarkBase64Writer compares the taskflow's base64 writer with the standard encoder on
// a megabyte written in the JSON encoder's chunks.
func BenchmarkBase64Writer(b *testing.B) {
	src := bytes.Repeat([]byte(`{"type":"element","name":"bpmn2:sequenceFlow","attributes":{"id":"Flow_0abc123"}},`), 1<<20/80)
	writers := map[string]func(*bytes.Buffer) io.WriteCloser{
		"std":  func(out *bytes.Buffer) io.WriteCloser { return base64.NewEncoder(base64.StdEncoding, out) },
		"fast": func(out *bytes.Buffer) io.WriteCloser { return newBase64Writer(out) },
	}
	for _, name := range []string{"std", "fast"} {
		b.Run(name, func(b *testing.B) {
			b.SetBytes(int64(len(src)))
			var out bytes.Buffer
			for b.Loop() {
				out.Reset()
				w := writers[name](&out)
				for rest := src; len(rest) > 0; {
					n := min(len(rest), flushThreshold+17)
					_, _ = w.Write(rest[:n])
					rest = rest[n:]
				}
				_ = w.Close()
			}
		})
	}
}
