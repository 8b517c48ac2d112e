package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestReadmePublishingSteps keeps the README's publishing walk-throughs and the scripts that
// run them in step: every command and export of a walk-through's code block must appear, in
// order, in its script (which runs them against a real `wfc dev-server`).
func TestReadmePublishingSteps(t *testing.T) {
	readme, err := os.ReadFile(filepath.Join("..", "..", "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	for marker, script := range map[string]string{
		"<!-- publishing-walkthrough:": "push_readme.txtar",
		"<!-- dataworks-walkthrough:":  "dataworks_readme.txtar",
	} {
		checkWalkthrough(t, string(readme), marker, script)
	}
}

// checkWalkthrough checks that the ```sh block after marker in readme is run by script.
func checkWalkthrough(t *testing.T, readme, marker, scriptName string) {
	t.Helper()
	_, after, ok := strings.Cut(readme, marker)
	if !ok {
		t.Fatalf("README.md has no %s ... --> marker before the walk-through", marker)
	}
	_, block, ok := strings.Cut(after, "```sh\n")
	if !ok {
		t.Fatalf("no ```sh block after the walk-through marker %s", marker)
	}
	block, _, _ = strings.Cut(block, "```")
	script, err := os.ReadFile(filepath.Join("testdata", "script", scriptName))
	if err != nil {
		t.Fatal(err)
	}
	var steps []string
	for _, line := range strings.Split(string(script), "\n") {
		switch {
		case strings.HasPrefix(line, "exec wfc "):
			steps = append(steps, strings.TrimPrefix(line, "exec "))
		case strings.HasPrefix(line, "env "):
			steps = append(steps, "export "+strings.TrimPrefix(line, "env "))
		}
	}
	next := 0
	for _, line := range strings.Split(block, "\n") {
		line = strings.TrimSpace(line)
		if line == "" {
			continue
		}
		// The README's dev-server listens on its default port; the script on a free one.
		want := strings.ReplaceAll(line, "127.0.0.1:8787", "127.0.0.1:$PORT")
		found := false
		for ; next < len(steps); next++ {
			if steps[next] == want {
				found = true
				next++
				break
			}
		}
		if !found {
			t.Errorf("README step %q is not run (in this order) by %s", line, scriptName)
		}
	}
}

// TestReadmeDataWorksOutputs: every output line the README's DataWorks walk-through shows is
// one that dataworks_readme.txtar checks wfc prints, so the README cannot drift from wfc.
func TestReadmeDataWorksOutputs(t *testing.T) {
	readme, err := os.ReadFile(filepath.Join("..", "..", "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	_, section, _ := strings.Cut(string(readme), "## Publishing to DataWorks")
	section, _, _ = strings.Cut(section, "\n## ")
	script, err := os.ReadFile(filepath.Join("testdata", "script", "dataworks_readme.txtar"))
	if err != nil {
		t.Fatal(err)
	}
	shown := 0
	for _, line := range strings.Split(section, "\n") {
		if !strings.HasPrefix(line, "plan  ") && !strings.HasPrefix(line, "ok  ") && !strings.HasPrefix(line, "      ~ ") {
			continue
		}
		shown++
		if !strings.Contains(string(script), "\n"+line+"\n") {
			t.Errorf("the README shows %q, which dataworks_readme.txtar does not check", line)
		}
	}
	if shown < 4 {
		t.Errorf("found %d output lines in the README's DataWorks section, want the plan, both pushes and the publish", shown)
	}
}
