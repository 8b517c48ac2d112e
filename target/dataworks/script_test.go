package dataworks

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestReadScript(t *testing.T) {
	dir := t.TempDir()
	wf := filepath.Join(dir, "flows", "daily.yaml")
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(os.MkdirAll(filepath.Join(dir, "flows", "sql"), 0o755))
	must(os.WriteFile(filepath.Join(dir, "flows", "sql", "load.sql"), []byte("select 1;\n"), 0o644))
	must(os.WriteFile(filepath.Join(dir, "shared.sh"), []byte("echo hi\n"), 0o644))
	must(os.WriteFile(filepath.Join(dir, "flows", "latin1.sql"), []byte("select '\xe9';"), 0o644))
	must(os.WriteFile(filepath.Join(dir, "flows", "big.sql"), make([]byte, MaxScriptBytes+1), 0o644))

	if got, err := ReadScript(wf, "sql/load.sql"); err != nil || string(got) != "select 1;\n" {
		t.Errorf("relative to the workflow file: %q, %v", got, err)
	}
	if got, err := ReadScript(wf, "../shared.sh"); err != nil || string(got) != "echo hi\n" {
		t.Errorf("a parent directory: %q, %v", got, err)
	}
	for _, c := range []struct{ file, want string }{
		{"sql/missing.sql", `file "sql/missing.sql" (` + filepath.Join(dir, "flows", "sql", "missing.sql") + `): no such file or directory`},
		{"sql", `file "sql" (` + filepath.Join(dir, "flows", "sql") + `): it is a directory, not a regular file`},
		{"/etc/passwd", "is an absolute path; write it relative to the workflow file"},
		{"latin1.sql", "is not UTF-8 text"},
		{"big.sql", "is larger than 1 MiB, the limit for a node's script"},
	} {
		_, err := ReadScript(wf, c.file)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("ReadScript(%q) = %v, want an error containing %q", c.file, err, c.want)
		}
	}
}
