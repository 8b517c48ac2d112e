package main

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"
)

// An immutable pre-commit rev: a release tag or a full commit SHA. A branch name moves, so the
// hook would change under its users without a change in their repository.
var immutableRev = regexp.MustCompile(`^(v\d+\.\d+\.\d+|[0-9a-f]{40})$`)

type preCommitConfig struct {
	Repos []struct {
		Repo  string `yaml:"repo"`
		Rev   string `yaml:"rev"`
		Hooks []struct {
			ID string `yaml:"id"`
		} `yaml:"hooks"`
	} `yaml:"repos"`
}

type preCommitHook struct {
	ID    string `yaml:"id"`
	Entry string `yaml:"entry"`
	Files string `yaml:"files"`
}

// TestPreCommitSnippets keeps the .pre-commit-config.yaml the README and docs/ci.md tell users
// to copy complete (a repos: list), pinned to an immutable rev and naming a hook that
// .pre-commit-hooks.yaml defines; and keeps that hook passing every YAML and BPMN file, since
// wfc decides by parsing which YAML files are workflows.
func TestPreCommitSnippets(t *testing.T) {
	hooks := readHooks(t)
	for _, doc := range []string{"README.md", filepath.Join("docs", "ci.md")} {
		cfg := preCommitSnippet(t, doc)
		if len(cfg.Repos) != 1 || cfg.Repos[0].Repo != "https://github.com/wfc-dev/wfc" {
			t.Fatalf("%s: want one repo, https://github.com/wfc-dev/wfc; got %+v", doc, cfg.Repos)
		}
		repo := cfg.Repos[0]
		if !immutableRev.MatchString(repo.Rev) {
			t.Errorf("%s: rev %q is not a release tag or a full commit SHA", doc, repo.Rev)
		}
		if len(repo.Hooks) == 0 {
			t.Errorf("%s: the snippet names no hook", doc)
		}
		for _, h := range repo.Hooks {
			if _, ok := hooks[h.ID]; !ok {
				t.Errorf("%s: hook %q is not defined in .pre-commit-hooks.yaml", doc, h.ID)
			}
		}
	}

	lint, ok := hooks["wfc-lint"]
	if !ok {
		t.Fatal(".pre-commit-hooks.yaml has no wfc-lint hook")
	}
	if lint.Entry != "wfc lint" {
		t.Errorf("wfc-lint entry = %q, want %q", lint.Entry, "wfc lint")
	}
	files := regexp.MustCompile(lint.Files) // pre-commit searches, as Go's MatchString does
	for _, name := range []string{"wf.yaml", "a/b.yml", "wfc.yaml", ".github/workflows/ci.yml", "d.bpmn"} {
		if !files.MatchString(name) {
			t.Errorf("wfc-lint files %q does not pass %s; wfc skips YAML that is not a workflow itself", lint.Files, name)
		}
	}
	for _, name := range []string{"main.go", "notes.xml", "wf.yaml.orig", "export.json"} {
		if files.MatchString(name) {
			t.Errorf("wfc-lint files %q passes %s, which wfc would report", lint.Files, name)
		}
	}
}

func readHooks(t *testing.T) map[string]preCommitHook {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("..", "..", ".pre-commit-hooks.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	var list []preCommitHook
	if err := yaml.Unmarshal(data, &list); err != nil {
		t.Fatalf(".pre-commit-hooks.yaml: %v", err)
	}
	hooks := map[string]preCommitHook{}
	for _, h := range list {
		hooks[h.ID] = h
	}
	return hooks
}

// preCommitSnippet is the first ```yaml block of doc that holds a repos: key.
func preCommitSnippet(t *testing.T, doc string) preCommitConfig {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("..", "..", doc))
	if err != nil {
		t.Fatal(err)
	}
	rest := string(data)
	for {
		var block string
		var ok bool
		if _, rest, ok = strings.Cut(rest, "```yaml\n"); !ok {
			t.Fatalf("%s: no ```yaml block with a complete .pre-commit-config.yaml (repos:)", doc)
		}
		block, rest, _ = strings.Cut(rest, "```")
		if !strings.Contains(block, "\nrepos:\n") && !strings.HasPrefix(block, "repos:\n") {
			continue
		}
		var cfg preCommitConfig
		if err := yaml.Unmarshal([]byte(block), &cfg); err != nil {
			t.Fatalf("%s: the .pre-commit-config.yaml snippet does not parse: %v", doc, err)
		}
		return cfg
	}
}
