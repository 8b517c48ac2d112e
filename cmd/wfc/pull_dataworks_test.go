package main

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

func TestPulledStampTellsAnEditedFileFromAnUneditedOne(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "daily.yaml")
	yaml := []byte("# Decompiled by wfc from DataWorks workflow 7 \"daily\"\nwfc: 1\nname: daily\n")
	pulled := stampPulled(yaml, nil, dir)
	if !bytes.HasPrefix(pulled, []byte("# Decompiled by wfc from DataWorks workflow 7 \"daily\" (pulled: sha256 ")) {
		t.Fatalf("the stamp is not on the decompiler's first line:\n%s", pulled)
	}
	stamp := recordedStamp(pulled)
	if stamp == "" || !unedited(pulled, path) {
		t.Fatalf("recordedStamp(as written) = %q, unedited %v; want its hash, unedited", stamp, unedited(pulled, path))
	}
	edited := append(bytes.Clone(pulled), "description: mine\n"...)
	if recordedStamp(edited) != stamp || unedited(edited, path) {
		t.Errorf("an edited file: stamp %q, unedited %v; want %q, edited", recordedStamp(edited), unedited(edited, path), stamp)
	}
	if h := recordedStamp(stampPulled(append(bytes.Clone(yaml), "description: new\n"...), nil, dir)); h == stamp {
		t.Errorf("a changed workflow has the stamp of the old one, %s", h)
	}
	if recordedStamp(yaml) != "" || unedited(yaml, path) {
		t.Errorf("a file with no stamp: %q, unedited %v", recordedStamp(yaml), unedited(yaml, path))
	}
	if got := stampPulled([]byte("wfc: 1\n"), nil, dir); !bytes.HasPrefix(got, []byte("# Pulled by wfc (pulled: sha256 ")) {
		t.Errorf("YAML with no head comment gets no first line for the stamp:\n%s", got)
	}
}

func TestPulledStampCoversTheScriptsTheFileNames(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "daily.yaml")
	script := filepath.Join(dir, "scripts", "daily", "load.sql")
	yaml := []byte("# Decompiled by wfc\nsteps:\n  - id: load\n    run: {command: ODPS_SQL, file: scripts/daily/load.sql}\n")
	pulled := stampPulled(yaml, []scriptFile{{Path: script, Text: "SELECT 1;\n"}}, dir)
	if err := os.MkdirAll(filepath.Dir(script), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(script, []byte("SELECT 1;\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if !unedited(pulled, path) {
		t.Fatal("the file and its script as pull wrote them count as edited")
	}
	if recordedStamp(pulled) == recordedStamp(stampPulled(yaml, nil, dir)) {
		t.Error("the stamp does not depend on the script's text")
	}
	if err := os.WriteFile(script, []byte("SELECT 2;\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if unedited(pulled, path) {
		t.Error("an edited script counts as unedited: pull would overwrite it")
	}
	if err := os.Remove(script); err != nil {
		t.Fatal(err)
	}
	if unedited(pulled, path) {
		t.Error("a removed script counts as unedited")
	}
}
