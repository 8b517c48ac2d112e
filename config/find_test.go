package config

import (
	"os"
	"path/filepath"
	"testing"
)

// tree creates files (a trailing / makes a directory) under a new temp dir whose root holds
// .git, so no wfc.yaml above the temp dir can leak into a test.
func tree(t *testing.T, paths ...string) string {
	t.Helper()
	root := t.TempDir()
	for _, p := range append([]string{".git/"}, paths...) {
		full := filepath.Join(root, filepath.FromSlash(p))
		if p[len(p)-1] == '/' {
			if err := os.MkdirAll(full, 0o755); err != nil {
				t.Fatal(err)
			}
			continue
		}
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(full, []byte("lint: {}\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return root
}

func TestFind(t *testing.T) {
	root := tree(t, "wfc.yaml", "a/b/flow.yaml", "nested/wfc.yaml", "nested/deep/flow.yaml",
		"repo/.git/", "repo/src/flow.yaml", "worktree/.git", "worktree/flow.yaml",
		"dirconf/wfc.yaml/", "dirconf/flow.yaml")
	cases := []struct {
		start string
		want  string // "" means not found
	}{
		{"a/b/flow.yaml", "wfc.yaml"},                // from a file, walking up
		{"a/b", "wfc.yaml"},                          // from a directory
		{".", "wfc.yaml"},                            // in the start directory itself
		{"nested/deep/flow.yaml", "nested/wfc.yaml"}, // the nearest wins
		{"repo/src/flow.yaml", ""},                   // repo/.git stops the walk before root's wfc.yaml
		{"worktree/flow.yaml", ""},                   // a .git file (worktree, submodule) stops it too
		{"dirconf/flow.yaml", "wfc.yaml"},            // a directory named wfc.yaml is not a config
	}
	for _, c := range cases {
		got, ok, err := Find(filepath.Join(root, c.start))
		if err != nil {
			t.Fatalf("Find(%s): %v", c.start, err)
		}
		want := ""
		if c.want != "" {
			want = filepath.Join(root, c.want)
		}
		if ok != (c.want != "") || got != want {
			t.Errorf("Find(%s) = %q, %v; want %q", c.start, got, ok, want)
		}
	}

	// A wfc.yaml in the directory holding .git is found: the root is checked before stopping.
	repo := tree(t, "wfc.yaml", "src/flow.yaml")
	if got, ok, _ := Find(filepath.Join(repo, "src")); !ok || got != filepath.Join(repo, FileName) {
		t.Errorf("Find in a repository root = %q, %v", got, ok)
	}

	if _, _, err := Find(filepath.Join(root, "no/such/file.yaml")); err == nil {
		t.Error("Find from a missing path gave no error")
	}
}

func TestFindRelativeStart(t *testing.T) {
	root := tree(t, "wfc.yaml", "w/flow.yaml")
	t.Chdir(filepath.Join(root, "w"))
	got, ok, err := Find("flow.yaml")
	if err != nil || !ok || got != filepath.Join(root, FileName) {
		t.Errorf("Find(flow.yaml) = %q, %v, %v", got, ok, err)
	}
}

func TestWorkflowRef(t *testing.T) {
	root := tree(t, "proj/flows/block.yaml", "proj/flows/notify.yaml", "proj/other.yaml")
	cfgPath := filepath.Join(root, "proj", FileName)
	src := "workflows:\n" +
		"  ./flows/../flows/block.yaml: id-block\n" + // cleaned
		"  flows\\notify.yaml: {name: Notify}\n" + // backslashes from Windows
		"  ../shared.yaml: id-shared\n" // outside the config's directory
	if err := os.WriteFile(cfgPath, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	c, diags := Load(cfgPath)
	if len(diags) != 0 {
		t.Fatal(diags)
	}
	link := filepath.Join(t.TempDir(), "link")
	if err := os.Symlink(filepath.Join(root, "proj"), link); err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		file     string
		id, name string
		ok       bool
	}{
		{filepath.Join(root, "proj", "flows", "block.yaml"), "id-block", "", true},
		{filepath.Join(root, "proj", "flows", ".", "notify.yaml"), "", "Notify", true},
		{filepath.Join(root, "shared.yaml"), "id-shared", "", true},
		{filepath.Join(root, "proj", "other.yaml"), "", "", false},
		{filepath.Join(link, "flows", "block.yaml"), "id-block", "", true}, // through a symlink
	}
	for _, tc := range cases {
		id, name, ok := c.WorkflowRef(tc.file)
		if id != tc.id || name != tc.name || ok != tc.ok {
			t.Errorf("WorkflowRef(%s) = %q, %q, %v; want %q, %q, %v", tc.file, id, name, ok, tc.id, tc.name, tc.ok)
		}
	}
	// Relative to the current directory, as a command line gives it.
	t.Chdir(filepath.Join(root, "proj", "flows"))
	if id, _, ok := c.WorkflowRef("block.yaml"); !ok || id != "id-block" {
		t.Errorf("WorkflowRef(block.yaml) from flows/ = %q, %v", id, ok)
	}
}

func TestResolve(t *testing.T) {
	root := tree(t, "wfc.yaml", "w/flow.yaml", "elsewhere/custom.yaml")
	c, diags := Resolve("", filepath.Join(root, "w", "flow.yaml"))
	if len(diags) != 0 || c.Path != filepath.Join(root, FileName) {
		t.Errorf("Resolve found %+v, %v", c, diags)
	}
	explicit := filepath.Join(root, "elsewhere", "custom.yaml")
	c, diags = Resolve(explicit, filepath.Join(root, "w"))
	if len(diags) != 0 || c.Path != explicit || c.Dir != filepath.Join(root, "elsewhere") {
		t.Errorf("Resolve(--config) = %+v, %v", c, diags)
	}
	bare := tree(t, "w/flow.yaml")
	c, diags = Resolve("", filepath.Join(bare, "w", "flow.yaml"))
	if len(diags) != 0 || c.Path != "" || c.Lint.Extends != PresetRecommended || c.Dir != filepath.Join(bare, "w") {
		t.Errorf("Resolve without a config = %+v, %v; want the default", c, diags)
	}
	if _, diags := Resolve("", filepath.Join(bare, "missing")); len(diags) != 1 {
		t.Errorf("Resolve from a missing path = %v; want one error", diags)
	}
}
