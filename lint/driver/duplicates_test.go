package driver

import (
	"testing"

	"github.com/wfc-dev/wfc/lint"
)

// Lint refuses a second input of the same name as compile does, with the compiler's check,
// also when the file has schema errors (the compiler checks a file that did not load cleanly too).
func TestFileDuplicateInputs(t *testing.T) {
	body := "inputs:\n  - name: host\n  - name: host\n    type: number\nsteps:\n  - id: a\n    action: p/a\n"
	for name, tc := range map[string]struct{ src, want string }{
		"clean otherwise": {"wfc: 1\nname: x\ndescription: \"\"\n" + body, "d.yaml:6:11 error compile\n"},
		"schema errors":   {"wfc: 1\nname: x\n" + body, "d.yaml:1:1 error schema\nd.yaml:5:11 error compile\n"},
	} {
		if got := summarize(mustFile(t, "d.yaml", []byte(tc.src), lint.Settings{Extends: lint.All})); got != tc.want {
			t.Errorf("%s: got:\n%swant:\n%s", name, got, tc.want)
		}
	}
}
