package atomicfile

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"testing"
)

// WriteWith's content is everything fill wrote, in order, in as many writes as it made.
func TestWriteWithWritesWhatFillWrites(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "out.json")
	if err := os.WriteFile(path, []byte("old"), 0o600); err != nil {
		t.Fatal(err)
	}
	err := WriteWith(path, func(w io.Writer) error {
		for _, s := range []string{"{", "\n  \"a\": 1", "\n}\n"} {
			if _, err := io.WriteString(w, s); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if got := readString(t, path); got != "{\n  \"a\": 1\n}\n" {
		t.Errorf("content %q", got)
	}
	if st, err := os.Stat(path); err != nil || st.Mode().Perm() != 0o600 {
		t.Errorf("mode %v (%v); want the existing file's 0600 kept", st.Mode(), err)
	}
	if names := dirNames(t, dir); len(names) != 1 {
		t.Errorf("directory holds %v, want only out.json", names)
	}
}

// A fill that fails after writing half its content leaves the old file (or no file) and no
// temporary, and its error is returned for the path.
func TestWriteWithFailedFillLeavesNoHalfWrittenFile(t *testing.T) {
	for _, existed := range []bool{true, false} {
		dir := t.TempDir()
		path := filepath.Join(dir, "out.json")
		if existed {
			if err := os.WriteFile(path, []byte("old"), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		err := WriteWith(path, func(w io.Writer) error {
			if _, err := io.WriteString(w, "{\n  \"half\": "); err != nil {
				return err
			}
			return errors.New("renderer broke")
		})
		if err == nil || err.Error() != "cannot write "+path+": renderer broke" {
			t.Fatalf("err = %v; want the fill's error for %s", err, path)
		}
		names := dirNames(t, dir)
		switch {
		case existed && (len(names) != 1 || readString(t, path) != "old"):
			t.Errorf("directory holds %v; want out.json untouched and nothing else", names)
		case !existed && len(names) != 0:
			t.Errorf("directory holds %v; want nothing", names)
		}
	}
}
