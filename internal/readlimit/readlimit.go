// Package readlimit reads the files wfc is given without trusting them: every read is capped
// while it happens (a limit plus one byte, so "exactly the limit" and "more" are told apart
// without reading the rest), and only regular files are opened for reading, so a FIFO, a
// device such as /dev/zero or a directory is a clear error instead of a hang or an endless
// read. Every reader of wfc goes through File or Read.
package readlimit

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
)

// The limits, in bytes, one per kind of file. Real files are far below them (a workflow is a
// few kilobytes, a taskflow tens of kilobytes); they exist so a hostile or mistaken input ends
// in an error instead of eating a CI runner's memory. Peak memory while linting or converting
// stays a small multiple of the limit (see the memory tests of packages bpmn and lint/driver).
// workflow.MaxFileSize, bpmn.MaxInputSize, driver.MaxFileSize and exportfile.MaxBytes
// are these constants under the names their packages have always used.
const (
	// Workflow is the largest YAML workflow (8 MiB): a 10,000-step workflow is about 1 MiB.
	Workflow = 8 << 20
	// BPMN is the largest BPMN XML, xml-js tree, taskflow, create-version request or export
	// file (64 MiB): an export of a whole workspace holds many taskflows at once.
	BPMN = 64 << 20
	// Catalog is the largest plugin catalog (32 MiB); a real one is a few megabytes.
	Catalog = 32 << 20
	// Config is the largest wfc.yaml (1 MiB); a real one is a few kilobytes.
	Config = 1 << 20
)

// TooLargeError says an input is over its limit. It does not say by how much: the reader
// stopped one byte past the limit.
type TooLargeError struct {
	Name  string // the file, or "<stdin>"
	Limit int64  // bytes
	What  string // what the limit is for, plural: "BPMN files", "wfc.yaml files"
}

func (e *TooLargeError) Error() string {
	return fmt.Sprintf("%s: larger than %s (the limit for %s); real ones are far smaller, so check that this is the file you meant",
		e.Name, Size(e.Limit), e.What)
}

// ReadError is any failure to read a file other than its size: "cannot read NAME: Err".
type ReadError struct {
	Name string
	Err  error // the reason: an os error, or a *NotRegularError
}

func (e *ReadError) Error() string { return "cannot read " + e.Name + ": " + e.Err.Error() }
func (e *ReadError) Unwrap() error { return e.Err }

// NotRegularError is the reason a FIFO, a device or a directory is not read.
type NotRegularError struct {
	Kind string // "a directory", "a named pipe (FIFO)", ...
}

func (e *NotRegularError) Error() string { return "it is " + e.Kind + ", not a regular file" }

// Size words a limit for people: "64 MiB", or bytes when it is not a whole number of MiB.
func Size(n int64) string {
	if n >= 1<<20 && n%(1<<20) == 0 {
		return fmt.Sprintf("%d MiB", n>>20)
	}
	return fmt.Sprintf("%d bytes", n)
}

// File reads the regular file at path, refusing more than limit bytes; what names the kind
// of file in the error ("BPMN files"). The error is a *TooLargeError or a *ReadError.
func File(path string, limit int64, what string) ([]byte, error) {
	// Opened non-blocking where the platform allows: opening a FIFO for reading would
	// otherwise wait for a writer before the type check below could refuse it.
	f, err := os.OpenFile(path, os.O_RDONLY|openNonBlock, 0)
	if err != nil {
		return nil, readError(path, err)
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, readError(path, err)
	}
	if !st.Mode().IsRegular() {
		return nil, &ReadError{Name: path, Err: &NotRegularError{Kind: describeMode(st.Mode())}}
	}
	if st.Size() > limit {
		return nil, &TooLargeError{Name: path, Limit: limit, What: what}
	}
	// One allocation of the size the file has now (plus the byte that detects growth), not
	// io.ReadAll's doubling, so reading costs the file's size once.
	buf := make([]byte, 0, st.Size()+1)
	return read(f, buf, path, limit, what)
}

// Read reads r (standard input, say) to its end, refusing more than limit bytes; name stands
// for it in errors.
func Read(r io.Reader, name string, limit int64, what string) ([]byte, error) {
	return read(r, make([]byte, 0, 512), name, limit, what)
}

func read(r io.Reader, buf []byte, name string, limit int64, what string) ([]byte, error) {
	lr := io.LimitReader(r, limit+1)
	for {
		if len(buf) == cap(buf) {
			buf = append(buf, 0)[:len(buf)] // grow as append does
		}
		n, err := lr.Read(buf[len(buf):cap(buf)])
		buf = buf[:len(buf)+n]
		if int64(len(buf)) > limit {
			return nil, &TooLargeError{Name: name, Limit: limit, What: what}
		}
		if errors.Is(err, io.EOF) {
			return buf, nil
		}
		if err != nil {
			return nil, readError(name, err)
		}
	}
}

// readError words an I/O failure as "cannot read PATH: reason", without the operation and
// path that os errors repeat.
func readError(path string, err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		err = pe.Err
	}
	return &ReadError{Name: path, Err: err}
}

func describeMode(m fs.FileMode) string {
	switch {
	case m.IsDir():
		return "a directory"
	case m&fs.ModeNamedPipe != 0:
		return "a named pipe (FIFO)"
	case m&fs.ModeSocket != 0:
		return "a socket"
	case m&fs.ModeCharDevice != 0:
		return "a character device"
	case m&fs.ModeDevice != 0:
		return "a device"
	}
	return "of type " + m.Type().String()
}
