package driver

import (
	"strings"
	"testing"

	"github.com/wfc-dev/wfc/lint"
)

// The benchmark must measure the full path (load, schema, compile, every rule), which only
// runs on workflows without errors: the generated ones must be clean and distinct.
func TestGeneratedWorkflowsAreCleanAndDistinct(t *testing.T) {
	seen := map[string]int{}
	for n := range 25 {
		src := genWorkflow(n, 30)
		if c := strings.Count(src, "- id: "); c < 30 || c > 32 {
			t.Errorf("workflow %d has %d steps, want about 30", n, c)
		}
		for _, kind := range []string{"switch:", "parallel:", "approval:", "${"} {
			if !strings.Contains(src, kind) {
				t.Errorf("workflow %d has no %s", n, kind)
			}
		}
		if prev, dup := seen[src]; dup {
			t.Errorf("workflows %d and %d are the same", prev, n)
		}
		seen[src] = n
		diags := mustFile(t, "gen.yaml", []byte(src), lint.Settings{Extends: lint.All})
		for _, d := range diags {
			t.Errorf("workflow %d: %s\n%s", n, d.Error(), src)
		}
	}
}
