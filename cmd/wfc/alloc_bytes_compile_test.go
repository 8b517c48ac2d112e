package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/wfc-dev/wfc/internal/allocs"
	"github.com/wfc-dev/wfc/internal/race"
)

// TestCompileFitsUnderItsFirstHeapGoalAllocationBudget: `wfc compile` of a 2,100-step workflow
// and the writing of its request allocate less than compileHeapPerInputByte per byte of YAML,
// so the first collection, set there (compileFirstHeapGoal), comes after the compile and not
// in the middle of it. A compile that allocates more per byte must raise the constant with
// this test.
func TestCompileFitsUnderItsFirstHeapGoalAllocationBudget(t *testing.T) {
	if race.Enabled {
		t.Skip("the race detector changes allocation counts")
	}
	var src strings.Builder
	src.WriteString("wfc: 1\nname: Generated\ndescription: allocation budget\ninputs:\n  - name: x\nsteps:\n")
	for i := range 700 {
		fmt.Fprintf(&src, `  - id: a%[1]d
    action: plugin/act
    with: { x: "${inputs.x}", n: %[1]d }
  - id: s%[1]d
    switch:
      - when: "${steps.a%[1]d.output.score > 5}"
        next: v%[1]d
    default: v%[1]d
  - id: v%[1]d
    approval: { approvers: [lead], timeout: 1h }
`, i)
	}
	dir := t.TempDir()
	file, out := filepath.Join(dir, "gen.yaml"), filepath.Join(dir, "gen.json")
	if err := os.WriteFile(file, []byte(src.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	// GOGC set keeps startheap from changing this test process's collector.
	e := &env{stdin: strings.NewReader(""), stdout: io.Discard, stderr: io.Discard,
		getenv: func(k string) string { return map[string]string{"GOGC": "100"}[k] }}
	code := -1
	n := allocs.Bytes(func() { code = run(e, []string{"compile", "-o", out, file}) })
	if code != exitOK {
		t.Fatalf("compile exited %d", code)
	}
	if limit := uint64(compileHeapPerInputByte * src.Len()); n > limit {
		t.Errorf("compiling %d bytes of YAML allocates %d bytes (%d per byte); the first heap goal allows %d (%d per byte)",
			src.Len(), n, n/uint64(src.Len()), limit, compileHeapPerInputByte)
	}
}
