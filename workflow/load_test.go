package workflow

import (
	"encoding/json"
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/wfc-dev/wfc/diag"
	"github.com/wfc-dev/wfc/internal/jsonobj"
)

func pos(line, col int) diag.Pos { return diag.Pos{Line: line, Column: col} }

func mustLoad(t *testing.T, name string, src []byte) *Workflow {
	t.Helper()
	w, diags := Load(name, src)
	if len(diags) > 0 {
		t.Fatalf("Load(%s) reported problems:\n%v", name, diags)
	}
	if w == nil {
		t.Fatalf("Load(%s) returned no workflow", name)
	}
	return w
}

// TestLoadExample loads the complete example of DSL.md and checks the AST field by field,
// with the positions the compiler and linter will report at.
func TestLoadExample(t *testing.T) {
	src, err := os.ReadFile("testdata/example.yaml")
	if err != nil {
		t.Fatal(err)
	}
	w := mustLoad(t, "example.yaml", src)

	check := func(what string, got, want any) {
		t.Helper()
		if fmt.Sprint(got) != fmt.Sprint(want) {
			t.Errorf("%s = %v, want %v", what, got, want)
		}
	}
	check("version", w.Version.Value, 1)
	check("version pos", w.Version.Range.Start, pos(2, 6))
	check("name", w.Name.Value, "Block malicious source IP")
	check("name range", w.Name.Range, diag.Range{File: "example.yaml", Start: pos(3, 7), End: pos(3, 32)})
	check("type", w.TypeName(), "containment")
	check("log level", w.LogLevelName(), "info")
	check("labels", len(w.Labels), 1)
	check("label", w.Labels[0].Value, "IP")
	check("label pos", w.Labels[0].Pos(), pos(6, 10))
	check("retry times", w.Retry.Times.Value, 2)
	check("retry interval", w.Retry.Interval.Seconds, 30)
	check("retry interval raw", w.Retry.Interval.Raw, "30s")
	check("dataclass set", w.Dataclass.IsSet(), false)

	check("inputs", len(w.Inputs), 1)
	in := w.Inputs[0]
	check("input name", in.Name.Value, "src_ip")
	check("input name pos", in.Name.Pos(), pos(10, 11))
	check("input required", in.Required.Value, true)
	check("input type", in.TypeOrDefault(), "string")
	check("input range", in.Range.Start, pos(10, 5))
	check("output name", w.Outputs[0].Name.Value, "verdict")

	check("steps", len(w.Steps), 5)
	kinds := []string{"action", "switch", "approval", "action", "action"}
	for i, s := range w.Steps {
		check(fmt.Sprintf("steps[%d].KindKey", i), s.KindKey(), kinds[i])
		check(fmt.Sprintf("steps[%d].Index", i), s.Index, i)
		if s.Parent != nil {
			t.Errorf("steps[%d].Parent = %v, want nil", i, s.Parent)
		}
	}
	enrich := w.Steps[0]
	check("enrich id", enrich.ID.Value, "enrich")
	check("enrich id pos", enrich.ID.Pos(), pos(18, 9))
	check("enrich range", enrich.Range.Start, pos(18, 5))
	check("enrich kind range", enrich.KindRange.Start, pos(20, 5))
	check("enrich label", enrich.LabelOrID(), "Query threat intelligence")
	act := enrich.Body.(*Action)
	check("enrich action", act.Action.Value, "threatbook/ip_reputation")
	check("enrich timeout", act.Timeout.Seconds, 60)
	check("enrich on_error", act.OnError.OrDefault(), "fail")
	check("enrich with", len(act.With), 1)
	check("enrich with key", act.With[0].Key.Value, "ip")
	check("enrich with key pos", act.With[0].Key.Pos(), pos(21, 13))
	check("enrich with value", act.With[0].Value.Text(), "${inputs.src_ip}")
	check("enrich with value pos", act.With[0].Value.Range.Start, pos(21, 17))
	check("enrich with is expression", act.With[0].Value.IsExpression(), true)

	decide := w.Steps[1]
	check("decide label", decide.LabelOrID(), "decide")
	sw := decide.Body.(*Switch)
	check("cases", len(sw.Cases), 1)
	check("case when", sw.Cases[0].When.Value, "${steps.enrich.output.severity == 'high'}")
	check("case label", sw.Cases[0].LabelOrWhen(), "${steps.enrich.output.severity == 'high'}")
	check("case next", sw.Cases[0].Next.Value, "approve")
	check("case next pos", sw.Cases[0].Next.Pos(), pos(26, 15))
	check("default", sw.Default.Value, "close")

	approve := w.Steps[2].Body.(*Approval)
	check("approvers", approve.Approvers[0].Value, "soc-lead")
	check("approval timeout", approve.Timeout.Seconds, 4*3600)
	check("on_timeout", approve.OnTimeoutOrDefault(), "interrupt")

	block := w.Steps[3]
	check("block next", block.Next.Value, "end")
	got, err := json.Marshal(withJSON(block.With()))
	if err != nil {
		t.Fatal(err)
	}
	check("block with JSON", string(got), `{"ip":"${inputs.src_ip}","duration":86400}`)
	check("close next set", w.Steps[4].Next.IsSet(), false)
}

