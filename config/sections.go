package config

import (
	"fmt"
	"net/url"
	"path"
	"path/filepath"
	"strings"

	"github.com/wfc-dev/wfc/internal/suggest"

	"gopkg.in/yaml.v3"

	"github.com/wfc-dev/wfc/diag"
)

// Keys each section accepts, in the order messages list them.
var (
	topKeys      = []string{"lint", "targets", "workflows", "default_target"}
	lintKeys     = []string{"extends", "rules", "catalog"}
	targetKeys   = []string{"platform", "region", "project_id", "workspace_id", "endpoint"}
	workflowKeys = []string{"id", "name"}
	presets      = []string{PresetRecommended, PresetAll}
	severities   = []string{"off", "warn", "error", "info"}
)

func (p *parser) top(root *yaml.Node) {
	if root.Kind != yaml.MappingNode {
		p.errorf(root, "%s must be a mapping with the keys %s, not %s", FileName, oneOf(topKeys), kindName(root))
		return
	}
	var defaultTarget *yaml.Node // a name or a list of names, one per platform
	p.entries(root, "the top level of "+FileName, func(key, val *yaml.Node) {
		switch key.Value {
		case "lint":
			p.lint(val)
		case "targets":
			p.targets(val)
		case "workflows":
			p.workflows(val)
		case "default_target":
			defaultTarget = val
		default:
			p.unknownKey(key, "the top level of "+FileName, topKeys)
		}
	})
	// Checked after the whole file, since targets may come after default_target.
	if defaultTarget != nil {
		p.defaultTargets(defaultTarget)
	}
}

func (p *parser) lint(n *yaml.Node) {
	p.entries(n, "lint", func(key, val *yaml.Node) {
		switch key.Value {
		case "extends":
			s, ok := p.str(val, "lint.extends")
			if !ok {
				return
			}
			if s != PresetRecommended && s != PresetAll {
				msg := fmt.Sprintf("unknown preset %q for lint.extends; use recommended or all", s)
				if hint, ok := suggest.Closest(s, presets); ok {
					msg = fmt.Sprintf("unknown preset %q for lint.extends; did you mean %q?", s, hint)
				}
				p.errorf(val, "%s", msg)
				return
			}
			p.cfg.Lint.Extends = s
		case "rules":
			p.rules(val)
		case "catalog":
			if s, ok := p.str(val, "lint.catalog"); ok {
				p.cfg.Lint.Catalog = p.resolvePath(s)
			}
		default:
			p.unknownKey(key, "lint", lintKeys)
		}
	})
}

// severityNames are the values lint.rules takes, in the order messages list them. "warning"
// is accepted as a synonym of "warn", since the diagnostics themselves say "warning".
var severityNames = []string{"error", "warn", "warning", "info", "off"}

// severityChoices is how messages list severityNames.
const severityChoices = "error, warn (or warning), info or off"

func (p *parser) rules(n *yaml.Node) {
	p.entries(n, "lint.rules", func(key, val *yaml.Node) {
		setting := RuleSetting{Range: p.rangeOf(key)}
		// Both the id and the severity are checked, so that one run shows every mistake.
		unknown := p.unknownRuleID(key.Value, setting.Range)
		if val.Kind != yaml.ScalarNode || val.Tag == "!!null" {
			p.errorf(val, "rule %s takes a severity (%s), not %s", key.Value, severityChoices, kindName(val))
			return
		}
		if strings.EqualFold(val.Value, "off") {
			setting.Off = true
		} else if sev, ok := diag.ParseSeverity(val.Value); ok {
			setting.Severity = sev
		} else {
			msg := fmt.Sprintf("unknown severity %q for rule %s; use %s", val.Value, key.Value, severityChoices)
			if hint, ok := suggest.Closest(val.Value, severityNames); ok {
				msg = fmt.Sprintf("unknown severity %q for rule %s; did you mean %q? Use %s", val.Value, key.Value, hint, severityChoices)
			}
			p.errorf(val, "%s", msg)
			return
		}
		if !unknown { // reported above; CheckRules would report it again
			p.cfg.Lint.Rules[key.Value] = setting
		}
	})
}

// unknownRuleID reports id when the linter registered its rule ids and id is not one of them.
func (p *parser) unknownRuleID(id string, r diag.Range) bool {
	if knownRules == nil {
		return false
	}
	known := knownRules()
	if len(known) == 0 {
		return false
	}
	d, unknown := unknownRule(id, r, known)
	if unknown {
		p.diags = append(p.diags, d)
	}
	return unknown
}

func (p *parser) targets(n *yaml.Node) {
	p.entries(n, "targets", func(key, val *yaml.Node) {
		name := key.Value
		if name == "" {
			p.errorf(key, "a target needs a name")
			return
		}
		what := "target " + name
		t := Target{Name: name, Platform: PlatformSecMaster, Range: p.rangeOf(key)}
		var endpoint, projectID *yaml.Node
		p.entries(val, what, func(k, v *yaml.Node) {
			var dst *string
			switch k.Value {
			case "platform":
				dst = &t.Platform
			case "region":
				dst = &t.Region
			case "project_id":
				dst, projectID = &t.ProjectID, v
			case "workspace_id":
				dst = &t.WorkspaceID
			case "endpoint":
				dst, endpoint = &t.Endpoint, v
			default:
				p.unknownKey(k, what, targetKeys)
				return
			}
			if s, ok := p.str(v, what+" "+k.Value); ok {
				*dst = s
				if k.Value == "platform" && !p.checkPlatform(v, what) {
					t.Platform = ""
				}
			}
		})
		if val.Kind != yaml.MappingNode {
			if val.Tag == "!!null" {
				p.errorf(key, "%s is empty; give its region, project_id and workspace_id (SecMaster) or platform: dataworks, region and project_id", what)
			}
			return
		}
		if endpoint != nil && t.Endpoint != "" && t.Platform != "" {
			p.checkEndpoint(endpoint, what, t.Platform)
		}
		switch t.Platform {
		case PlatformSecMaster:
			p.requireSecMasterKeys(key, val, what, t)
		case PlatformDataWorks:
			p.requireDataWorksKeys(key, val, projectID, what, t)
		}
		p.cfg.Targets[name] = t
	})
}

