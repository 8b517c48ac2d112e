package exportfile_test

import (
	"bytes"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/wfc-dev/wfc/secmaster/exportfile"
	"github.com/wfc-dev/wfc/secmaster/resource"
)

// FuzzParseExportFile reads arbitrary export files. Beyond not panicking: an error is one
// line; a file that parses has a name on every workflow and a name, taskflow and taskconfig
// on every version, and writing it back gives a file that parses to the same workflows and
// is written back to the same bytes.
func FuzzParseExportFile(f *testing.F) {
	seed, err := exportfile.Marshal([]exportfile.Workflow{{
		Workflow: resource.Workflow{ID: "w1", Name: "Block IP", AopType: "NORMAL", DataclassID: "dc", Enabled: true},
		Versions: []resource.WorkflowVersion{{Name: "v1", Taskconfig: "{}", Taskflow: "eyJ9", TaskflowType: "JSON", Status: "activated"}},
	}})
	if err != nil {
		f.Fatal(err)
	}
	f.Add(seed)
	for _, s := range []string{
		"", " [] ", `{"name":"x"}`, `[{"name":"x","versions":[{"name":`, `[{"aop_type":"NORMAL"}]`, `[null]`,
		`[{"name":"w","versions":[{"name":"v","taskconfig":"{}"}]}]`, `[{"name":"w","versions":null,"enabled":1}]`,
		"[{\"name\":\"\xff\\ud800\",\"versions\":[]}]",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		wfs, err := exportfile.Parse(data)
		if err != nil {
			if msg := err.Error(); msg == "" || strings.ContainsAny(msg, "\r\n") {
				t.Fatalf("error is empty or spans lines: %q", msg)
			}
			return
		}
		checkExportComplete(t, wfs)
		out, err := exportfile.Marshal(wfs)
		if err != nil {
			t.Fatalf("a parsed export file cannot be written: %v", err)
		}
		back, err := exportfile.Parse(out)
		if err != nil {
			t.Fatalf("the written export file does not parse: %v\n%s", err, out)
		}
		if d := cmp.Diff(wfs, back, cmpopts.EquateEmpty()); d != "" {
			t.Fatalf("workflows changed through writing (-parsed +reparsed):\n%s", d)
		}
		if again, _ := exportfile.Marshal(back); !bytes.Equal(again, out) {
			t.Fatalf("writing is not stable:\n%s\n---\n%s", out, again)
		}
	})
}

func checkExportComplete(t *testing.T, wfs []exportfile.Workflow) {
	t.Helper()
	for _, w := range wfs {
		if w.Name == "" {
			t.Fatalf("a workflow without a name was accepted: %+v", w.Workflow)
		}
		for _, v := range w.Versions {
			if v.Name == "" || v.Taskflow == "" || v.Taskconfig == "" {
				t.Fatalf("an incomplete version was accepted: %+v", v)
			}
		}
	}
}

func TestExportFileParsing(t *testing.T) {
	bad := map[string]string{
		"":                                  "export file is empty",
		`{"name":"x"}`:                      "not a JSON array",
		`[{"name":"x","versions":[{"name":`: "not valid JSON (it may be truncated)",
		`[{"aop_type":"NORMAL"}]`:           "workflow 1 has no name",
		`[{"name":"w","versions":[{"name":"v","taskconfig":"{}"}]}]`: `workflow 1 ("w"): version "v" has no taskflow`,
	}
	for in, want := range bad {
		if _, err := exportfile.Parse([]byte(in)); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("Parse(%q) = %v, want %q", in, err, want)
		}
	}
	a, _ := exportfile.Marshal([]exportfile.Workflow{{Workflow: resource.Workflow{Name: "w"}}})
	b, _ := exportfile.Marshal([]exportfile.Workflow{{Workflow: resource.Workflow{Name: "w"}}})
	if string(a) != string(b) || !strings.Contains(string(a), `"versions": []`) {
		t.Fatalf("Marshal is not deterministic or drops versions: %s", a)
	}
}
