// Package catalog is the offline plugin catalog: the SecMaster plugins ("components") and their
// actions with input definitions, as `wfc catalog pull` saves them. The linter checks a
// workflow's `action: plugin/action` names and required inputs against it.
package catalog

import (
	"encoding/json"
	"fmt"
	"sort"
	"strings"
	"sync"

	"github.com/wfc-dev/wfc/internal/readlimit"
)

// Catalog is the file `wfc catalog pull` writes (JSON, plugins sorted by name).
type Catalog struct {
	Plugins []*Plugin `json:"plugins"`

	// The lookup index, built once on first use: the linter asks about every action step of
	// every file, often in parallel, and a scan per step would make a large workflow times a
	// large catalog slow. Plugins must not change after the first lookup.
	indexOnce   sync.Once
	plugins     map[string]*Plugin
	actions     map[string]*Action // keyed by "plugin/action"
	pluginNames []string           // sorted
	actionNames []string           // "plugin/action", sorted
}

// Plugin is one SecMaster component.
type Plugin struct {
	ID      string    `json:"id"`
	Name    string    `json:"name"`
	Actions []*Action `json:"actions"`
}

// Action is one plugin action ("plugin execution function").
type Action struct {
	ID     string   `json:"id"`
	Name   string   `json:"name"`
	Inputs []*Input `json:"inputs,omitempty"`
}

// Input is one parameter an action takes.
type Input struct {
	Name     string `json:"name"`
	Type     string `json:"type,omitempty"`
	Required bool   `json:"required,omitempty"`
}

// Load reads a catalog file, up to readlimit.Catalog bytes.
func Load(path string) (*Catalog, error) {
	data, err := readlimit.File(path, readlimit.Catalog, "plugin catalogs")
	if err != nil {
		return nil, err
	}
	return Parse(path, data)
}

// Parse decodes a catalog; name is used in error messages.
func Parse(name string, data []byte) (*Catalog, error) {
	var c Catalog
	if err := json.Unmarshal(data, &c); err != nil {
		return nil, fmt.Errorf("%s: not a plugin catalog (%v); create one with 'wfc catalog pull -o %s'", name, err, name)
	}
	for i, p := range c.Plugins {
		if p == nil || p.Name == "" {
			return nil, fmt.Errorf("%s: plugin %d has no name", name, i)
		}
		for j, a := range p.Actions {
			if a == nil || a.Name == "" {
				return nil, fmt.Errorf("%s: action %d of plugin %s has no name", name, j, p.Name)
			}
			for k, in := range a.Inputs {
				if in == nil || in.Name == "" {
					return nil, fmt.Errorf("%s: input %d of action %s/%s has no name", name, k, p.Name, a.Name)
				}
			}
		}
	}
	c.Sort()
	return &c, nil
}

// Sort orders plugins and actions by name so a saved catalog diffs cleanly.
func (c *Catalog) Sort() {
	sort.SliceStable(c.Plugins, func(i, j int) bool { return c.Plugins[i].Name < c.Plugins[j].Name })
	for _, p := range c.Plugins {
		sort.SliceStable(p.Actions, func(i, j int) bool { return p.Actions[i].Name < p.Actions[j].Name })
	}
}

// index builds the lookup maps. The first of a duplicated plugin or action name wins.
func (c *Catalog) index() {
	c.indexOnce.Do(func() {
		c.plugins = make(map[string]*Plugin, len(c.Plugins))
		c.actions = make(map[string]*Action)
		for _, p := range c.Plugins {
			if p == nil || c.plugins[p.Name] != nil {
				continue
			}
			c.plugins[p.Name] = p
			c.pluginNames = append(c.pluginNames, p.Name)
			for _, a := range p.Actions {
				if a == nil {
					continue
				}
				if key := p.Name + "/" + a.Name; c.actions[key] == nil {
					c.actions[key] = a
					c.actionNames = append(c.actionNames, key)
				}
			}
		}
		sort.Strings(c.pluginNames)
		sort.Strings(c.actionNames)
	})
}

// Lookup finds "plugin/action". It returns the plugin even when the action is unknown, so a
// caller can tell "no such plugin" from "no such action".
func (c *Catalog) Lookup(ref string) (*Plugin, *Action) {
	c.index()
	pluginName, _, _ := strings.Cut(ref, "/")
	return c.plugins[pluginName], c.actions[ref]
}

// ActionNames lists "plugin/action" for every action, sorted, for suggestions. The slice is
// shared: do not modify it.
func (c *Catalog) ActionNames() []string {
	c.index()
	return c.actionNames
}

// PluginNames lists the plugin names, sorted, for suggestions. The slice is shared: do not
// modify it.
func (c *Catalog) PluginNames() []string {
	c.index()
	return c.pluginNames
}
