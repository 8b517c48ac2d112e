package decompile

import (
	"encoding/json"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	lang "github.com/wfc-dev/wfc/decompile"
	"github.com/wfc-dev/wfc/diag"
	"github.com/wfc-dev/wfc/lint/driver"
	dw "github.com/wfc-dev/wfc/target/dataworks"
	_ "github.com/wfc-dev/wfc/target/dataworks/rules" // the DataWorks lint rules, as cmd/wfc registers them
)

// The real specs are the target's testdata (Apache-2.0, aliyun/dataworks-spec and the
// Alibaba Cloud Go SDK; origin and licence in ../testdata/README.md): DataWorks' own
// definitions, drawn in Data Studio, in the form its API returns.
func realSpecs(t *testing.T) []string {
	files, _ := filepath.Glob("../testdata/server/*.json")
	if len(files) < 8 {
		t.Fatalf("found %d real specs", len(files))
	}
	return files
}

// TestRealSpecsCompileToTheSameGraph: each real spec decompiles without errors to YAML
// that lints clean and compiles to the same graph: the same nodes with the same members
// (names, scripts, triggers, carried fields; ids and outputs are wfc's own), the same
// dependencies between them, and the same schedule.
func TestRealSpecsCompileToTheSameGraph(t *testing.T) {
	for _, file := range realSpecs(t) {
		t.Run(filepath.Base(file), func(t *testing.T) {
			data, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			src, err := ReadSource(file, data)
			if err != nil {
				t.Fatal(err)
			}
			w, diags := Read(src)
			if diags.HasErrors() {
				t.Fatalf("decompile: %v", diags)
			}
			yaml, err := lang.Format(w)
			if err != nil {
				t.Fatal(err)
			}
			if lint := lintErrors(t, yaml); len(lint) > 0 {
				t.Fatalf("the decompiled YAML does not lint clean:\n%v\n%s", lint, yaml)
			}
			doc, err := dw.Decode(compileFile(t, "decompiled.yaml", yaml))
			if err != nil {
				t.Fatal(err)
			}
			if d := sameGraph(src.Doc.Spec.Workflows[0], doc.Spec.Workflows[0], stepIDs(w.Steps)); d != "" {
				t.Errorf("the recompiled graph differs:\n%s\ndecompiled YAML:\n%s", d, yaml)
			}
		})
	}
}

// inputFaults are the lint rules that report what a real spec itself lacks, which the
// decompiled YAML says as faithfully: single-sql-node-spec.json declares a workflow parameter
// no node reads (unused-input); sdk-import-example.json and the sql-python specs run ODPS_SQL
// nodes without a data source (dataworks-missing-datasource); real-case-single-python-spec.json
// has a node without code (dataworks-empty-script). Each is checked against the input in
// TestInputFaultsAreTheInputs.
var inputFaults = map[string]bool{"unused-input": true, "dataworks-missing-datasource": true, "dataworks-empty-script": true}

// lintErrors lints a workflow under the recommended rules, the DataWorks rules included, and
// returns every diagnostic but those of inputFaults.
func lintErrors(t *testing.T, src []byte) diag.List {
	t.Helper()
	var out diag.List
	for _, d := range lintAll(t, src) {
		if !inputFaults[d.Rule] {
			out = append(out, d)
		}
	}
	return out
}

func lintAll(t *testing.T, src []byte) diag.List {
	t.Helper()
	s, _ := driver.Settings(nil)
	diags, err := driver.File("decompiled.yaml", src, s)
	if err != nil {
		t.Fatal(err)
	}
	return diags
}

// TestInputFaultsAreTheInputs: each lint finding lintErrors leaves out is true of the real
// spec itself: the node its step came from has no data source, or no code, or the parameter
// is in no node's script or parameters.
func TestInputFaultsAreTheInputs(t *testing.T) {
	seen := map[string]bool{}
	for _, file := range realSpecs(t) {
		data, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		src, err := ReadSource(file, data)
		if err != nil {
			t.Fatal(err)
		}
		w, _ := Read(src)
		yaml, err := lang.Format(w)
		if err != nil {
			t.Fatal(err)
		}
		nodes := map[string]dw.Node{}
		for _, n := range src.Doc.Spec.Workflows[0].Nodes {
			nodes[n.ID] = n
		}
		steps := map[string]*lang.Step{}
		for _, s := range allSteps(w.Steps) {
			steps[s.ID] = s
		}
		for _, d := range lintAll(t, yaml) {
			if !inputFaults[d.Rule] {
				continue
			}
			seen[d.Rule] = true
			if !inputHasFault(d, nodes, steps, string(data)) {
				t.Errorf("%s: %s is not true of the input", filepath.Base(file), d.Error())
			}
		}
	}
	for rule := range inputFaults {
		if !seen[rule] {
			t.Errorf("no real spec has a %s finding; drop it from inputFaults", rule)
		}
	}
}

// inputHasFault checks one finding against the input: the step it names came from a node
// without a data source or code, or the input it names is read nowhere in the document.
func inputHasFault(d diag.Diagnostic, nodes map[string]dw.Node, steps map[string]*lang.Step, raw string) bool {
	for id, s := range steps {
		if !strings.Contains(d.Message, `"`+id+`"`) && !strings.Contains(d.Message, "node") {
			continue
		}
		n := nodes[s.Element]
		switch d.Rule {
		case "dataworks-missing-datasource":
			if strings.Contains(d.Message, `"`+id+`"`) {
				return n.Datasource == nil
			}
		case "dataworks-empty-script":
			if n.Script != nil && n.Script.Content == "" {
				return true
			}
		}
	}
	if d.Rule == "unused-input" {
		name := strings.TrimSuffix(strings.TrimPrefix(d.Message, `input "`), `" is never used`)
		name, _, _ = strings.Cut(name, `"`)
		return !strings.Contains(raw, "${"+name+"}")
	}
	return false
}

