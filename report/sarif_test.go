package report

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/wfc-dev/wfc/diag"
)

// TestSARIFStructure checks the output against what GitHub code scanning requires
// (docs: "SARIF support for code scanning"): the SARIF 2.1.0 schema itself cannot be fetched
// offline, so this checks the required fields and their constraints directly.
func TestSARIFStructure(t *testing.T) {
	var buf bytes.Buffer
	diags := goldenDiags()
	if err := Write(&buf, SARIF, diags, Options{Rules: rulesTable(), ToolVersion: "1.2.3"}); err != nil {
		t.Fatal(err)
	}
	var log struct {
		Schema  string `json:"$schema"`
		Version string `json:"version"`
		Runs    []struct {
			Tool struct {
				Driver struct {
					Name           string `json:"name"`
					InformationURI string `json:"informationUri"`
					Rules          []struct {
						ID               string `json:"id"`
						ShortDescription struct{ Text string }
						FullDescription  struct{ Text string }
						Help             struct{ Text string }
						Default          *struct{ Level string } `json:"defaultConfiguration"`
					} `json:"rules"`
				} `json:"driver"`
			} `json:"tool"`
			Results []struct {
				RuleID    string `json:"ruleId"`
				RuleIndex *int   `json:"ruleIndex"`
				Level     string `json:"level"`
				Message   struct{ Text string }
				Locations []struct {
					PhysicalLocation *struct {
						ArtifactLocation struct {
							URI       string `json:"uri"`
							URIBaseID string `json:"uriBaseId"`
						} `json:"artifactLocation"`
						Region *struct {
							StartLine, StartColumn, EndLine, EndColumn int
						} `json:"region"`
					} `json:"physicalLocation"`
					LogicalLocations []struct {
						FullyQualifiedName string `json:"fullyQualifiedName"`
						Kind               string `json:"kind"`
					} `json:"logicalLocations"`
				} `json:"locations"`
			} `json:"results"`
		} `json:"runs"`
	}
	dec := json.NewDecoder(bytes.NewReader(buf.Bytes()))
	if err := dec.Decode(&log); err != nil {
		t.Fatal(err)
	}
	if log.Schema != "https://json.schemastore.org/sarif-2.1.0.json" || log.Version != "2.1.0" || len(log.Runs) != 1 {
		t.Fatalf("bad envelope: %q %q %d runs", log.Schema, log.Version, len(log.Runs))
	}
	run := log.Runs[0]
	if run.Tool.Driver.Name != "wfc" || run.Tool.Driver.InformationURI == "" {
		t.Errorf("driver = %+v", run.Tool.Driver)
	}
	ruleAt := map[string]int{}
	for i, r := range run.Tool.Driver.Rules {
		if r.ID == "" || r.ShortDescription.Text == "" || r.FullDescription.Text == "" || r.Help.Text == "" {
			t.Errorf("rule %d lacks a field GitHub requires: %+v", i, r)
		}
		if _, dup := ruleAt[r.ID]; dup {
			t.Errorf("rule %q listed twice", r.ID)
		}
		ruleAt[r.ID] = i
	}
	if d := run.Tool.Driver.Rules[ruleAt["label-style"]].Default; d == nil || d.Level != "note" {
		t.Errorf("info rule default level = %+v, want note", d)
	}
	if len(run.Results) != len(diags) {
		t.Fatalf("%d results for %d diagnostics", len(run.Results), len(diags))
	}
	levels := map[string]int{}
	for i, r := range run.Results {
		levels[r.Level]++
		if r.Message.Text == "" {
			t.Errorf("result %d has no message", i)
		}
		if r.RuleID != "" {
			if r.RuleIndex == nil || *r.RuleIndex != ruleAt[r.RuleID] {
				t.Errorf("result %d: ruleIndex %v does not point at rule %q", i, r.RuleIndex, r.RuleID)
			}
		}
		for _, loc := range r.Locations {
			if p := loc.PhysicalLocation; p != nil {
				uri := p.ArtifactLocation.URI
				if uri == "" || strings.Contains(uri, `\`) || strings.HasPrefix(uri, "/") || p.ArtifactLocation.URIBaseID != "%SRCROOT%" {
					t.Errorf("result %d: artifact %+v is not a relative forward-slash uri under %%SRCROOT%%", i, p.ArtifactLocation)
				}
				if p.Region != nil && (p.Region.StartLine < 1 || p.Region.StartColumn < 0) {
					t.Errorf("result %d: region %+v", i, *p.Region)
				}
			}
			for _, l := range loc.LogicalLocations {
				if l.FullyQualifiedName != "Task_1" || l.Kind != "element" {
					t.Errorf("result %d: logical location %+v", i, l)
				}
			}
		}
	}
	if levels["error"] == 0 || levels["warning"] == 0 || levels["note"] == 0 || len(levels) != 3 {
		t.Errorf("levels = %v, want only error, warning and note, each used", levels)
	}
}

// Every result with a file has a region (code scanning places nothing without one), and tool
// errors are invocation notifications that mark the run unsuccessful (issue 12).
func TestSARIFRegionsAndNotifications(t *testing.T) {
	diags := diag.List{diag.Errorf(diag.Range{File: "tf.json"}, "start-event-required", "no start")}
	for _, tc := range []struct {
		toolErrors []string
		success    bool
	}{{nil, true}, {[]string{"cannot read a.yaml: permission denied", "cannot read b.yaml: no such file"}, false}} {
		var buf bytes.Buffer
		if err := Write(&buf, SARIF, diags, Options{ToolErrors: tc.toolErrors}); err != nil {
			t.Fatal(err)
		}
		var log struct {
			Runs []struct {
				Results []struct {
					Locations []struct {
						PhysicalLocation struct {
							Region *struct{ StartLine int }
						}
					}
				}
				Invocations []struct {
					ExecutionSuccessful        *bool
					ToolExecutionNotifications []struct {
						Level   string
						Message struct{ Text string }
					}
				}
			}
		}
		if err := json.Unmarshal(buf.Bytes(), &log); err != nil {
			t.Fatal(err)
		}
		run := log.Runs[0]
		if reg := run.Results[0].Locations[0].PhysicalLocation.Region; reg == nil || reg.StartLine != 1 {
			t.Errorf("region = %+v, want startLine 1", reg)
		}
		if len(run.Invocations) != 1 || run.Invocations[0].ExecutionSuccessful == nil || *run.Invocations[0].ExecutionSuccessful != tc.success {
			t.Fatalf("invocations = %+v, want executionSuccessful %v", run.Invocations, tc.success)
		}
		var got []string
		for _, n := range run.Invocations[0].ToolExecutionNotifications {
			if n.Level != "error" {
				t.Errorf("notification level %q", n.Level)
			}
			got = append(got, n.Message.Text)
		}
		if strings.Join(got, "|") != strings.Join(tc.toolErrors, "|") {
			t.Errorf("notifications = %q, want %q", got, tc.toolErrors)
		}
	}
}