// requireSecMasterKeys reports what a SecMaster target lacks.
func (p *parser) requireSecMasterKeys(key, val *yaml.Node, what string, t Target) {
	for _, req := range []struct{ key, value, hint string }{
		{"region", t.Region, "the region of the SecMaster workspace, e.g. cn-north-4"},
		{"project_id", t.ProjectID, "the project id of that region"},
		{"workspace_id", t.WorkspaceID, "the SecMaster workspace id"},
	} {
		if req.value == "" && !p.hasKey(val, req.key) {
			p.errorf(key, "%s has no %s; add %s", what, req.key, req.hint)
		}
	}
}

// hasKey reports whether mapping n has key (an empty value is reported on its own).
func (p *parser) hasKey(n *yaml.Node, key string) bool {
	for i := 0; i+1 < len(n.Content); i += 2 {
		if resolve(n.Content[i]).Value == key {
			return true
		}
	}
	return false
}

func (p *parser) checkEndpoint(val *yaml.Node, what, platform string) {
	u, err := url.Parse(val.Value)
	if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
		p.errorf(val, "%s endpoint %q is not an http(s) URL; write it like %s", what, val.Value, platforms[platform].endpointExample)
		return
	}
	if u.User != nil {
		p.errorf(val, "%s endpoint must not carry a user or password; credentials come from %s", what, platforms[platform].credentialEnv)
	}
}

func (p *parser) workflows(n *yaml.Node) {
	lines := map[string]int{} // cleaned file -> line, to catch a.yaml and ./a.yaml both listed
	p.entries(n, "workflows", func(key, val *yaml.Node) {
		file, ok := p.workflowFile(key)
		if !ok {
			return
		}
		if line, dup := lines[file]; dup {
			p.errorf(key, "workflow file %s is listed twice (first on line %d); keep one", file, line)
			return
		}
		lines[file] = key.Line
		w := Workflow{File: file, Range: p.rangeOf(key)}
		what := "workflow " + file
		switch {
		case val.Kind == yaml.ScalarNode && val.Tag != "!!null":
			w.ID = val.Value
			if w.ID == "" {
				p.errorf(val, "%s has an empty id; give the workflow id, or {name: ...}", what)
				return
			}
		case val.Kind == yaml.MappingNode:
			p.entries(val, what, func(k, v *yaml.Node) {
				switch k.Value {
				case "id":
					w.ID, _ = p.str(v, what+" id")
				case "name":
					w.Name, _ = p.str(v, what+" name")
				default:
					p.unknownKey(k, what, workflowKeys)
				}
			})
			if p.hasKey(val, "id") && p.hasKey(val, "name") {
				p.errorf(val, "%s sets both id and name; keep one (id is exact, name is looked up)", what)
				return
			}
			if w.ID == "" && w.Name == "" {
				if !p.hasKey(val, "id") && !p.hasKey(val, "name") {
					p.errorf(val, "%s needs an id or a name", what)
				}
				return
			}
		default:
			p.errorf(val, "%s needs the workflow id, or {id: ...} or {name: ...}, not %s", what, kindName(val))
			return
		}
		p.cfg.workflows[file] = w
	})
}

// workflowFile cleans a workflows key into the form WorkflowRef looks up: relative to the
// config's directory, forward slashes, no "." or ".." detours.
func (p *parser) workflowFile(key *yaml.Node) (string, bool) {
	raw := strings.ReplaceAll(key.Value, `\`, "/") // a config written on Windows
	if raw == "" {
		p.errorf(key, "a workflow file name is empty")
		return "", false
	}
	if path.IsAbs(raw) || filepath.IsAbs(key.Value) || filepath.VolumeName(key.Value) != "" {
		p.errorf(key, "workflow file %q must be relative to %s, so the config works in every checkout", key.Value, FileName)
		return "", false
	}
	file := path.Clean(raw)
	if file == "." {
		p.errorf(key, "workflow file %q names the config's directory, not a file", key.Value)
		return "", false
	}
	return file, true
}

// resolvePath makes a path from the config absolute, relative to the config's directory.
func (p *parser) resolvePath(s string) string {
	if filepath.IsAbs(s) {
		return filepath.Clean(s)
	}
	return filepath.Join(p.cfg.Dir, filepath.FromSlash(s))
}

// credentialWords are key names (lower-case, without _ and -) that hold secrets.
var credentialWords = map[string]bool{
	"ak": true, "sk": true, "accesskey": true, "accesskeyid": true, "secretkey": true,
	"secretaccesskey": true, "password": true, "passwd": true, "pwd": true, "token": true,
	"authtoken": true, "securitytoken": true, "apikey": true, "apitoken": true, "secret": true,
	"credential": true, "credentials": true,
}

// isCredentialKey spots keys that hold secrets, spelled any common way (sk, SK, secret_key,
// auth-token, x_password).
func isCredentialKey(k string) bool {
	norm := strings.NewReplacer("_", "", "-", "").Replace(strings.ToLower(k))
	if credentialWords[norm] {
		return true
	}
	for _, w := range []string{"password", "secret", "token"} {
		if strings.Contains(norm, w) {
			return true
		}
	}
	return false
}
