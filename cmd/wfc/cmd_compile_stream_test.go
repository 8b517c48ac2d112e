package main

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// shortWriter takes limit bytes, then fails every write as a full disk or a closed pipe does.
type shortWriter struct {
	got   bytes.Buffer
	limit int
}

func (w *shortWriter) Write(p []byte) (int, error) {
	n := min(len(p), w.limit-w.got.Len())
	w.got.Write(p[:n])
	if n < len(p) {
		return n, errors.New("no space left on device")
	}
	return n, nil
}

// TestCompileStdoutFailsMidway: standard output that fails after 100 bytes of a request larger
// than the stream buffer is an I/O error (exit 2) that names standard output, for the streamed
// forms and one rendered whole; only the bytes the writer took went out.
func TestCompileStdoutFailsMidway(t *testing.T) {
	var src strings.Builder
	src.WriteString("wfc: 1\nname: Big\ndescription: \"\"\nsteps:\n")
	for i := range 60 {
		fmt.Fprintf(&src, "  - id: s%d\n    action: plugin/act\n", i)
	}
	file := filepath.Join(t.TempDir(), "big.yaml")
	if err := os.WriteFile(file, []byte(src.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, form := range []string{"request", "taskflow", "taskconfig"} {
		out := &shortWriter{limit: 100}
		var stderr bytes.Buffer
		code := run(&env{stdin: strings.NewReader(""), stdout: out, stderr: &stderr, getenv: os.Getenv},
			[]string{"compile", "--emit", form, file})
		if code != exitUsage || !strings.Contains(stderr.String(), "compile: cannot write to standard output: no space left on device") {
			t.Errorf("--emit %s: exit %d, stderr %q; want 2 and the write error", form, code, stderr.String())
		}
		if out.got.Len() != 100 {
			t.Errorf("--emit %s: %d bytes went out; want the 100 the writer took", form, out.got.Len())
		}
	}
}

// TestCompileFirstHeapGoalFollowsTheLargestInput: the first collection's goal is 128 bytes per
// byte of the largest input, standard input included when it is a file, within 24 and 256 MiB.
func TestCompileFirstHeapGoalFollowsTheLargestInput(t *testing.T) {
	dir := t.TempDir()
	sized := func(name string, size int64) string {
		p := filepath.Join(dir, name)
		f, err := os.Create(p)
		if err == nil {
			err = f.Truncate(size)
			f.Close()
		}
		if err != nil {
			t.Fatal(err)
		}
		return p
	}
	small, large, huge := sized("small.yaml", 100), sized("large.yaml", 700_000), sized("huge.yaml", 8<<20)
	file, err := os.Open(large)
	if err != nil {
		t.Fatal(err)
	}
	defer file.Close()
	pipe := strings.NewReader("wfc: 1\n")
	for _, c := range []struct {
		stdin io.Reader
		files []string
		want  uint64
	}{
		{pipe, []string{small}, 24 << 20},
		{pipe, []string{small, large, filepath.Join(dir, "missing.yaml")}, 700_000 * compileHeapPerInputByte},
		{pipe, []string{"-"}, 24 << 20},                          // a pipe's size is unknown
		{file, []string{"-"}, 700_000 * compileHeapPerInputByte}, // wfc compile - < large.yaml
		{pipe, []string{huge}, 256 << 20},
	} {
		e := &env{stdin: c.stdin}
		if got := compileFirstHeapGoal(e, c.files); got != c.want {
			t.Errorf("stdin %T, files %v: goal %d; want %d", c.stdin, c.files, got, c.want)
		}
	}
}
