package catalog

import (
	"bytes"
	"encoding/json"
	"slices"
	"strings"
	"testing"
)

// FuzzParse reads arbitrary catalogs. Beyond not panicking: an error names the file; an
// accepted catalog has a name on every plugin, action and input, is sorted, reads back the
// same after writing, and its lookups agree with its contents (the first of a duplicated
// name wins; the name lists are sorted and without repeats).
func FuzzParse(f *testing.F) {
	for _, s := range []string{
		`{"plugins":[{"id":"1","name":"p","actions":[{"id":"a1","name":"a","inputs":[{"name":"ip","type":"string","required":true}]}]}]}`,
		`{"plugins":[{"name":"b","actions":[{"name":"y"},{"name":"x"},{"name":"x","id":"second"}]},{"name":"a"},{"name":"b","id":"dup","actions":[{"name":"z"}]}]}`,
		`{"plugins":[{"name":"p/q","actions":[{"name":"r"}]},{"name":"p","actions":[{"name":"q/r"}]}]}`,
		`{}`, `{"plugins":null}`, `{"plugins":[null]}`, `{"plugins":[{"name":""}]}`, `{"plugins":[{"name":"p","actions":[{"name":"a","inputs":[null]}]}]}`,
		`[]`, `{"plugins":`, "\xff",
		`{"plugins":[{"name":"p","actions":[{"name":"a","outputs":[{"name":"g","type":"Object","fields":[{"name":"x","type":"Integer"}]},{"name":"s","type":"String"}]}]}]}`,
		`{"plugins":[{"name":"p","actions":[{"name":"a","outputs":[{"name":"s","type":"String","fields":[{"name":"x"}]}]}]}]}`,
		`{"plugins":[{"name":"p","actions":[{"name":"a","outputs":[{"name":"g","fields":[null]}]}]}]}`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		c, err := Parse("catalog.json", data)
		if err != nil {
			if !strings.HasPrefix(err.Error(), "catalog.json: ") {
				t.Fatalf("error does not name the file: %v", err)
			}
			return
		}
		checkSortedAndNamed(t, c)
		checkRoundTrip(t, c)
		checkLookups(t, c)
	})
}

func checkSortedAndNamed(t *testing.T, c *Catalog) {
	t.Helper()
	byName := func(a, b string) int { return strings.Compare(a, b) }
	if !slices.IsSortedFunc(c.Plugins, func(a, b *Plugin) int { return byName(a.Name, b.Name) }) {
		t.Fatal("plugins are not sorted by name")
	}
	for _, p := range c.Plugins {
		if p == nil || p.Name == "" {
			t.Fatalf("an unnamed plugin was accepted: %+v", p)
		}
		if !slices.IsSortedFunc(p.Actions, func(a, b *Action) int { return byName(a.Name, b.Name) }) {
			t.Fatalf("actions of %s are not sorted by name", p.Name)
		}
		for _, a := range p.Actions {
			if a == nil || a.Name == "" || slices.ContainsFunc(a.Inputs, func(in *Input) bool { return in == nil || in.Name == "" }) {
				t.Fatalf("an unnamed action or input was accepted in %s: %+v", p.Name, a)
			}
			checkOutputsNamed(t, a.Outputs)
		}
	}
}

// checkOutputsNamed: every accepted output and field has a name, and only objects have fields.
func checkOutputsNamed(t *testing.T, list []*Output) {
	t.Helper()
	for _, o := range list {
		if o == nil || o.Name == "" || len(o.Fields) > 0 && o.Kind() != "object" {
			t.Fatalf("an unnamed output, or fields on a %q output, was accepted: %+v", o.Type, o)
		}
		checkOutputsNamed(t, o.Fields)
	}
}

// checkRoundTrip: what `wfc catalog pull` would write reads back to the same catalog.
func checkRoundTrip(t *testing.T, c *Catalog) {
	t.Helper()
	out, err := json.Marshal(c)
	if err != nil {
		t.Fatal(err)
	}
	back, err := Parse("again.json", out)
	if err != nil {
		t.Fatalf("a written catalog does not parse: %v\n%s", err, out)
	}
	if again, _ := json.Marshal(back); !bytes.Equal(again, out) {
		t.Fatalf("catalog changed through writing:\n%s\n---\n%s", out, again)
	}
}

// checkLookups: every listed action resolves; the first plugin and action of each name are
// the ones found (exactly, when no name has a '/' that makes two "plugin/action" keys alike).
func checkLookups(t *testing.T, c *Catalog) {
	t.Helper()
	for _, names := range [][]string{c.PluginNames(), c.ActionNames()} {
		if !slices.IsSorted(names) || len(slices.Compact(slices.Clone(names))) != len(names) {
			t.Fatalf("name list is not sorted or has repeats: %q", names)
		}
	}
	for _, key := range c.ActionNames() {
		if _, a := c.Lookup(key); a == nil || !strings.HasSuffix(key, "/"+a.Name) {
			t.Fatalf("Lookup(%q) = %+v", key, a)
		}
	}
	slashes := slices.ContainsFunc(c.Plugins, func(p *Plugin) bool {
		return strings.Contains(p.Name, "/") || slices.ContainsFunc(p.Actions, func(a *Action) bool { return strings.Contains(a.Name, "/") })
	})
	if slashes {
		return
	}
	seen := map[string]bool{}
	for _, p := range c.Plugins {
		if seen[p.Name] {
			continue // a later plugin of a name is ignored whole, its actions too
		}
		seen[p.Name] = true
		for _, a := range p.Actions {
			key := p.Name + "/" + a.Name
			if seen[key] {
				continue
			}
			seen[key] = true
			if gp, ga := c.Lookup(key); gp == nil || ga != a || gp.Name != p.Name {
				t.Fatalf("Lookup(%q) = %+v, %+v; want the first of that name %+v", key, gp, ga, a)
			}
		}
	}
}
