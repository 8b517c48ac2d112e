package deploy

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/wfc-dev/wfc/dataworks"
	"github.com/wfc-dev/wfc/dataworks/dataworkstest"
	"github.com/wfc-dev/wfc/internal/apitest"
)

// compiledForm turns a server-form document into what a compiler would write for it: made-up
// ids for the workflow and its nodes (and every reference to them), and none of what the
// service adds (owners, metadata, commandTypeId, ids of scripts and triggers, default values,
// the default outputs).
func compiledForm(t *testing.T, raw []byte) []byte {
	t.Helper()
	d := mustParse(t, string(raw))
	madeUp := map[string]string{idOf(d.wf): "wf"}
	for i, n := range d.nodes {
		madeUp[idOf(n)] = "node" + string(rune('a'+i))
	}
	var strip func(v any, entity bool) any
	strip = func(v any, entity bool) any {
		switch v := v.(type) {
		case obj:
			out := obj{}
			for k, val := range v {
				switch {
				case serverOwned[k] || isServerDefault(k, val) || (k == "id" && !entity) || k == "isDefault":
				case k == "nodes":
					var nodes []any
					for _, n := range val.([]any) {
						nodes = append(nodes, strip(n, true))
					}
					out[k] = nodes
				default:
					out[k] = strip(val, false)
				}
			}
			return out
		case []any:
			var out []any
			for _, val := range v {
				out = append(out, strip(val, false))
			}
			return out
		case string:
			if to, ok := madeUp[v]; ok {
				return to
			}
		}
		return v
	}
	wf := strip(d.wf, true).(obj)
	isMadeUp := map[any]bool{}
	for _, id := range madeUp {
		isMadeUp[id] = true
	}
	for _, holder := range append([]any{wf}, wf["nodes"].([]any)...) {
		o := holder.(obj)
		// Its default output, and the inputs that mirror its dependencies.
		keepOnly(o, "outputs", func(out obj) bool { return out["data"] != o["id"] })
		keepOnly(o, "inputs", func(in obj) bool { return !isMadeUp[in["data"]] })
	}
	d.root["spec"].(obj)["workflows"] = []any{wf}
	delete(d.root["spec"].(obj), "id")
	return encode(d.root)
}

func TestServerFormSpecsCompareEqualToTheirCompiledForm(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join("testdata", "server", "*.json"))
	if len(files) != 3 {
		t.Fatalf("%d server specs, want 3", len(files))
	}
	for _, f := range files {
		raw, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		compiled := compiledForm(t, raw)
		if strings.Contains(string(compiled), `"owner"`) || strings.Contains(string(compiled), `"rerunTimes":3`) {
			t.Fatalf("%s: the compiled form keeps server additions: %s", f, compiled)
		}
		local, deployed := mustParse(t, string(compiled)), mustParse(t, string(raw))
		if wf, nodes := compare(viewOf(local), viewOf(deployed)); len(wf)+len(nodes) != 0 {
			t.Errorf("%s: changes against its own compiled form: %+v %+v", f, wf, nodes)
		}
		first := local.nodes[0]
		first["script"].(obj)["content"] = "select 42;"
		edited := mustParse(t, string(encode(local.root)))
		wf, nodes := compare(viewOf(edited), viewOf(deployed))
		if len(wf) != 0 || len(nodes) != 1 || nodes[0].Node != first["name"] || len(nodes[0].Fields) != 1 || nodes[0].Fields[0].Field != "script.content" {
			b, _ := json.Marshal(nodes)
			t.Errorf("%s: an edit of one script shows as %s %s", f, encode(wf), b)
		}
	}
}

// Each server-form workflow, compiled, deploys once through the emulator and is unchanged the
// second time, against what the emulator stored.
func TestServerFormSpecsDeployOnce(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join("testdata", "server", "*.json"))
	for _, f := range files {
		raw, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		doc := mustParse(t, string(compiledForm(t, raw)))
		// The import needs the workflow command, which the migration tool's samples leave out.
		doc.wf["script"] = obj{"path": "wfc/" + doc.name(), "runtime": obj{"command": "WORKFLOW"}}
		srv := dataworkstest.NewTestServer(dataworkstest.Options{})
		cfg := srv.ClientConfig(dataworks.Credentials{AccessKeyID: dataworkstest.DefaultAccessKeyID, AccessKeySecret: dataworkstest.DefaultAccessKeySecret}, (&apitest.Sleeps{}).Record)
		c, err := dataworks.New(cfg)
		if err != nil {
			t.Fatal(err)
		}
		for i, want := range []Action{Create, Unchanged} {
			p, err := Plan(context.Background(), c, encode(doc.root))
			if err != nil {
				t.Fatalf("%s: plan %d: %v", f, i+1, err)
			}
			if p.Action != want {
				t.Errorf("%s: plan %d: %v", f, i+1, p.Lines())
			}
			if _, err := Apply(context.Background(), p); err != nil {
				t.Fatalf("%s: apply %d: %v", f, i+1, err)
			}
		}
		if n := len(srv.RequestsTo(dataworkstest.ActionImportWorkflowDefinition)); n != 1 {
			t.Errorf("%s: %d imports, want 1", f, n)
		}
		srv.Close()
	}
}

// keepOnly keeps the entries of o[member].nodeOutputs that keep accepts.
func keepOnly(o obj, member string, keep func(obj) bool) {
	io, _ := o[member].(obj)
	list, _ := io["nodeOutputs"].([]any)
	var kept []any
	for _, item := range list {
		if keep(item.(obj)) {
			kept = append(kept, item)
		}
	}
	if io != nil {
		io["nodeOutputs"] = kept
	}
}
