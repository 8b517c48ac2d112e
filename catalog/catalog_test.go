package catalog

import "testing"

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
