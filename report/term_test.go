package report

import (
	"os"
	"path/filepath"
	"testing"
)

func TestIsTerminalFalseForPipesAndFiles(t *testing.T) {
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	defer w.Close()
	f, err := os.Create(filepath.Join(t.TempDir(), "out"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	for _, file := range []*os.File{r, w, f, nil} {
		if IsTerminal(file) {
			t.Errorf("IsTerminal(%v) = true", file)
		}
	}
}

func TestColorEnabled(t *testing.T) {
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	defer w.Close()
	cases := []struct {
		env  map[string]string
		want bool
	}{
		{map[string]string{}, false}, // a pipe
		{map[string]string{"FORCE_COLOR": "1"}, true},
		{map[string]string{"FORCE_COLOR": "0"}, false},
		{map[string]string{"FORCE_COLOR": "false"}, false},
		{map[string]string{"FORCE_COLOR": "1", "NO_COLOR": "1"}, false},
		{map[string]string{"FORCE_COLOR": "1", "NO_COLOR": ""}, true}, // NO_COLOR counts only when non-empty
	}
	for _, c := range cases {
		getenv := func(k string) string { return c.env[k] }
		if got := ColorEnabled(w, getenv); got != c.want {
			t.Errorf("ColorEnabled(pipe, %v) = %v, want %v", c.env, got, c.want)
		}
	}
}
