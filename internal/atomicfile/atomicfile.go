// Package atomicfile writes output files so that a reader sees the old content or the new,
// never a half-written file, and so that a failure or an interrupt leaves the old file as it
// was and no temporary behind. Every wfc command that writes a file (-o) goes through it.
package atomicfile

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
)

// TempInfix is in the name of every temporary: path's directory gets ".NAME" + TempInfix +
// digits while NAME is written. Only kill -9 (or a crash of the machine) can leave one
// behind; it is safe to delete.
const TempInfix = ".tmp-"

// WriteFile writes data to path through a temporary file in the same directory and a rename.
//
//   - A new file gets mode 0666 less the umask, as os.Create gives it; an existing file keeps
//     its mode (a 0600 file stays private).
//   - The data is flushed to disk (fsync) before the rename, and the directory after it where
//     the platform allows, so the new content survives a crash of the machine.
//   - When path is a symbolic link, the file it points to is replaced, not the link.
//   - On any error the temporary is removed and path is left as it was. SIGINT and SIGTERM
//     during the write are held until the temporary is gone (the file is then either old or
//     new); the process then ends by that signal, as it would have without wfc holding it.
func WriteFile(path string, data []byte) error {
	return WriteWith(path, func(w io.Writer) error {
		_, err := w.Write(data)
		return err
	})
}

// WriteWith is WriteFile with the content written by fill, as it is produced, instead of
// built whole in memory first (a compiled request of a large workflow is tens of megabytes).
// fill writes to the temporary; when it returns an error, or a write to it fails, path is
// left as it was and the error is returned as "cannot write PATH: ERROR".
func WriteWith(path string, fill func(w io.Writer) error) error {
	in := holdInterrupts()
	err := write(path, fill, in)
	in.release()
	return err
}

// testHook, when set, runs before each step of write and fails the step with its error. The
// tests inject failures and signals through it.
var testHook func(step string, in *interrupts) error

// write does WriteWith's work; in tells whether an interrupt arrived during it.
func write(path string, fill func(io.Writer) error, in *interrupts) error {
	target, existing, err := destination(path)
	if err != nil {
		return err
	}
	f, err := createTemp(target)
	if err != nil {
		return writeError(path, err)
	}
	renamed := false
	defer func() {
		if !renamed {
			f.Close() // a second Close after a failed step only returns an error
			os.Remove(f.Name())
		}
	}()
	steps := []struct {
		name string
		do   func() error
	}{
		{"write", func() error { return fill(f) }},
		{"chmod", func() error {
			if existing == nil {
				return nil // new: the umask applied at create time
			}
			return f.Chmod(existing.Mode().Perm())
		}},
		{"sync", f.Sync},
		{"close", f.Close},
		{"rename", func() error {
			if in.pending() {
				return errors.New("interrupted")
			}
			return os.Rename(f.Name(), target)
		}},
	}
	for _, s := range steps {
		if err := runStep(s.name, in, s.do); err != nil {
			return writeError(path, err)
		}
	}
	renamed = true
	if err := runStep("syncdir", in, func() error { return syncDir(filepath.Dir(target)) }); err != nil {
		return fmt.Errorf("wrote %s, but could not flush its directory to disk: %v", path, unwrap(err))
	}
	return nil
}

func runStep(name string, in *interrupts, do func() error) error {
	if testHook != nil {
		if err := testHook(name, in); err != nil {
			return err
		}
	}
	return do()
}

// destination resolves path to the file that will be replaced (following symbolic links),
// and returns that file's information when it exists (its mode is kept), nil for a new file.
func destination(path string) (string, fs.FileInfo, error) {
	target, err := filepath.EvalSymlinks(path)
	if errors.Is(err, fs.ErrNotExist) {
		return path, nil, nil // a new file, or a dangling link that is replaced
	}
	if err != nil {
		return "", nil, writeError(path, err)
	}
	st, err := os.Stat(target)
	if err != nil {
		return "", nil, writeError(path, err)
	}
	if st.IsDir() {
		return "", nil, fmt.Errorf("cannot write %s: it is a directory", path)
	}
	if !st.Mode().IsRegular() {
		return "", nil, fmt.Errorf("cannot write %s: it is not a regular file, and wfc replaces output files whole; write to a file", path)
	}
	return target, st, nil
}

// createTemp creates an empty temporary next to target with mode 0666, which the kernel
// reduces by the umask (os.CreateTemp would give 0600 whatever the umask).
func createTemp(target string) (*os.File, error) {
	dir, base := filepath.Split(target)
	if dir == "" {
		dir = "."
	}
	for range 100 {
		name := filepath.Join(dir, "."+base+TempInfix+strconv.FormatUint(rand.Uint64(), 10))
		f, err := os.OpenFile(name, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o666)
		if !errors.Is(err, fs.ErrExist) {
			return f, err
		}
	}
	return nil, fmt.Errorf("could not find a free temporary name in %s", dir)
}

func writeError(path string, err error) error {
	return fmt.Errorf("cannot write %s: %v", path, unwrap(err))
}

// unwrap drops the operation and path that os errors repeat.
func unwrap(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	var le *os.LinkError
	if errors.As(err, &le) {
		return le.Err
	}
	return err
}
