//go:build unix

package atomicfile

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"syscall"
	"testing"
)

// A new file gets 0666 less the umask, as os.Create gives it. Not parallel: the umask is
// the process's.
func TestWriteFileHonoursUmask(t *testing.T) {
	old := syscall.Umask(0o027)
	defer syscall.Umask(old)
	path := filepath.Join(t.TempDir(), "out.json")
	if err := WriteFile(path, []byte("new")); err != nil {
		t.Fatal(err)
	}
	st, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if st.Mode().Perm() != 0o640 {
		t.Errorf("mode %v, want 0640 under umask 027", st.Mode().Perm())
	}
}

// An overwrite keeps the existing file's mode: a 0600 file stays private, and even a file
// with no permission bits keeps none.
func TestWriteFileKeepsExistingMode(t *testing.T) {
	for _, mode := range []os.FileMode{0o600, 0o000} {
		dir := t.TempDir()
		path := filepath.Join(dir, "out.json")
		if err := os.WriteFile(path, []byte("old"), 0o600); err != nil {
			t.Fatal(err)
		}
		if err := os.Chmod(path, mode); err != nil {
			t.Fatal(err)
		}
		if err := WriteFile(path, []byte("new")); err != nil {
			t.Fatal(err)
		}
		st, err := os.Stat(path)
		if err != nil {
			t.Fatal(err)
		}
		if st.Mode().Perm() != mode {
			t.Errorf("mode %v after overwriting a %v file, want it kept", st.Mode().Perm(), mode)
		}
		if err := os.Chmod(path, 0o600); err != nil { // readable again, also when not root
			t.Fatal(err)
		}
		if got := readString(t, path); got != "new" {
			t.Errorf("content %q, want the new content", got)
		}
		if names := dirNames(t, dir); len(names) != 1 {
			t.Errorf("directory holds %v, want only out.json", names)
		}
	}
}

// A device is not replaced by a regular file (as root, a rename over /dev/stdout would do it).
func TestWriteFileRefusesDevice(t *testing.T) {
	err := WriteFile(os.DevNull, []byte("x"))
	if err == nil || err.Error() != "cannot write "+os.DevNull+": it is not a regular file, and wfc replaces output files whole; write to a file" {
		t.Errorf("err = %v", err)
	}
}

const helperEnv = "WFC_ATOMICFILE_SIGNAL_HELPER"

// SIGTERM during a write, for real: the process still ends by the signal, and neither the
// temporary nor a changed file is left. The write runs in a child process (this test binary),
// which sends itself SIGTERM after writing the temporary.
func TestWriteFileSIGTERMRemovesTemporary(t *testing.T) {
	if dir := os.Getenv(helperEnv); dir != "" {
		setHook(t, func(step string, in *interrupts) error {
			if step == "sync" {
				if err := syscall.Kill(syscall.Getpid(), syscall.SIGTERM); err != nil {
					return err
				}
				for len(in.ch) == 0 { // signal delivery is asynchronous; wait for it, not for a time
					runtime.Gosched()
				}
			}
			return nil
		})
		err := WriteFile(filepath.Join(dir, "out.json"), []byte("new"))
		t.Fatalf("the process outlived SIGTERM; WriteFile returned %v", err)
	}
	dir := t.TempDir()
	path := filepath.Join(dir, "out.json")
	if err := os.WriteFile(path, []byte("old"), 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(os.Args[0], "-test.run=^TestWriteFileSIGTERMRemovesTemporary$")
	cmd.Env = append(os.Environ(), helperEnv+"="+dir)
	out, err := cmd.CombinedOutput()
	var ee *exec.ExitError
	if !errors.As(err, &ee) {
		t.Fatalf("child: %v\n%s", err, out)
	}
	ws, ok := ee.Sys().(syscall.WaitStatus)
	if !ok || !ws.Signaled() || ws.Signal() != syscall.SIGTERM {
		t.Fatalf("child ended with %v, want death by SIGTERM\n%s", err, out)
	}
	if got := readString(t, path); got != "old" {
		t.Errorf("content %q, want the old file untouched", got)
	}
	if names := dirNames(t, dir); len(names) != 1 {
		t.Errorf("directory holds %v, want only out.json", names)
	}
}