func withJSON(entries []*Entry) jsonobj.Object {
	var o jsonobj.Object
	for _, e := range entries {
		o = append(o, jsonobj.Member{Key: e.Key.Value, Value: e.Value.JSON()})
	}
	return o
}

const parallelWorkflow = `wfc: 1
name: p
description: ""
steps:
  - id: fan
    parallel:
      - steps:
          - id: a1
            wait: 5
          - id: a2
            workflow: other
            with: {x: 1}
      - steps:
          - id: b1
            parallel:
              - steps:
                  - id: c1
                    wait: 1h30m
  - id: after
    action: p/a
`

// TestAllStepsAndParents checks the depth-first order and the parent links the compiler
// uses to find where a branch's last step flows.
func TestAllStepsAndParents(t *testing.T) {
	w := mustLoad(t, "p.yaml", []byte(parallelWorkflow))
	var ids []string
	for _, s := range w.AllSteps() {
		ids = append(ids, s.ID.Value)
	}
	if got, want := strings.Join(ids, ","), "fan,a1,a2,b1,c1,after"; got != want {
		t.Fatalf("AllSteps = %s, want %s", got, want)
	}
	fan := w.Steps[0]
	par, ok := fan.Body.(*Parallel)
	if !ok || len(par.Branches) != 2 {
		t.Fatalf("fan: kind %v, want parallel with 2 branches", fan.KindKey())
	}
	a2 := par.Branches[0].Steps[1]
	if _, call := a2.Body.(*Call); a2.Parent != par.Branches[0] || a2.Index != 1 || a2.Parent.Owner != fan || !call {
		t.Errorf("a2: parent %p index %d owner %v kind %v", a2.Parent, a2.Index, a2.Parent.Owner, a2.KindKey())
	}
	c1 := par.Branches[1].Steps[0].Body.(*Parallel).Branches[0].Steps[0]
	if d := c1.Body.(*Wait).Duration; d.Seconds != 5400 || c1.Parent.Owner.ID.Value != "b1" || c1.Parent.Owner.Parent.Owner != fan {
		t.Errorf("c1: wait %d, owner chain wrong", d.Seconds)
	}
	if s := par.Branches[0].Steps[0].Body.(*Wait).Duration; s.Seconds != 5 || s.Raw != "5" {
		t.Errorf("a1 wait = %+v, want 5 seconds", s)
	}
	if par.Branches[1].Index != 1 || par.Branches[1].Range.Start != pos(13, 9) {
		t.Errorf("branch 1: index %d at %v", par.Branches[1].Index, par.Branches[1].Range.Start)
	}
}

