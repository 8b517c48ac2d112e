package lint

import (
	"encoding/json"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/wfc-dev/wfc/bpmn"
	"github.com/wfc-dev/wfc/diag"
)

// The bpmnlint parity test: for every fixture of bpmnlint's own test suite and every ported
// rule, the element ids our rule reports must be exactly those bpmnlint reports
// (testdata/conformance/bpmnlint/verdicts.json, produced by bpmnlint 11.x's Node API with every
// rule set to error). Known, argued disagreements go in parityExceptions with the reason.

const conformanceDir = "../testdata/conformance/bpmnlint"

type verdict struct {
	ID      string `json:"id"`
	Message string `json:"message"`
}

// parityExceptions lists fixture/rule pairs where we knowingly differ from bpmnlint, each with
// the reason bpmnlint is wrong. Keep it empty unless there is a real argument.
var parityExceptions = map[string]string{}

func loadVerdicts(t testing.TB) map[string]map[string]json.RawMessage {
	data, err := os.ReadFile(filepath.Join(conformanceDir, "verdicts.json"))
	if err != nil {
		t.Fatal(err)
	}
	var v map[string]map[string]json.RawMessage
	if err := json.Unmarshal(data, &v); err != nil {
		t.Fatal(err)
	}
	return v
}

// readFixture decodes and reads one bpmnlint fixture.
func readFixture(t testing.TB, name string) (*bpmn.Definitions, error) {
	data, err := os.ReadFile(filepath.Join(conformanceDir, "fixtures", name+".bpmn"))
	if err != nil {
		t.Fatal(err)
	}
	doc, err := bpmn.DecodeXML(data)
	if err != nil {
		return nil, err
	}
	return bpmn.Read(doc)
}

func TestBpmnlintParity(t *testing.T) {
	verdicts := loadVerdicts(t)
	fixtures := make([]string, 0, len(verdicts))
	for f := range verdicts {
		fixtures = append(fixtures, f)
	}
	sort.Strings(fixtures)
	if len(fixtures) < 200 {
		t.Fatalf("only %d fixtures in verdicts.json", len(fixtures))
	}
	// Read every fixture once; the subtests below (TestBpmnlintParity/<rule>/<fixture>, so
	// one rule can be run alone with -run) share the models.
	models := map[string]*bpmn.Definitions{}
	for _, fixture := range fixtures {
		defs, err := readFixture(t, fixture)
		if _, broken := verdicts[fixture]["error"]; broken {
			if err == nil {
				t.Errorf("%s: bpmnlint cannot read it, but we read it without error", fixture)
			}
			continue
		}
		if err != nil {
			t.Errorf("%s: %v", fixture, err)
			continue
		}
		models[fixture] = defs
	}
	for _, rule := range bpmnRules {
		t.Run(rule.ID, func(t *testing.T) {
			for _, fixture := range fixtures {
				defs, ok := models[fixture]
				if !ok {
					continue
				}
				t.Run(fixture, func(t *testing.T) {
					raw, ok := verdicts[fixture][rule.ID]
					if !ok {
						t.Fatalf("verdicts have no entry for rule %s", rule.ID)
					}
					var want []verdict
					if err := json.Unmarshal(raw, &want); err != nil {
						t.Fatal(err)
					}
					key := fixture + "/" + rule.ID
					got := runOneRule(rule, fixture, defs)
					if d := cmp.Diff(verdictIDs(want), got); d != "" {
						if reason, ok := parityExceptions[key]; ok {
							t.Logf("known disagreement (%s)", reason)
							return
						}
						t.Errorf("reported element ids differ from bpmnlint (-bpmnlint +wfc):\n%s", d)
					} else if _, ok := parityExceptions[key]; ok {
						t.Errorf("we now agree with bpmnlint; remove %s from parityExceptions", key)
					}
				})
			}
		})
	}
}

func runOneRule(rule *Rule, file string, defs *bpmn.Definitions) []string {
	in := &Input{File: file, Defs: defs, Settings: Settings{Extends: All}}
	var ids []string
	for _, d := range runRules(in, []*Rule{rule}) {
		ids = append(ids, d.Element)
	}
	sort.Strings(ids)
	return ids
}

func verdictIDs(vs []verdict) []string {
	var ids []string
	for _, v := range vs {
		ids = append(ids, v.ID)
	}
	sort.Strings(ids)
	return ids
}

// TestBpmnRulesHaveDocs keeps the generated rules reference complete.
func TestBpmnRulesHaveDocs(t *testing.T) {
	seen := map[string]bool{}
	for _, r := range Rules() {
		if seen[r.ID] {
			t.Errorf("rule id %s registered twice", r.ID)
		}
		seen[r.ID] = true
		if r.Summary == "" || r.Doc == "" || r.Check == nil || r.Severity == 0 || r.Scope == 0 {
			t.Errorf("rule %s is missing its summary, doc, check, severity or scope", r.ID)
		}
		if strings.ToLower(r.ID) != r.ID || strings.Contains(r.ID, " ") {
			t.Errorf("rule id %q is not kebab-case", r.ID)
		}
		if r.Severity != diag.Error && r.Severity != diag.Warning && r.Severity != diag.Info {
			t.Errorf("rule %s has an invalid default severity", r.ID)
		}
	}
}
