// Package config reads wfc.yaml, the project file that sets lint severities, names the
// SecMaster and DataWorks targets a workflow can be published to, and maps workflow files to
// the ids of the workflows they update. It never holds credentials: those come from the
// environment (HUAWEICLOUD_SDK_AK / HUAWEICLOUD_SDK_SK or HUAWEICLOUD_SDK_AUTH_TOKEN for
// SecMaster, ALIBABA_CLOUD_ACCESS_KEY_ID / ALIBABA_CLOUD_ACCESS_KEY_SECRET for DataWorks).
package config

import (
	"fmt"
	"path"
	"path/filepath"
	"sort"
	"strings"

	"github.com/wfc-dev/wfc/internal/suggest"

	"github.com/wfc-dev/wfc/diag"
)

// FileName is the name Find looks for.
const FileName = "wfc.yaml"

// Rule is the rule id of every diagnostic about the config file itself.
const Rule = "config"

// Presets a config may extend.
const (
	PresetRecommended = "recommended"
	PresetAll         = "all"
)

// Config is a loaded wfc.yaml.
type Config struct {
	Path          string // the file as given to Load; "" for the default config
	Dir           string // absolute directory of Path; relative paths in the file resolve here
	Lint          Lint
	Targets       map[string]Target   // by name; use TargetNames for a stable order
	DefaultTarget string              // the SecMaster target default_target names; see DefaultTargetFor
	defaults      map[string]string   // platform → the target default_target names for it
	workflows     map[string]Workflow // by File
}

// Lint is the lint section.
type Lint struct {
	Extends string                 // PresetRecommended (the default) or PresetAll
	Rules   map[string]RuleSetting // by rule id; use RuleIDs for a stable order
	Catalog string                 // absolute path of the plugin catalog, "" when unset
}

// RuleSetting is one entry of lint.rules.
type RuleSetting struct {
	Off      bool
	Severity diag.Severity // meaningful when !Off
	Range    diag.Range    // the rule id in wfc.yaml, for later errors about it
}

// Target is a workspace to publish to: a SecMaster workspace, or a DataWorks one (whose
// workspace is its ProjectID; it has no WorkspaceID).
type Target struct {
	Name        string
	Platform    string // PlatformSecMaster (the default) or PlatformDataWorks
	Region      string // e.g. cn-north-4 (SecMaster), cn-hangzhou (DataWorks)
	ProjectID   string
	WorkspaceID string
	Endpoint    string // optional override of the regional endpoint, e.g. a dev server
	Range       diag.Range
}

// Workflow maps a workflow file to the SecMaster workflow it updates, by id or by name.
type Workflow struct {
	File  string // relative to Config.Dir, cleaned, forward slashes
	ID    string
	Name  string
	Range diag.Range
}

// Default is the config used when there is no wfc.yaml: the recommended rules, no targets.
func Default(dir string) *Config {
	if abs, err := filepath.Abs(dir); err == nil {
		dir = abs
	}
	return &Config{
		Dir:       dir,
		Lint:      Lint{Extends: PresetRecommended, Rules: map[string]RuleSetting{}},
		Targets:   map[string]Target{},
		workflows: map[string]Workflow{},
	}
}

// RuleIDs lists the rules the config sets, sorted.
func (l Lint) RuleIDs() []string { return sortedKeys(l.Rules) }

// TargetNames lists the targets, sorted.
func (c *Config) TargetNames() []string { return sortedKeys(c.Targets) }

// Workflows lists the workflow mappings, sorted by file.
func (c *Config) Workflows() []Workflow {
	out := make([]Workflow, 0, len(c.workflows))
	for _, f := range sortedKeys(c.workflows) {
		out = append(out, c.workflows[f])
	}
	return out
}

// WorkflowRef returns the workflow id or name configured for file, a path relative to the
// current directory or absolute. ok is false when wfc.yaml does not list the file.
func (c *Config) WorkflowRef(file string) (id, name string, ok bool) {
	for _, key := range c.relativeKeys(file) {
		if w, found := c.workflows[key]; found {
			return w.ID, w.Name, true
		}
	}
	return "", "", false
}

// relativeKeys gives the forms of file relative to c.Dir to look up: as written, then with
// symlinks resolved (temp and home directories are often reached through a link).
func (c *Config) relativeKeys(file string) []string {
	abs, err := filepath.Abs(file)
	if err != nil {
		return nil
	}
	var keys []string
	if rel, err := filepath.Rel(c.Dir, abs); err == nil {
		keys = append(keys, path.Clean(filepath.ToSlash(rel)))
	}
	realDir, err1 := filepath.EvalSymlinks(c.Dir)
	realFile, err2 := filepath.EvalSymlinks(abs)
	if err1 == nil && err2 == nil {
		if rel, err := filepath.Rel(realDir, realFile); err == nil {
			keys = append(keys, path.Clean(filepath.ToSlash(rel)))
		}
	}
	return keys
}

// Target returns the named target, or the default target when name is empty.
func (c *Config) Target(name string) (Target, error) {
	if name == "" {
		name = c.DefaultTarget
	}
	if name == "" {
		if c.Path == "" {
			return Target{}, fmt.Errorf("no target chosen and no %s found; create one with a targets section, or pass --config", FileName)
		}
		return Target{}, fmt.Errorf("no target chosen; pass --target NAME or set default_target in %s%s", c.Path, knownList(" (targets: ", c.TargetNames(), ")"))
	}
	if t, ok := c.Targets[name]; ok {
		return t, nil
	}
	names := c.TargetNames()
	if s, ok := suggest.Closest(name, names); ok {
		return Target{}, fmt.Errorf("unknown target %q; did you mean %q?", name, s)
	}
	if len(names) == 0 {
		return Target{}, fmt.Errorf("unknown target %q; %s defines no targets", name, c.describe())
	}
	return Target{}, fmt.Errorf("unknown target %q; %s defines %s", name, c.describe(), strings.Join(names, ", "))
}

// knownRules lists the rule ids lint.rules may name. The linter's registry (lint/driver)
// registers it, since this package cannot import it; while it is nil or lists nothing, Parse
// leaves the check to CheckRules.
var knownRules func() []string

// RegisterRuleIDs tells Parse which lint rule ids exist, so that an unknown one in lint.rules
// is reported together with the file's other problems, in one run. Call it from an init func.
// ids is called when a file is parsed, not now: a target's rules register in their own
// package's init (lint.RegisterTargetRules), which may run after the caller's.
func RegisterRuleIDs(ids func() []string) { knownRules = ids }

// CheckRules reports rule ids in lint.rules that are not in known (the linter's registry,
// which this package does not import), with a suggestion for typos.
func (c *Config) CheckRules(known []string) diag.List {
	var out diag.List
	for _, id := range c.Lint.RuleIDs() {
		if d, unknown := unknownRule(id, c.Lint.Rules[id].Range, known); unknown {
			out = append(out, d)
		}
	}
	return out
}

// unknownRule is the error for a rule id at r that is not in known.
func unknownRule(id string, r diag.Range, known []string) (diag.Diagnostic, bool) {
	for _, k := range known {
		if k == id {
			return diag.Diagnostic{}, false
		}
	}
	return diag.Errorf(r, Rule, "unknown rule %q in lint.rules%s", id, suggest.Hint(id, known)), true
}

func (c *Config) describe() string {
	if c.Path == "" {
		return "the default config"
	}
	return c.Path
}

func knownList(prefix string, names []string, suffix string) string {
	if len(names) == 0 {
		return ""
	}
	return prefix + strings.Join(names, ", ") + suffix
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
