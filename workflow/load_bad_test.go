package workflow

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/txtar"

	"github.com/wfc-dev/wfc/internal/golden"
)

// TestLoadBad loads each testdata/*.txtar's in.yaml and compares the diagnostics, one per
// line as file:line:col: message [rule], with its want section. Regenerate with -update and
// review the diff like code.
func TestLoadBad(t *testing.T) {
	files, err := filepath.Glob("testdata/*.txtar")
	if err != nil || len(files) == 0 {
		t.Fatalf("no testdata/*.txtar files (%v)", err)
	}
	for _, file := range files {
		t.Run(strings.TrimSuffix(filepath.Base(file), ".txtar"), func(t *testing.T) {
			ar, err := txtar.ParseFile(file)
			if err != nil {
				t.Fatal(err)
			}
			var in []byte
			wantIdx := -1
			for i, f := range ar.Files {
				switch f.Name {
				case "in.yaml":
					in = f.Data
				case "want":
					wantIdx = i
				}
			}
			if in == nil || wantIdx < 0 {
				t.Fatalf("%s needs -- in.yaml -- and -- want -- sections", file)
			}
			_, diags := Load("in.yaml", in)
			var got bytes.Buffer
			for _, d := range diags {
				got.WriteString(d.Error() + "\n")
			}
			if len(diags) == 0 {
				t.Errorf("no diagnostics; every testdata case is a bad input")
			}
			if golden.Update() {
				ar.Files[wantIdx].Data = got.Bytes()
				if err := os.WriteFile(file, txtar.Format(ar), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			if want := string(ar.Files[wantIdx].Data); got.String() != want {
				t.Errorf("diagnostics differ\n--- got\n%s--- want\n%s", got.String(), want)
			}
		})
	}
}