// stepIDs maps each node id a step was read from to the step's id.
func stepIDs(steps []*lang.Step) map[string]string {
	out := map[string]string{}
	for _, s := range steps {
		if s.Element != "" {
			out[s.Element] = s.ID
		}
		for _, b := range s.Branches {
			for k, v := range stepIDs(b) {
				out[k] = v
			}
		}
	}
	return out
}

// sameGraph compares two workflows' nodes and dependencies, the original's node ids mapped
// to step ids; "" when they agree.
func sameGraph(orig, got dw.Workflow, ids map[string]string) string {
	ids = withJoins(orig, ids)
	var diffs []string
	gotNodes := map[string]dw.Node{}
	for _, n := range got.Nodes {
		gotNodes[n.ID] = n
	}
	if len(orig.Nodes) != len(got.Nodes) {
		diffs = append(diffs, fmt.Sprintf("%d nodes, want %d", len(got.Nodes), len(orig.Nodes)))
	}
	for _, n := range orig.Nodes {
		g, ok := gotNodes[ids[n.ID]]
		if !ok {
			diffs = append(diffs, fmt.Sprintf("node %q (%s) is missing", n.Name, n.ID))
			continue
		}
		if n.Join != nil { // the step after it carries no join member: its paths are compared below
			if g.Join == nil || n.Join.Logic == nil || g.Join.Logic == nil || n.Join.Logic.Expression != g.Join.Logic.Expression {
				diffs = append(diffs, fmt.Sprintf("join %q: logic differs", n.Name))
			}
			continue
		}
		if a, b := nodeJSON(n), nodeJSON(g); a != b {
			diffs = append(diffs, fmt.Sprintf("node %q:\n  want %s\n  got  %s", n.Name, a, b))
		}
	}
	if a, b := edges(orig, ids), edges(got, nil); !slices.Equal(a, b) {
		diffs = append(diffs, fmt.Sprintf("dependencies:\n  want %v\n  got  %v", a, b))
	}
	if a, b := triggerJSON(orig.Trigger), triggerJSON(got.Trigger); a != b && orig.Trigger != nil {
		diffs = append(diffs, fmt.Sprintf("trigger:\n  want %s\n  got  %s", a, b))
	}
	return strings.Join(diffs, "\n")
}

// withJoins adds to ids the id wfc gives each join node of wf: STEP.join, STEP the step
// of the node that depends on it.
func withJoins(wf dw.Workflow, ids map[string]string) map[string]string {
	out := maps.Clone(ids)
	for _, n := range wf.Nodes {
		if n.Script == nil || n.Script.Runtime == nil || n.Script.Runtime.Command != dw.CommandJoin {
			continue
		}
		outputs := map[string]bool{n.ID: true} // the older form names the join itself
		if n.Outputs != nil {
			for _, o := range n.Outputs.NodeOutputs {
				outputs[o.Data] = true
			}
		}
		for _, d := range wf.Dependencies {
			for _, up := range d.Depends {
				if outputs[up.Output] && ids[d.NodeID] != "" {
					out[n.ID] = ids[d.NodeID] + ".join"
				}
			}
		}
	}
	return out
}

// nodeJSON is a node without what wfc decides itself: its id and outputs.
func nodeJSON(n dw.Node) string {
	n.ID, n.Outputs = "", nil
	b, _ := json.Marshal(n)
	return string(b)
}

// triggerJSON is a workflow trigger without the id DataWorks gave it; of a manual
// trigger, only its type (DataWorks fills in a start and end it does not use).
func triggerJSON(t *dw.Trigger) string {
	if t == nil {
		return "null"
	}
	c := *t
	c.ID = ""
	if c.Type == dw.TriggerManual {
		c = dw.Trigger{Type: c.Type}
	}
	b, _ := json.Marshal(c)
	return string(b)
}

// edges are the dependencies as "upstream → node" between step ids, sorted; upstreams no
// node outputs (the project's root) are left out, as decompile says it does.
func edges(wf dw.Workflow, ids map[string]string) []string {
	producer := map[string]string{}
	for _, n := range wf.Nodes {
		if n.Outputs != nil {
			for _, o := range n.Outputs.NodeOutputs {
				producer[o.Data] = n.ID
			}
		}
	}
	mapID := func(id string) string {
		if ids == nil {
			return id
		}
		return ids[id]
	}
	var out []string
	for _, d := range wf.Dependencies {
		for _, up := range d.Depends {
			if from, ok := producer[up.Output]; ok {
				out = append(out, mapID(from)+" → "+mapID(d.NodeID))
			}
		}
	}
	slices.Sort(out)
	return out
}

// TestLoopsAreReportedAtTheNode: a do-while cannot be carried; the error names the node and
// is positioned at its id in the document.
func TestLoopsAreReportedAtTheNode(t *testing.T) {
	file := "../testdata/flowspec-examples/dowhile.json"
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	src, err := ReadSource(file, data)
	if err != nil {
		t.Fatal(err)
	}
	_, diags := Read(src)
	var found bool
	for _, d := range diags {
		if d.Severity == diag.Error && strings.Contains(d.Message, "do-while") {
			found = true
			if d.Element != "8745734768222459575" || d.Range.Start.Line != 12 {
				t.Errorf("the do-while error is at %v (element %s), want line 12 of node 8745734768222459575", d.Range.Start, d.Element)
			}
		}
	}
	if !found {
		t.Errorf("no do-while error: %v", diags)
	}
}
