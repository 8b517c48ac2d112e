// Package catalog is the offline plugin catalog: the SecMaster plugins ("components") and their
// actions with input and output definitions, as `wfc catalog pull` saves them (or a team
// writes them by hand; docs/ci.md describes the file). The linter checks a workflow's
// `action: plugin/action` names, required inputs and `${steps.ID.output.FIELD}` references
// against it.
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
	ID      string    `json:"id"`
	Name    string    `json:"name"`
	Inputs  []*Input  `json:"inputs,omitempty"`
	Outputs []*Output `json:"outputs,omitempty"` // none: not known, so references are not checked
}

// Input is one parameter an action takes.
type Input struct {
	Name     string `json:"name"`
	Type     string `json:"type,omitempty"`
	Required bool   `json:"required,omitempty"`
}

// Output is one value an action returns, which a workflow reads as steps.ID.output.NAME. An
// object output may declare its Fields (steps.ID.output.NAME.FIELD), to any depth.
type Output struct {
	Name   string    `json:"name"`
	Type   string    `json:"type,omitempty"`
	Fields []*Output `json:"fields,omitempty"`
}

// typeAliases maps the type names plugins write (SecMaster's console writes String, Number,
// ...) to the five JSON types workflows declare.
var typeAliases = map[string]string{
	"string": "string", "str": "string", "text": "string",
	"number": "number", "int": "number", "integer": "number", "long": "number", "float": "number", "double": "number",
	"boolean": "boolean", "bool": "boolean",
	"object": "object", "map": "object", "dict": "object",
	"array": "array", "list": "array",
}

// Kind is the output's type as one of string, number, boolean, object or array, whatever
// the case or alias the catalog uses; an output with fields and no type is an object. ""
// when the type is absent or not one of these: unknown, so never reported.
func (o *Output) Kind() string {
	if k := typeAliases[strings.ToLower(strings.TrimSpace(o.Type))]; k != "" || o.Type != "" {
		return k
	}
	if len(o.Fields) > 0 {
		return "object"
	}
	return ""
}

// FindOutput is the output or field called name in list (the first of a duplicated name),
// or nil.
func FindOutput(list []*Output, name string) *Output {
	for _, o := range list {
		if o != nil && o.Name == name {
			return o
		}
	}
	return nil
}

// OutputNames lists the names in list, in order, for suggestions and messages.
func OutputNames(list []*Output) []string {
	names := make([]string, 0, len(list))
	for _, o := range list {
		if o != nil {
			names = append(names, o.Name)
		}
	}
	return names
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
			if err := CheckOutputs(a.Outputs, "action "+p.Name+"/"+a.Name); err != nil {
				return nil, fmt.Errorf("%s: %v", name, err)
			}
		}
	}
	c.Sort()
	return &c, nil
}

// CheckOutputs reports the first output (or field, at any depth) without a name, or with
// fields and a type that is not object; owner names what holds list, for the message
// ("action p/a"). Parse applies it to every action.
func CheckOutputs(list []*Output, owner string) error {
	for i, o := range list {
		if o == nil || o.Name == "" {
			return fmt.Errorf("output %d of %s has no name", i, owner)
		}
		if len(o.Fields) == 0 {
			continue
		}
		if k := o.Kind(); k != "object" {
			return fmt.Errorf("output %s of %s has fields but type %q; only an object output has fields (write type: object)", o.Name, owner, o.Type)
		}
		if err := CheckOutputs(o.Fields, "output "+o.Name+" of "+owner); err != nil {
			return err
		}
	}
	return nil
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
