package readlimit

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/wfc-dev/wfc/internal/readlimit/fifotest"
)

// endless yields zero bytes forever and counts how many it handed out.
type endless struct{ n int64 }

func (e *endless) Read(p []byte) (int, error) {
	clear(p)
	e.n += int64(len(p))
	return len(p), nil
}

// An endless input stops one byte past the limit, with an error naming it and the limit.
func TestReadStopsAtLimitPlusOne(t *testing.T) {
	const limit = 1000
	src := &endless{}
	data, err := Read(src, "<stdin>", limit, "BPMN files")
	var tl *TooLargeError
	if !errors.As(err, &tl) || data != nil {
		t.Fatalf("Read = %d bytes, %v; want a TooLargeError", len(data), err)
	}
	if src.n > limit+1 {
		t.Errorf("read %d bytes from an endless input; want at most limit+1 = %d", src.n, limit+1)
	}
	if want := "<stdin>: larger than 1000 bytes (the limit for BPMN files)"; !strings.HasPrefix(err.Error(), want) {
		t.Errorf("error %q; want it to start with %q", err, want)
	}
}

func TestReadAtLimitIsAccepted(t *testing.T) {
	in := bytes.Repeat([]byte("x"), 4096)
	data, err := Read(bytes.NewReader(in), "in", int64(len(in)), "files")
	if err != nil || !bytes.Equal(data, in) {
		t.Fatalf("Read of exactly the limit = %d bytes, %v", len(data), err)
	}
	if _, err := Read(bytes.NewReader(in), "in", int64(len(in)-1), "files"); err == nil {
		t.Fatal("Read of one byte more than the limit succeeded")
	}
}

func TestFileLimit(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "f.bpmn")
	if err := os.WriteFile(path, bytes.Repeat([]byte("<"), 2<<20), 0o644); err != nil {
		t.Fatal(err)
	}
	if data, err := File(path, 2<<20, "BPMN files"); err != nil || len(data) != 2<<20 {
		t.Fatalf("File at the limit = %d bytes, %v", len(data), err)
	}
	_, err := File(path, 1<<20, "BPMN files")
	if want := path + ": larger than 1 MiB (the limit for BPMN files)"; err == nil || !strings.HasPrefix(err.Error(), want) {
		t.Fatalf("File over the limit: %v; want %q", err, want)
	}
	_, err = File(filepath.Join(dir, "missing"), 10, "files")
	if want := "cannot read " + filepath.Join(dir, "missing") + ": "; err == nil || !strings.HasPrefix(err.Error(), want) || !errors.Is(err, os.ErrNotExist) {
		t.Errorf("File(missing) = %v; want %q… wrapping ErrNotExist", err, want)
	}
}

// A regular file whose size Stat does not know (procfs reports 0) is still cut at the limit:
// the limit holds while reading, not only after a Stat.
func TestFileLimitHoldsWhileReading(t *testing.T) {
	const path = "/proc/self/maps" // regular, size 0, a few kilobytes of text
	if st, err := os.Stat(path); err != nil || !st.Mode().IsRegular() || st.Size() != 0 {
		t.Skip("no procfs here")
	}
	if _, err := File(path, 64, "files"); err == nil || !strings.HasPrefix(err.Error(), path+": larger than 64 bytes") {
		t.Errorf("File(%s, 64) = %v; want it refused as larger than 64 bytes", path, err)
	}
	if data, err := File(path, 1<<20, "files"); err != nil || len(data) < 64 {
		t.Errorf("File(%s, 1 MiB) = %d bytes, %v; want its text", path, len(data), err)
	}
}

// A character device that never ends (/dev/zero, as a catalog path in wfc.yaml once made wfc
// read until it ran out of memory) is refused before a byte is read.
func TestFileRefusesDevice(t *testing.T) {
	if _, err := os.Stat("/dev/zero"); err != nil {
		t.Skip("no /dev/zero here")
	}
	data, err := File("/dev/zero", 1<<20, "plugin catalogs")
	var nr *NotRegularError
	if !errors.As(err, &nr) || data != nil {
		t.Fatalf("File(/dev/zero) = %d bytes, %v; want a NotRegularError", len(data), err)
	}
	if want := "cannot read /dev/zero: it is a character device, not a regular file"; err.Error() != want {
		t.Errorf("error %q; want %q", err, want)
	}
}

func TestFileRefusesDirectory(t *testing.T) {
	dir := t.TempDir()
	_, err := File(dir, 10, "files")
	if want := "cannot read " + dir + ": it is a directory, not a regular file"; err == nil || err.Error() != want {
		t.Errorf("File(dir) = %v; want %q", err, want)
	}
}

// A FIFO with no writer is refused at once; without the non-blocking open, opening it for
// reading waits for a writer forever.
func TestFileRefusesFIFOWithoutBlocking(t *testing.T) {
	path := fifotest.New(t, "fifo")
	err := fifotest.Call(t, path, func() error {
		_, err := File(path, 1<<20, "files")
		return err
	})
	if want := "cannot read " + path + ": it is a named pipe (FIFO), not a regular file"; err == nil || err.Error() != want {
		t.Errorf("File(fifo) = %v; want %q", err, want)
	}
}
