package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestExamplesLintWithDevCatalog: every README example lints clean against the catalog pulled
// from the emulator `wfc dev-server` runs, so the seeded plugins and examples/ cannot drift
// apart (issue 8, item seed catalog).
func TestExamplesLintWithDevCatalog(t *testing.T) {
	srv, run := cliAgainst(t)
	srv.SeedExamples()
	dir := t.TempDir()
	catalog := filepath.Join(dir, "cat.json")
	if code, stdout, stderr := run("catalog", "pull", "-o", catalog); code != exitOK {
		t.Fatalf("wfc catalog pull: exit %d\n%s%s", code, stdout, stderr)
	}
	config := filepath.Join(dir, "wfc.yaml")
	if err := os.WriteFile(config, []byte("lint:\n  catalog: cat.json\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if code, stdout, stderr := run("lint", "--config", config, "../../examples"); code != exitOK {
		t.Errorf("wfc lint examples/ with the dev-server catalog: exit %d\n%s%s", code, stdout, stderr)
	}

	// The catalog is in force: an action it lacks is an error.
	bad := filepath.Join(dir, "bad.yaml")
	src := "wfc: 1\nname: Bad\ndescription: A misspelt action.\nsteps:\n  - id: a\n    name: A\n    action: threatbook/ip_reputaton\n    with: { ip: 1.2.3.4 }\n"
	if err := os.WriteFile(bad, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	if code, stdout, stderr := run("lint", "--config", config, bad); code == exitOK || !strings.Contains(stdout+stderr, "unknown-action") {
		t.Errorf("wfc lint of an action missing from the catalog: exit %d, want unknown-action\n%s%s", code, stdout, stderr)
	}
}
