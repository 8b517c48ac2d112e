package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestReadmePublishingSteps keeps the README's publishing walk-through and the script that runs
// it in step: every command and export of the walk-through's code block must appear, in order,
// in push_readme.txtar (which runs them against a real `wfc dev-server`).
func TestReadmePublishingSteps(t *testing.T) {
	readme, err := os.ReadFile(filepath.Join("..", "..", "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	const marker = "<!-- publishing-walkthrough:"
	_, after, ok := strings.Cut(string(readme), marker)
	if !ok {
		t.Fatalf("README.md has no %s ... --> marker before the walk-through", marker)
	}
	_, block, ok := strings.Cut(after, "```sh\n")
	if !ok {
		t.Fatal("no ```sh block after the walk-through marker")
	}
	block, _, _ = strings.Cut(block, "```")
	script, err := os.ReadFile(filepath.Join("testdata", "script", "push_readme.txtar"))
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
			t.Errorf("README step %q is not run (in this order) by push_readme.txtar", line)
		}
	}
}
