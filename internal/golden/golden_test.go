package golden

import (
	"os"
	"path/filepath"
	"testing"
)

// recorder captures what Check reports instead of failing the real test.
type recorder struct {
	testing.TB
	errors int
	fatal  bool
}

func (r *recorder) Helper()               {}
func (r *recorder) Errorf(string, ...any) { r.errors++ }
func (r *recorder) Fatalf(string, ...any) { r.fatal = true }
func (r *recorder) Fatal(...any)          { r.fatal = true }

func withUpdate(t *testing.T, on bool) {
	old := *update
	*update = on
	t.Cleanup(func() { *update = old })
}

func TestCheckComparesWithoutUpdate(t *testing.T) {
	withUpdate(t, false)
	path := filepath.Join(t.TempDir(), "x.golden")
	if err := os.WriteFile(path, []byte("want\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	same := &recorder{TB: t}
	Check(same, path, []byte("want\n"))
	if same.errors != 0 || same.fatal {
		t.Errorf("equal output reported as a difference")
	}
	differ := &recorder{TB: t}
	Check(differ, path, []byte("got\n"))
	if differ.errors != 1 {
		t.Errorf("different output reported %d times, want once", differ.errors)
	}
	if data, _ := os.ReadFile(path); string(data) != "want\n" {
		t.Errorf("Check without -update rewrote the golden file: %q", data)
	}
}

func TestCheckMissingFileIsFatal(t *testing.T) {
	withUpdate(t, false)
	r := &recorder{TB: t}
	Check(r, filepath.Join(t.TempDir(), "absent.golden"), []byte("x"))
	if !r.fatal {
		t.Errorf("a missing golden file did not stop the test")
	}
}

func TestCheckWritesUnderUpdate(t *testing.T) {
	withUpdate(t, true)
	path := filepath.Join(t.TempDir(), "sub", "x.golden")
	r := &recorder{TB: t}
	Check(r, path, []byte("new\n"))
	if r.errors != 0 || r.fatal {
		t.Fatalf("writing under -update failed")
	}
	if data, err := os.ReadFile(path); err != nil || string(data) != "new\n" {
		t.Errorf("golden file = %q, %v; want %q", data, err, "new\n")
	}
}
