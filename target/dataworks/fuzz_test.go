package dataworks_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/wfc-dev/wfc/lint"
	"github.com/wfc-dev/wfc/lint/driver"
	"github.com/wfc-dev/wfc/target"
)

// FuzzDataWorksWorkflow takes DataWorks workflows, valid and not, through the whole driver
// (load, resolve, the DataWorks Check and Compile, every rule) and through a full compile:
// nothing crashes (a panic comes back as an "internal" diagnostic), two runs agree, and a
// workflow that compiles gives a document.
func FuzzDataWorksWorkflow(f *testing.F) {
	seeds, _ := filepath.Glob("testdata/compile/*/workflow.yaml")
	more, _ := filepath.Glob("testdata/errors/*.yaml")
	for _, file := range append(seeds, more...) {
		src, err := os.ReadFile(file)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(src)
	}
	const head = "wfc: 1\ntarget: dataworks\nname: w\ndescription: \"\"\n"
	for _, broken := range []string{
		"steps: []\n",
		"steps:\n  - run: {command: X}\n",
		"steps:\n  - id: a\n",
		"steps:\n  - id: a\n    switch: []\n",
		"steps:\n  - id: a\n    switch:\n      - {when: \"${\", next: nowhere}\n",
		"steps:\n  - id: a\n    parallel: []\n  - id: b\n    parallel:\n      - steps: []\n",
		"steps:\n  - id: a\n    run: {command: DIDE_SHELL, code: x}\n    next: a\n    on_error: a\n",
		"outputs: [{}]\nsteps:\n  - id: a\n    run: {command: DIDE_SHELL, file: /etc/passwd}\n    with: {x: [1], y: }\n",
		"schedule: {}\nsteps:\n  - id: a\n    run: {}\n",
	} {
		f.Add([]byte(head + broken))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		s := lint.Settings{Extends: lint.All}
		diags, err := driver.File("w.yaml", src, s)
		if err != nil {
			return // over the size limit
		}
		again, _ := driver.File("w.yaml", src, s)
		if diags.Error() != again.Error() {
			t.Fatalf("two runs differ:\n%s\n---\n%s", diags.Error(), again.Error())
		}
		for _, d := range diags {
			if d.Rule == driver.RuleInternal {
				t.Fatalf("crashed: %s\n%s", d.Message, d.Detail)
			}
		}
		u := target.BuildFor("", "w.yaml", src, target.Options{})
		if !u.Diags.HasErrors() && u.Artifact == nil {
			t.Fatalf("no error and no artifact: %v", u.Diags)
		}
		if u.Artifact != nil {
			if _, err := u.Artifact.Emit(u.Artifact.Forms()[0]); err != nil {
				t.Fatal(err)
			}
		}
	})
}
