package catalog

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/wfc-dev/wfc/internal/readlimit"
	"github.com/wfc-dev/wfc/internal/readlimit/fifotest"
)

// lint.catalog naming a FIFO (or /dev/zero, or a directory) is an error at once: it once
// blocked forever or read until memory ran out.
func TestLoadRefusesNonRegularFiles(t *testing.T) {
	fifo := fifotest.New(t, "catalog.json")
	err := fifotest.Call(t, fifo, func() error { _, err := Load(fifo); return err })
	if want := "cannot read " + fifo + ": it is a named pipe (FIFO), not a regular file"; err == nil || err.Error() != want {
		t.Errorf("Load(fifo) = %v; want %q", err, want)
	}
	dir := t.TempDir()
	if _, err := Load(dir); err == nil || !strings.HasSuffix(err.Error(), "it is a directory, not a regular file") {
		t.Errorf("Load(dir) = %v", err)
	}
}

// A catalog over the limit is refused with the limit in the message, without being parsed.
func TestLoadRefusesTooLarge(t *testing.T) {
	path := filepath.Join(t.TempDir(), "catalog.json")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	// A sparse file: its size is over the limit without writing 32 MiB.
	if err := f.Truncate(readlimit.Catalog + 1); err != nil {
		t.Fatal(err)
	}
	f.Close()
	_, err = Load(path)
	if want := path + ": larger than 32 MiB (the limit for plugin catalogs)"; err == nil || !strings.HasPrefix(err.Error(), want) {
		t.Errorf("Load(huge) = %v; want %q…", err, want)
	}
}
