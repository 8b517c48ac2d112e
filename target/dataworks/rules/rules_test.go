package rules

import (
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/wfc-dev/wfc/diag"
	"github.com/wfc-dev/wfc/internal/wanttest"
	"github.com/wfc-dev/wfc/lint"
	"github.com/wfc-dev/wfc/workflow"
)

// The rules are tested as lint's are (internal/wanttest): YAML files in testdata/RULE/, each
// line's `# want "REGEXP"` comments naming the diagnostics the rule must report there, and
// ok*.yaml files on which it reports nothing. Only the rule of the directory runs.
func TestRules(t *testing.T) {
	for _, r := range All {
		for _, file := range wanttest.RuleFiles(t, "testdata", r.ID) {
			t.Run(r.ID+"/"+filepath.Base(file), func(t *testing.T) {
				w, src := wanttest.LoadWorkflow(t, file)
				diags := lintOnly(r, file, src, w, Target)
				for _, d := range diags {
					wanttest.CheckShape(t, r.ID, r.Severity, d)
				}
				wanttest.Check(t, file, src, diags)
			})
		}
	}
}

// lintOnly runs lint with r alone enabled, on a workflow compiled for target.
func lintOnly(r *lint.Rule, file string, src []byte, w *workflow.Workflow, target string) diag.List {
	s := enabling(func(other *lint.Rule) bool { return other == r })
	return lint.Run(&lint.Input{File: file, Source: src, Workflow: w, Settings: s, Target: target})
}

// enabling is settings that turn on the rules keep accepts, at their default severity, and
// turn off every other.
func enabling(keep func(*lint.Rule) bool) lint.Settings {
	s := lint.Settings{Extends: lint.All, Rules: map[string]diag.Severity{}}
	for _, r := range lint.Rules() {
		if !keep(r) {
			s.Rules[r.ID] = lint.Off
		}
	}
	return s
}

// TestRulesAreRegistered: every DataWorks rule is in lint's list, once, for target dataworks
// only, with what docs/rules.md and config need.
func TestRulesAreRegistered(t *testing.T) {
	id := regexp.MustCompile(`^dataworks(-[a-z]+)+$`)
	for _, r := range All {
		if lint.Lookup(r.ID) != r {
			t.Errorf("rule %s is not registered with lint", r.ID)
		}
		if !id.MatchString(r.ID) || r.Target != Target || r.Scope != lint.ScopeWorkflow || r.Check == nil || r.Summary == "" || len(r.Doc) < 80 {
			t.Errorf("rule %q: bad id, target, scope, check, summary or doc", r.ID)
		}
	}
}

// TestRulesRunOnlyOnDataWorksWorkflows: the same bad file gets the rule's diagnostics when
// it is compiled for dataworks and none when it is compiled for secmaster.
func TestRulesRunOnlyOnDataWorksWorkflows(t *testing.T) {
	file := filepath.Join("testdata", unknownCommand.ID, "unknown.yaml")
	w, src := wanttest.LoadWorkflow(t, file)
	if got := lintOnly(unknownCommand, file, src, w, Target); len(got) == 0 {
		t.Fatal("no diagnostics for target dataworks")
	}
	if got := lintOnly(unknownCommand, file, src, w, "secmaster"); len(got) != 0 {
		t.Errorf("diagnostics for target secmaster:\n%v", got)
	}
}

// TestCronProblemsPointInsideTheCron: a cron problem is reported at the field it is about,
// inside the quoted scalar, and a schedule bound at its value.
func TestCronProblemsPointInsideTheCron(t *testing.T) {
	for file, want := range map[string][]string{
		"fields.yaml":   {"6:13-6:15 minutes", "6:23-6:26 one of day-of-month", "7:10-7:31 schedule start"},
		"reversed.yaml": {"6:23-6:26 \"MOM\"", "8:8-8:29 the schedule ends"},
	} {
		file = filepath.Join("testdata", schedule.ID, file)
		w, src := wanttest.LoadWorkflow(t, file)
		var got []string
		for _, d := range lintOnly(schedule, file, src, w, Target) {
			at := d.Range.Start.String()
			if d.Range.End.IsValid() && d.Range.End.Line == d.Range.Start.Line {
				at += "-" + d.Range.End.String()
			}
			got = append(got, at+" "+d.Message)
		}
		if len(got) != len(want) {
			t.Fatalf("%s: got\n%s\nwant %d diagnostics starting %q", file, strings.Join(got, "\n"), len(want), want)
		}
		for i := range want {
			if !strings.HasPrefix(got[i], want[i]) {
				t.Errorf("%s: diagnostic %d is %q, want it to start %q", file, i, got[i], want[i])
			}
		}
	}
}

// TestEveryKindLints walks a step of every kind in workflow.Kinds (its example, between two
// run steps) through the DataWorks rules: none fails on a kind, and none reports the
// examples, which are valid steps (the target's Check refuses the kinds DataWorks does not
// run; that is not the rules' business).
func TestEveryKindLints(t *testing.T) {
	head := "wfc: 1\ntarget: dataworks\nname: kinds\ndescription: \"\"\ninputs:\n  - {name: x}\nsteps:\n" +
		"  - {id: before, run: {command: DIDE_SHELL, code: echo before}}\n"
	tail := "  - {id: after, run: {command: DIDE_SHELL, code: echo after}}\n"
	for _, info := range workflow.Kinds {
		t.Run(info.Key, func(t *testing.T) {
			example := strings.ReplaceAll(info.Example, "\n", "\n    ")
			src := head + "  - id: it\n    " + strings.ReplaceAll(example, ": end", ": after") + "\n" + tail
			w, diags := workflow.Load("kinds.yaml", []byte(src))
			if w == nil || diags.HasErrors() {
				t.Fatalf("the example does not load:\n%v\n%s", diags, src)
			}
			s := enabling(func(r *lint.Rule) bool { return r.Target == Target })
			if got := lint.Run(&lint.Input{File: "kinds.yaml", Source: []byte(src), Workflow: w, Settings: s, Target: Target}); len(got) > 0 {
				t.Errorf("the DataWorks rules report the %s example:\n%v", info.Key, got)
			}
		})
	}
}

// TestExamplesPass: the DataWorks examples the README walks through report nothing under
// the DataWorks rules (their SQL files are read from beside them, as wfc lint reads them).
func TestExamplesPass(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join("..", "..", "..", "examples", "*", "*.yaml"))
	linted := 0
	for _, file := range files {
		w, src := wanttest.LoadWorkflow(t, file)
		if w.TargetOrDefault() != Target {
			continue
		}
		linted++
		s := enabling(func(r *lint.Rule) bool { return r.Target == Target })
		if got := lint.Run(&lint.Input{File: file, Source: src, Workflow: w, Settings: s, Target: Target}); len(got) > 0 {
			t.Errorf("%s:\n%v", file, got)
		}
	}
	if linted == 0 {
		t.Fatal("no DataWorks example found under examples/")
	}
}
