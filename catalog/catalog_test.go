package catalog

import (
	"strings"
	"testing"
)

const sample = `{"plugins":[
 {"id":"2","name":"threatbook","actions":[{"id":"a2","name":"ip_reputation","inputs":[{"name":"ip","required":true}]}]},
 {"id":"1","name":"huawei_cfw","actions":[{"id":"b","name":"unblock_ip"},{"id":"a","name":"block_ip","inputs":[{"name":"ip","required":true},{"name":"duration"}]}]}
]}`

func TestLookupAndOrder(t *testing.T) {
	c, err := Parse("c.json", []byte(sample))
	if err != nil {
		t.Fatal(err)
	}
	if c.Plugins[0].Name != "huawei_cfw" || c.Plugins[0].Actions[0].Name != "block_ip" {
		t.Fatalf("catalog not sorted: %+v", c.Plugins[0])
	}
	p, a := c.Lookup("huawei_cfw/block_ip")
	if p == nil || a == nil || !a.Inputs[0].Required {
		t.Fatalf("lookup of a known action failed: %v %v", p, a)
	}
	if p, a := c.Lookup("huawei_cfw/nope"); p == nil || a != nil {
		t.Fatalf("unknown action in a known plugin: got %v %v", p, a)
	}
	if p, a := c.Lookup("nope/x"); p != nil || a != nil {
		t.Fatal("unknown plugin was found")
	}
	names := c.ActionNames()
	if len(names) != 3 || names[0] != "huawei_cfw/block_ip" {
		t.Fatalf("ActionNames = %v", names)
	}
}

func TestParseErrors(t *testing.T) {
	if _, err := Parse("c.json", []byte("{")); err == nil {
		t.Fatal("truncated JSON accepted")
	}
	for _, bad := range []string{
		`{"plugins":[{"id":"x"}]}`,
		`{"plugins":[null]}`,
		`{"plugins":[{"name":"p","actions":[null]}]}`,
		`{"plugins":[{"name":"p","actions":[{"name":"a","inputs":[null]}]}]}`,
	} {
		if _, err := Parse("c.json", []byte(bad)); err == nil {
			t.Errorf("Parse(%s) accepted a catalog with a missing entry", bad)
		}
	}
}

func TestIndexFirstDuplicateWinsAndIsSafeInParallel(t *testing.T) {
	c, err := Parse("c.json", []byte(`{"plugins":[
	 {"id":"1","name":"p","actions":[{"id":"first","name":"a"},{"id":"second","name":"a"}]},
	 {"id":"2","name":"p","actions":[{"id":"other","name":"b"}]},
	 {"id":"3","name":"o","actions":[{"id":"z","name":"z"}]}]}`))
	if err != nil {
		t.Fatal(err)
	}
	done := make(chan struct{})
	for i := 0; i < 4; i++ { // the linter looks actions up from one goroutine per file
		go func() {
			defer func() { done <- struct{}{} }()
			if p, a := c.Lookup("p/a"); p == nil || p.ID != "1" || a == nil || a.ID != "first" {
				t.Errorf("Lookup(p/a) = %v %v, want plugin 1 and its first action a", p, a)
			}
		}()
	}
	for i := 0; i < 4; i++ {
		<-done
	}
	if _, a := c.Lookup("p/b"); a != nil {
		t.Error("an action of a second plugin with the same name was found; the first plugin wins")
	}
	if got := c.PluginNames(); len(got) != 2 || got[0] != "o" || got[1] != "p" {
		t.Errorf("PluginNames = %v, want [o p]", got)
	}
}

// Outputs are read at any depth; their types are normalised from what plugins write.
func TestOutputs(t *testing.T) {
	c, err := Parse("c.json", []byte(`{"plugins":[{"name":"p","actions":[{"name":"a","outputs":[
	 {"name":"score","type":"Number"},
	 {"name":"geo","type":"Object","fields":[{"name":"country","type":"String"},{"name":"asn","type":"Integer"}]},
	 {"name":"raw","fields":[{"name":"x"}]},
	 {"name":"odd","type":"Blob"}]}]}]}`))
	if err != nil {
		t.Fatal(err)
	}
	_, a := c.Lookup("p/a")
	if got := OutputNames(a.Outputs); len(got) != 4 || got[1] != "geo" {
		t.Fatalf("OutputNames = %v", got)
	}
	geo := FindOutput(a.Outputs, "geo")
	for _, c := range []struct {
		o    *Output
		want string
	}{
		{FindOutput(a.Outputs, "score"), "number"},
		{geo, "object"},
		{FindOutput(geo.Fields, "asn"), "number"},
		{FindOutput(a.Outputs, "raw"), "object"}, // fields and no type
		{FindOutput(a.Outputs, "odd"), ""},       // unknown type: unknown, never a finding
		{FindOutput(FindOutput(a.Outputs, "raw").Fields, "x"), ""},
	} {
		if c.o == nil {
			t.Fatalf("an output is missing; want kind %q", c.want)
		}
		if c.o.Kind() != c.want {
			t.Errorf("Kind of %+v = %q, want %q", c.o, c.o.Kind(), c.want)
		}
	}
	if FindOutput(a.Outputs, "nope") != nil || FindOutput([]*Output{nil}, "x") != nil {
		t.Error("FindOutput found a name that is not there")
	}
}

func TestOutputErrors(t *testing.T) {
	for bad, want := range map[string]string{
		`[null]`:                       "output 0 of action p/a has no name",
		`[{"type":"string"}]`:          "output 0 of action p/a has no name",
		`[{"name":"g","fields":[{}]}]`: "output 0 of output g of action p/a has no name",
		`[{"name":"s","type":"String","fields":[{"name":"x"}]}]`:                                        `output s of action p/a has fields but type "String"; only an object output has fields`,
		`[{"name":"g","type":"object","fields":[{"name":"h","type":"array","fields":[{"name":"x"}]}]}]`: `output h of output g of action p/a has fields but type "array"`,
	} {
		_, err := Parse("c.json", []byte(`{"plugins":[{"name":"p","actions":[{"name":"a","outputs":`+bad+`}]}]}`))
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("outputs %s: error %v, want %q", bad, err, want)
		}
	}
}
