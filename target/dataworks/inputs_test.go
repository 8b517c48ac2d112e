package dataworks_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/wfc-dev/wfc/lint"
	"github.com/wfc-dev/wfc/lint/driver"
)

// TestInputsReadByScriptsAreUsed: an input a run step reads as ${NAME} (in its code, a with
// value or its script file) is used, so unused-input reports only the input nothing reads,
// and its message says how a script would read it.
func TestInputsReadByScriptsAreUsed(t *testing.T) {
	dir := t.TempDir()
	if err := os.MkdirAll(filepath.Join(dir, "sql"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "sql", "load.sql"), []byte("select * from t where ds = '${day}';\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	const src = `wfc: 1
target: dataworks
name: inputs
description: ""
inputs:
  - { name: region }
  - { name: day }
  - { name: unused }
  - { name: param }
steps:
  - id: load
    run: { command: ODPS_SQL, file: sql/load.sql }
    datasource: odps_first
  - id: echo
    run: { command: DIDE_SHELL, code: "echo ${region} ${undeclared}" }
    with: { p: "${param}" }
`
	path := filepath.Join(dir, "w.yaml")
	u := driver.Workflow(path, []byte(src), driver.Options{Lint: true, Settings: lint.Settings{Extends: lint.All}})
	var unused []string
	for _, d := range u.Diags {
		if d.Rule == "unused-input" {
			unused = append(unused, d.Message)
		}
	}
	want := `input "unused" is never used; remove it, or reference it as ${inputs.unused} in an expression or as ${unused} in a node's script or parameters`
	if len(unused) != 1 || unused[0] != want {
		t.Errorf("unused-input reported %q, want only %q", unused, want)
	}
	if strings.Contains(strings.Join(unused, "\n"), `"day"`) {
		t.Error("an input read by the script file is reported unused")
	}
}
