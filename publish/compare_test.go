package publish

import (
	"encoding/base64"
	"encoding/json"
	"strconv"
	"strings"
	"testing"

	"github.com/wfc-dev/wfc/secmaster"
	smtarget "github.com/wfc-dev/wfc/target/secmaster"
)

const baseWorkflow = `wfc: 1
name: Triage
description: Triage an alert.
steps:
  - id: enrich
    name: Enrich
    action: threat_intel/query_ip
    with: { ip: 1.2.3.4 }
  - id: close
    name: Close it
    action: secmaster/close_alert
    with: { alert_id: x }
`

// compile returns the comparable version of a workflow source.
func compile(t testing.TB, src string) Version {
	t.Helper()
	res, diags := smtarget.CompileFile("w.yaml", []byte(src), smtarget.Options{})
	if res == nil || diags.HasErrors() {
		t.Fatalf("compile: %v", diags)
	}
	req, err := res.Request()
	if err != nil {
		t.Fatal(err)
	}
	return FromRequest(req)
}

func TestCompareIgnoresEncodingDetails(t *testing.T) {
	local := compile(t, baseWorkflow)
	remote := local
	// Line-wrapped base64 and reordered, re-spaced taskconfig JSON are the same version.
	var wrapped strings.Builder
	for i := 0; i < len(local.Taskflow); i += 76 {
		wrapped.WriteString(local.Taskflow[i:min(i+76, len(local.Taskflow))] + "\n")
	}
	remote.Taskflow = wrapped.String()
	remote.Taskconfig = reorderTrigger(t, local.Taskconfig)
	remote.Input = "[]"
	if d := Compare(local, remote); !d.Empty() {
		t.Fatalf("Compare found changes in an identical version: %v", d.Lines())
	}
}

// reorderTrigger rewrites the taskconfig with its top-level keys in reverse order, indented.
func reorderTrigger(t *testing.T, tc string) string {
	t.Helper()
	v, err := parseJSON(tc)
	if err != nil {
		t.Fatal(err)
	}
	m := v.(map[string]any)
	keys := sortedKeys(m)
	var b strings.Builder
	b.WriteString("{\n")
	for i := len(keys) - 1; i >= 0; i-- {
		raw, err := json.MarshalIndent(m[keys[i]], "  ", "  ")
		if err != nil {
			t.Fatal(err)
		}
		b.WriteString("  \"" + keys[i] + "\": " + string(raw))
		if i > 0 {
			b.WriteString(",")
		}
		b.WriteString("\n")
	}
	b.WriteString("}")
	if b.String() == tc {
		t.Fatal("the rewrite changed nothing")
	}
	return b.String()
}

func TestCompareNamesWhatChanged(t *testing.T) {
	local := compile(t, strings.Replace(strings.Replace(baseWorkflow, "name: Enrich\n", "name: Enrich the IP\n", 1), "1.2.3.4", "5.6.7.8", 1))
	remote := compile(t, baseWorkflow)
	d := Compare(local, remote)
	if got, want := strings.Join(d.Fields, ","), "taskconfig,taskflow"; got != want {
		t.Errorf("fields = %s, want %s", got, want)
	}
	if len(d.Changed) != 1 || d.Changed[0].Name != "Enrich the IP" || d.Changed[0].Type != "serviceTask" {
		t.Fatalf("changed = %+v, want the one renamed service task", d.Changed)
	}
	if got := strings.Join(d.Changed[0].What, "; "); got != "settings; attributes: name" {
		t.Errorf("what = %q", got)
	}
	if len(d.Added)+len(d.Removed) != 0 {
		t.Errorf("added %v removed %v, want none", d.Added, d.Removed)
	}
}

func TestCompareAddedRemovedAndFields(t *testing.T) {
	local := compile(t, strings.Replace(baseWorkflow, "  - id: close\n    name: Close it\n    action: secmaster/close_alert\n    with: { alert_id: x }\n",
		"  - id: mint\n    name: Make an id\n    action: secmaster/uuid\n", 1))
	remote := compile(t, baseWorkflow)
	remote.Description = "old text"
	remote.AopType = secmaster.AopTypeSurvey
	d := Compare(local, remote)
	if got := strings.Join(d.Fields, ","); got != "description,taskconfig,taskflow,aop_type" {
		t.Errorf("fields = %s", got)
	}
	if !hasElement(d.Added, "Make an id") || !hasElement(d.Removed, "Close it") {
		t.Errorf("added %+v removed %+v", d.Added, d.Removed)
	}
	if !d.Layout {
		t.Error("a new step moves the diagram, but Layout is false")
	}
}

func TestCompareUnreadableRemote(t *testing.T) {
	local := compile(t, baseWorkflow)
	remote := local
	remote.Taskflow = base64.StdEncoding.EncodeToString([]byte("not json"))
	remote.Taskconfig = "{"
	d := Compare(local, remote)
	if d.Empty() || len(d.Notes) != 2 {
		t.Fatalf("diff = %+v, want two notes about unreadable remote values", d)
	}
}

func TestJSONNumbersCompareByValue(t *testing.T) {
	if !sameJSONText(`{"a":30,"b":[1.0]}`, `{"b":[1],"a":3e1}`) {
		t.Error("30 and 3e1 differ")
	}
	if sameJSONText(`{"a":30}`, `{"a":"30"}`) {
		t.Error("a number and a string compare equal")
	}
	if sameJSONText(`{"a":12345678901234567890}`, `{"a":12345678901234567891}`) {
		t.Error("large integers lose precision")
	}
}

func hasElement(list []ElementChange, name string) bool {
	for _, e := range list {
		if e.Name == name {
			return true
		}
	}
	return false
}

// BenchmarkCompareChanged compares two versions of an N-step workflow that differ in one step;
// the time per op should grow linearly with N.
func BenchmarkCompareChanged(b *testing.B) {
	for _, steps := range []int{50, 200} {
		b.Run(strconv.Itoa(steps)+"steps", func(b *testing.B) {
			var src strings.Builder
			src.WriteString("wfc: 1\nname: Big\ndescription: many steps\nsteps:\n")
			for i := 0; i < steps; i++ {
				src.WriteString("  - id: s" + strconv.Itoa(i) + "\n    name: Step " + strconv.Itoa(i) + "\n    action: secmaster/uuid\n")
			}
			local := compile(b, src.String())
			remote := compile(b, strings.Replace(src.String(), "name: Step 10\n", "name: Step ten\n", 1))
			b.SetBytes(int64(len(local.Taskflow)))
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				if Compare(local, remote).Empty() {
					b.Fatal("no change found")
				}
			}
		})
	}
}
