// Package fifotest helps tests prove that a reader refuses a FIFO instead of blocking on it.
package fifotest

import (
	"os"
	"path/filepath"
	"testing"
	"time"
)

// New makes a FIFO named name in a temporary directory, or skips the test where the
// platform has none.
func New(t *testing.T, name string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := mkfifo(path); err != nil {
		t.Skipf("cannot make a FIFO here: %v", err)
	}
	return path
}

// hangGuard only keeps a regression from hanging the test run forever; it is not a timing
// assertion (a working reader returns at once, a broken one never does).
const hangGuard = time.Minute

// Call runs read, which opens the FIFO at path, and returns its error. If read is still
// blocked after hangGuard, Call opens the FIFO for writing so that read can end, and fails the
// test.
func Call(t *testing.T, path string, read func() error) error {
	t.Helper()
	done := make(chan error, 1)
	go func() { done <- read() }()
	select {
	case err := <-done:
		return err
	case <-time.After(hangGuard):
		if w, err := os.OpenFile(path, os.O_WRONLY, 0); err == nil {
			w.Close()
		}
		<-done
		t.Fatalf("reading the FIFO %s blocked waiting for a writer", path)
		return nil
	}
}
