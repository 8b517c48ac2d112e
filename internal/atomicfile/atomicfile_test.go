package atomicfile

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// dirNames lists a directory, so a test can see that no temporary is left.
func dirNames(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	return names
}

func readString(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func setHook(t *testing.T, hook func(step string, in *interrupts) error) {
	t.Helper()
	testHook = hook
	t.Cleanup(func() { testHook = nil })
}

// A failure at any step leaves the old file as it was and no temporary behind.
func TestWriteFileFailureLeavesOldFileAndNoTemporary(t *testing.T) {
	for _, step := range []string{"write", "chmod", "sync", "close", "rename"} {
		t.Run(step, func(t *testing.T) {
			dir := t.TempDir()
			path := filepath.Join(dir, "out.json")
			if err := os.WriteFile(path, []byte("old"), 0o644); err != nil {
				t.Fatal(err)
			}
			reached := false
			setHook(t, func(s string, _ *interrupts) error {
				if s == step {
					reached = true
					return errors.New("disk on fire")
				}
				return nil
			})
			err := WriteFile(path, []byte("new"))
			if !reached || err == nil || err.Error() != "cannot write "+path+": disk on fire" {
				t.Fatalf("reached %v, err %v; want the injected error for %s", reached, err, path)
			}
			if got := readString(t, path); got != "old" {
				t.Errorf("content %q, want the old file untouched", got)
			}
			if names := dirNames(t, dir); len(names) != 1 || names[0] != "out.json" {
				t.Errorf("directory holds %v, want only out.json", names)
			}
		})
	}
}

// A failure to create the temporary (a missing directory) says which file could not be written.
func TestWriteFileMissingDirectory(t *testing.T) {
	path := filepath.Join(t.TempDir(), "no", "out.json")
	err := WriteFile(path, []byte("x"))
	if err == nil || err.Error() != "cannot write "+path+": no such file or directory" {
		t.Errorf("err = %v", err)
	}
}

// An interrupt that arrives before the rename abandons the write: the old file stays and
// the temporary is removed.
func TestWriteInterruptedBeforeRename(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "out.json")
	if err := os.WriteFile(path, []byte("old"), 0o644); err != nil {
		t.Fatal(err)
	}
	in := &interrupts{ch: make(chan os.Signal, 1)}
	in.ch <- syscall.SIGTERM
	err := write(path, func(w io.Writer) error { _, err := io.WriteString(w, "new"); return err }, in)
	if err == nil || !strings.HasSuffix(err.Error(), ": interrupted") {
		t.Fatalf("err = %v, want interrupted", err)
	}
	if got := readString(t, path); got != "old" {
		t.Errorf("content %q, want the old file untouched", got)
	}
	if names := dirNames(t, dir); len(names) != 1 {
		t.Errorf("directory holds %v, want only out.json", names)
	}
}

// A symbolic link is followed: the file it names gets the new content and the link stays.
func TestWriteFileThroughSymlink(t *testing.T) {
	dir := t.TempDir()
	real := filepath.Join(dir, "real.json")
	link := filepath.Join(dir, "link.json")
	if err := os.WriteFile(real, []byte("old"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("real.json", link); err != nil {
		t.Skip("no symbolic links here:", err)
	}
	if err := WriteFile(link, []byte("new")); err != nil {
		t.Fatal(err)
	}
	if st, err := os.Lstat(link); err != nil || st.Mode()&os.ModeSymlink == 0 {
		t.Errorf("the link was replaced: %v %v", st, err)
	}
	if got := readString(t, real); got != "new" {
		t.Errorf("the linked file holds %q, want the new content", got)
	}
}

// A directory is not replaced by a file.
func TestWriteFileRefusesDirectory(t *testing.T) {
	dir := t.TempDir()
	err := WriteFile(dir, []byte("x"))
	if err == nil || err.Error() != "cannot write "+dir+": it is a directory" {
		t.Errorf("err = %v", err)
	}
}