// TestAnchorsAndMerge: aliases are expanded and << merges, explicit keys winning, with the
// merged keys in place of the << and the alias use keeping the alias's position.
func TestAnchorsAndMerge(t *testing.T) {
	src := "\xef\xbb\xbf" + `wfc: 1
name: m
description: ""
steps:
  - id: a
    action: p/a
    with: &common {region: eu, retries: 3}
    timeout: &t 90
  - id: b
    action: p/b
    with:
      host: h
      <<: *common
      region: us
    timeout: *t
`
	w := mustLoad(t, "m.yaml", []byte(src))
	b := w.Steps[1]
	got, _ := json.Marshal(withJSON(b.With()))
	if string(got) != `{"host":"h","retries":3,"region":"us"}` {
		t.Errorf("merged with = %s", got)
	}
	if to := b.Body.(*Action).Timeout; to.Seconds != 90 || to.Range.Start != pos(15, 14) {
		t.Errorf("aliased timeout = %d at %v, want 90 at 15:14", to.Seconds, to.Range.Start)
	}
	if w.Name.Range.Start != pos(2, 7) {
		t.Errorf("a BOM must not shift positions: name at %v", w.Name.Range.Start)
	}
}

// TestPartialAST: schema errors are reported and the rest of the workflow is still there.
func TestPartialAST(t *testing.T) {
	src := `wfc: 1
name: x
description: ""
steps:
  - id: a
    acton: p/a
  - id: b
    action: p/b
    timeout: soon
`
	w, diags := Load("x.yaml", []byte(src))
	if w == nil || len(w.Steps) != 2 {
		t.Fatalf("want a partial workflow with 2 steps, got %+v", w)
	}
	b, isAction := w.Steps[1].Body.(*Action)
	if w.Steps[0].Body != nil || !isAction || b.Timeout != nil {
		t.Errorf("steps: %v %v", w.Steps[0].KindKey(), w.Steps[1].KindKey())
	}
	want := []string{
		`x.yaml:6:5: step "a": unknown key "acton"; did you mean "action"? [schema]`,
		`x.yaml:9:14: step "b".timeout: expected a duration like 30s, 5m, 1h30m or a whole number of seconds, got the string "soon" [schema]`,
	}
	if got := strings.Split(diags.Error(), "\n"); strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("diagnostics:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestLoadTooLarge(t *testing.T) {
	src := make([]byte, MaxFileSize+1)
	w, diags := Load("big.yaml", src)
	if w != nil || len(diags) != 1 || diags[0].Error() != "big.yaml: file is more than 8 MiB; a workflow file may be at most 8 MiB, split it into smaller workflows [syntax]" {
		t.Errorf("got %v, %v", w, diags)
	}
	// A caller that read the whole file (wfc lint reads up to 64 MiB) gets its size.
	_, diags = Load("big.yaml", make([]byte, 50<<20))
	if got := diags.Error(); got != "big.yaml: file is 50 MiB; a workflow file may be at most 8 MiB, split it into smaller workflows [syntax]" {
		t.Errorf("got %s", got)
	}
}

// TestDiagnosticCap: a file full of mistakes reports the first 100 of a rule and says how
// many more at the last one shown.
func TestDiagnosticCap(t *testing.T) {
	var b strings.Builder
	b.WriteString("wfc: 1\nname: x\ndescription: \"\"\nsteps:\n  - id: a\n    wait: 1\n")
	for i := range 300 {
		fmt.Fprintf(&b, "bad%d: 1\n", i)
	}
	_, diags := Load("c.yaml", []byte(b.String()))
	if len(diags) != 101 {
		t.Fatalf("got %d diagnostics, want 100 and a summary", len(diags))
	}
	if got := diags[100].Error(); got != "c.yaml:106:1: … and 200 more not shown; wfc lists at most 100 per rule and 1000 per file [schema]" {
		t.Errorf("summary = %q", got)
	}
}

func TestTypeNameAndLogLevelName(t *testing.T) {
	for _, tc := range []struct{ typ, want string }{
		{"", "general"}, {"general", "general"}, {"NORMAL", "general"}, {"investigation", "investigation"}, {"SURVEY", "investigation"},
		{"containment", "containment"}, {"HEMOSTASIS", "containment"}, {"mitigation", "mitigation"}, {"EASE", "mitigation"}, {"bogus", ""},
	} {
		w := &Workflow{}
		if tc.typ != "" {
			w.Type = String{Value: tc.typ, Range: diag.Range{Start: pos(1, 1)}}
		}
		if got := w.TypeName(); got != tc.want {
			t.Errorf("TypeName(%q) = %q, want %q", tc.typ, got, tc.want)
		}
	}
	for _, tc := range []struct{ level, want string }{{"", "info"}, {"debug", "debug"}, {"warn", "warn"}, {"error", "error"}, {"loud", ""}} {
		w := &Workflow{}
		if tc.level != "" {
			w.LogLevel = String{Value: tc.level, Range: diag.Range{Start: pos(1, 1)}}
		}
		if got := w.LogLevelName(); got != tc.want {
			t.Errorf("LogLevelName(%q) = %q, want %q", tc.level, got, tc.want)
		}
	}
}

func TestParseDuration(t *testing.T) {
	for _, tc := range []struct {
		in   string
		secs int64
		ok   bool
	}{
		{"30s", 30, true}, {"5m", 300, true}, {"4h", 14400, true}, {"1h30m", 5400, true}, {"1h2m3s", 3723, true},
		{"90m", 5400, true}, {"", 0, false}, {"5", 0, false}, {"1m1h", 0, false}, {"1s1s", 0, false}, {"1d", 86400, true},
		{"2d12h", 216000, true}, {"1d30m", 88200, true}, {"1d2h3m4s", 93784, true}, {"1h1d", 0, false}, {"1d1d", 0, false}, {"d", 0, false},
		{"99999999999999999999h", maxDurationSeconds + 1, true},
	} {
		secs, ok := parseDuration(tc.in)
		if secs != tc.secs || ok != tc.ok {
			t.Errorf("parseDuration(%q) = %d, %v; want %d, %v", tc.in, secs, ok, tc.secs, tc.ok)
		}
	}
}

func TestDurationTooLong(t *testing.T) {
	src := "wfc: 1\nname: x\ndescription: \"\"\nsteps:\n  - id: a\n    wait: 99999999999h\n"
	w, diags := Load("d.yaml", []byte(src))
	want := "d.yaml:6:11: duration 99999999999h is longer than 100 years; use a shorter one [schema]"
	if diags.Error() != want || w.Steps[0].Body.(*Wait).Duration != nil {
		t.Errorf("got %q, want %q", diags.Error(), want)
	}
}

func TestValueJSON(t *testing.T) {
	src := `wfc: 1
name: x
description: ""
steps:
  - id: a
    action: p/a
    with:
      z: "<b>&"
      a: [1, 2.5, true, null, "s", 0x10]
      m: {y: 1, x: {k: v}}
      big: 123456789012345678901234567890
      when: 2024-01-02
`
	w := mustLoad(t, "v.yaml", []byte(src))
	got, err := json.Marshal(withJSON(w.Steps[0].With()))
	if err != nil {
		t.Fatal(err)
	}
	want := `{"z":"\u003cb\u003e\u0026","a":[1,2.5,true,null,"s",16],"m":{"y":1,"x":{"k":"v"}},"big":1.2345678901234568e+29,"when":"2024-01-02"}`
	if string(got) != want {
		t.Errorf("JSON:\n got %s\nwant %s", got, want)
	}
	if v, ok := w.Steps[0].With()[2].Value.JSON().(jsonobj.Object).Get("y"); !ok || v != int64(1) {
		t.Errorf("Object.Get(y) = %v, %v", v, ok)
	}
}
