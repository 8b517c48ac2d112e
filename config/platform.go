package config

import (
	"fmt"
	"regexp"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/wfc-dev/wfc/internal/suggest"
)

// The platforms a target publishes to: a target's `platform` key, secmaster when absent. The
// names are the ones a workflow's `target` key takes.
const (
	PlatformSecMaster = "secmaster"
	PlatformDataWorks = "dataworks"
)

// platformInfo is what messages say about a platform.
type platformInfo struct {
	title           string // as people write it
	endpointExample string
	credentialEnv   string // where its credentials come from
}

var platforms = map[string]platformInfo{
	PlatformSecMaster: {"SecMaster", "https://secmaster.cn-north-4.myhuaweicloud.com",
		"HUAWEICLOUD_SDK_AK / HUAWEICLOUD_SDK_SK or HUAWEICLOUD_SDK_AUTH_TOKEN"},
	PlatformDataWorks: {"DataWorks", "https://dataworks.cn-hangzhou.aliyuncs.com",
		"ALIBABA_CLOUD_ACCESS_KEY_ID / ALIBABA_CLOUD_ACCESS_KEY_SECRET (+ ALIBABA_CLOUD_SECURITY_TOKEN)"},
}

var platformNames = []string{PlatformSecMaster, PlatformDataWorks}

// PlatformTitle is the platform's name as people write it ("DataWorks").
func PlatformTitle(platform string) string {
	if p, ok := platforms[platform]; ok {
		return p.title
	}
	return platform
}

// dataWorksProjectID is a DataWorks workspace id: decimal digits (an int64 in the API).
var dataWorksProjectID = regexp.MustCompile(`^[1-9][0-9]{0,18}$`)

// checkPlatform reports a platform name wfc does not know.
func (p *parser) checkPlatform(val *yaml.Node, what string) bool {
	if _, ok := platforms[val.Value]; ok {
		return true
	}
	p.errorf(val, "%s platform %q is unknown; use %s%s", what, val.Value, oneOf(platformNames), suggest.Hint(val.Value, platformNames))
	return false
}

// requireDataWorksKeys reports what a DataWorks target lacks or has that only SecMaster reads.
func (p *parser) requireDataWorksKeys(key, val, projectID *yaml.Node, what string, t Target) {
	if t.ProjectID == "" && projectID == nil {
		p.errorf(key, "%s has no project_id; add the DataWorks workspace id (a number, e.g. \"10000\")", what)
	}
	if t.ProjectID != "" && !dataWorksProjectID.MatchString(t.ProjectID) {
		p.errorf(projectID, "%s project_id %q is not a DataWorks workspace id: it is a number, e.g. \"10000\"", what, t.ProjectID)
	}
	if t.Region == "" && t.Endpoint == "" && !p.hasKey(val, "region") && !p.hasKey(val, "endpoint") {
		p.errorf(key, "%s has no region; add the region of the DataWorks workspace, e.g. cn-hangzhou (or an endpoint)", what)
	}
	for i := 0; i+1 < len(val.Content); i += 2 {
		if k := resolve(val.Content[i]); k.Value == "workspace_id" {
			p.errorf(k, "%s is a DataWorks target, which has no workspace_id: the DataWorks workspace is its project_id", what)
		}
	}
}

// defaultTargets reads default_target: one target name, or a list with at most one target per
// platform, so that one push can send SecMaster and DataWorks workflows each to its own.
func (p *parser) defaultTargets(val *yaml.Node) {
	var names []*yaml.Node
	switch val.Kind {
	case yaml.SequenceNode:
		for _, n := range val.Content {
			names = append(names, resolve(n))
		}
	default:
		names = append(names, val)
	}
	if p.cfg.defaults == nil {
		p.cfg.defaults = map[string]string{}
	}
	for _, n := range names {
		name, ok := p.str(n, "default_target")
		if !ok {
			continue
		}
		t, defined := p.cfg.Targets[name]
		if !defined {
			p.errorf(n, "default_target %q is not defined under targets%s", name, suggest.Hint(name, p.cfg.TargetNames()))
			continue
		}
		if other, dup := p.cfg.defaults[t.Platform]; dup {
			p.errorf(n, "default_target names two %s targets, %s and %s; keep one per platform", PlatformTitle(t.Platform), other, name)
			continue
		}
		p.cfg.defaults[t.Platform] = name
	}
	p.cfg.DefaultTarget = p.cfg.defaults[PlatformSecMaster]
}

// DefaultTargetFor is the default target of a platform, "" when default_target names none.
func (c *Config) DefaultTargetFor(platform string) string { return c.defaults[platform] }

// TargetFor returns the named target, or platform's default target when name is empty, and
// refuses a target of another platform.
func (c *Config) TargetFor(name, platform string) (Target, error) {
	if name == "" {
		name = c.DefaultTargetFor(platform)
		if name == "" && len(c.Targets) > 0 && c.Path != "" {
			return Target{}, fmt.Errorf("no %s target chosen; pass --target NAME or name one in default_target in %s%s", PlatformTitle(platform), c.Path, knownList(" (targets: ", c.targetsOf(platform), ")"))
		}
	}
	t, err := c.Target(name)
	if err != nil {
		return Target{}, err
	}
	if t.Platform != platform {
		return Target{}, fmt.Errorf("target %q is a %s target, not a %s one (set platform: %s in %s to make it one)",
			t.Name, PlatformTitle(t.Platform), PlatformTitle(platform), platform, c.describe())
	}
	return t, nil
}

// targetsOf lists the targets of one platform, sorted.
func (c *Config) targetsOf(platform string) []string {
	var out []string
	for _, n := range c.TargetNames() {
		if c.Targets[n].Platform == platform {
			out = append(out, n)
		}
	}
	return out
}

// credentialEnvs says where every platform's credentials come from, for the error about a
// credential written into the config.
func credentialEnvs() string {
	var parts []string
	for _, name := range platformNames {
		parts = append(parts, platforms[name].credentialEnv+" ("+platforms[name].title+")")
	}
	return strings.Join(parts, " or ")
}
