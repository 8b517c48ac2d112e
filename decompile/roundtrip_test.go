package decompile_test

import (
	"bytes"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/rogpeppe/go-internal/txtar"

	"github.com/wfc-dev/wfc/decompile"
	"github.com/wfc-dev/wfc/target/secmaster"
	smdecompile "github.com/wfc-dev/wfc/target/secmaster/decompile"
)

// workflows are every example and every compiler golden case: name → YAML.
func workflows(t *testing.T) map[string][]byte {
	t.Helper()
	out := map[string][]byte{}
	examples, _ := filepath.Glob("../examples/*.yaml")
	for _, f := range examples {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		out["examples/"+filepath.Base(f)] = src
	}
	cases, _ := filepath.Glob("../target/secmaster/testdata/cases/*.txtar")
	for _, f := range cases {
		ar, err := txtar.ParseFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, file := range ar.Files {
			if file.Name == "in.yaml" {
				out["cases/"+filepath.Base(f)] = file.Data
			}
		}
	}
	if len(examples) == 0 || len(cases) == 0 {
		t.Fatalf("found %d examples and %d cases", len(examples), len(cases))
	}
	return out
}

func compile(t *testing.T, name string, src []byte) *secmaster.Result {
	t.Helper()
	res, diags := secmaster.CompileFile(name, src, secmaster.Options{})
	if res == nil || diags.HasErrors() {
		t.Fatalf("%s does not compile:\n%v\n%s", name, diags, src)
	}
	return res
}

// decompileRequest decompiles a compiled request body as `wfc decompile` reads it.
func decompileRequest(t *testing.T, name string, res *secmaster.Result) []byte {
	t.Helper()
	body, err := res.RequestJSON()
	if err != nil {
		t.Fatal(err)
	}
	srcs, err := smdecompile.ReadSources(name, body)
	if err != nil || len(srcs) != 1 {
		t.Fatalf("reading the request back: %v (%d sources)", err, len(srcs))
	}
	w, diags := smdecompile.Read(srcs[0])
	if len(diags) > 0 {
		t.Fatalf("decompiling %s reports:\n%v", name, diags)
	}
	out, err := decompile.Format(w)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// TestRoundTripIsByteExact holds the guarantee: for every example and every golden case y,
// compile(decompile(compile(y))) is compile(y), byte for byte.
func TestRoundTripIsByteExact(t *testing.T) {
	all := workflows(t)
	names := make([]string, 0, len(all))
	for n := range all {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, name := range names {
		t.Run(name, func(t *testing.T) {
			first := compile(t, name, all[name])
			yaml := decompileRequest(t, name, first)
			second := compile(t, "decompiled.yaml", yaml)
			a, _ := first.RequestJSON()
			b, _ := second.RequestJSON()
			if !bytes.Equal(a, b) {
				ta, _ := first.TaskconfigJSON()
				tb, _ := second.TaskconfigJSON()
				t.Errorf("compile(decompile(compile(y))) differs from compile(y)\ndecompiled:\n%s\ntaskconfig (-want +got):\n%s\nrequest (-want +got):\n%s",
					yaml, cmp.Diff(string(ta), string(tb)), cmp.Diff(xmlOf(t, first), xmlOf(t, second)))
			}
		})
	}
}

func xmlOf(t *testing.T, res *secmaster.Result) string {
	var b strings.Builder
	for _, el := range res.Defs.Element.Children {
		b.WriteString(el.Type + " " + el.ID + "\n")
	}
	out, err := bpmnXML(res)
	if err != nil {
		t.Fatal(err)
	}
	return b.String() + out
}
