package decompile_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/wfc-dev/wfc/bpmn"
	"github.com/wfc-dev/wfc/decompile"
	"github.com/wfc-dev/wfc/target/secmaster"
	smdecompile "github.com/wfc-dev/wfc/target/secmaster/decompile"
)

// graphOf is a workflow's diagram in terms that do not depend on element ids or joining
// gateways: every node, flow and taskconfig entry under a label made from step ids
// ("step:block", "error:step:block", "start"), so the graph of a console workflow and the
// graph of its decompiled YAML compiled again can be compared.
type graphOf struct {
	Nodes  map[string]string // label → type, name, attributes, documentation, event
	Flows  []string          // "from -> to name=… cond=… default", sorted
	Config map[string]string // label → its taskconfig entry, keys sorted
	// unnamed are the labels of nodes the original left unnamed: compiled, they are labelled
	// with their step id (every step has a label), which is no change of graph.
	unnamed   map[string]bool
	hasConfig bool // the source had a taskconfig
}

// graphOfSource reads src's diagram; the step ids come from decompiling it.
func graphOfSource(t *testing.T, src smdecompile.Source) graphOf {
	t.Helper()
	w, _ := smdecompile.Read(src)
	stepOf := map[string]string{}
	var visit func([]*decompile.Step)
	visit = func(ss []*decompile.Step) {
		for _, s := range ss {
			stepOf[s.Element] = s.ID
			for _, b := range s.Branches {
				visit(b)
			}
		}
	}
	visit(w.Steps)
	defs, err := bpmn.Read(src.Doc)
	if err != nil {
		t.Fatal(err)
	}
	tc, err := secmaster.ReadTaskconfig(src.Fields.Taskconfig)
	if err != nil {
		t.Fatal(err)
	}
	g := buildGraphOf(t, defs, tc, stepOf)
	g.hasConfig = src.Fields.Taskconfig != ""
	return g
}

func buildGraphOf(t *testing.T, defs *bpmn.Definitions, tc *secmaster.TaskconfigView, stepOf map[string]string) graphOf {
	var proc *bpmn.Element
	for _, c := range defs.Element.Children {
		if c.Type == "Process" {
			proc = c
		}
	}
	var nodes, flows []*bpmn.Element
	for _, c := range proc.Children {
		switch {
		case c.Type == "SequenceFlow":
			flows = append(flows, c)
		case c.Is("FlowNode"):
			nodes = append(nodes, c)
		}
	}
	out := map[*bpmn.Element][]*bpmn.Element{}
	in := map[*bpmn.Element][]*bpmn.Element{}
	for _, f := range flows {
		out[f.SourceRef] = append(out[f.SourceRef], f)
		in[f.TargetRef] = append(in[f.TargetRef], f)
	}
	isJoin := func(n *bpmn.Element) bool {
		return n.Type == "ExclusiveGateway" && len(out[n]) == 1
	}
	through := func(n *bpmn.Element) *bpmn.Element {
		for isJoin(n) {
			n = out[n][0].TargetRef
		}
		return n
	}
	labels := map[*bpmn.Element]string{}
	var label func(n *bpmn.Element) string
	label = func(n *bpmn.Element) string {
		if l, ok := labels[n]; ok {
			return l
		}
		labels[n] = "?" + n.ID // a cycle guard; replaced below
		var l string
		switch {
		case stepOf[n.ID] != "":
			l = "step:" + stepOf[n.ID]
		case n.Type == "StartEvent":
			l = "start"
		case n.Type == "EndEvent":
			l = "end"
		case n.Type == "BoundaryEvent":
			l = "error:" + label(n.AttachedToRef)
		case n.Type == "ExclusiveGateway" && len(in[n]) == 1:
			l = "outcome:" + label(in[n][0].SourceRef)
		case n.Type == "ParallelGateway":
			var preds []string
			for _, f := range in[n] {
				preds = append(preds, label(f.SourceRef))
			}
			sort.Strings(preds)
			l = "join:" + strings.Join(preds, ",")
		default:
			l = "other:" + n.ID
		}
		labels[n] = l
		return l
	}
	g := graphOf{Nodes: map[string]string{}, Config: map[string]string{}, unnamed: map[string]bool{}}
	for _, n := range nodes {
		if isJoin(n) {
			continue
		}
		l := label(n)
		if n.Name == "" || n.Type == "StartEvent" || n.Type == "EndEvent" {
			g.unnamed[l] = true
		}
		g.Nodes[l] = nodeText(n)
		for _, entries := range []map[string]json.RawMessage{tc.NodeInfo, tc.UsertaskInfo} {
			if raw, ok := entries[n.ID]; ok {
				g.Config[l] = entryText(t, raw)
			}
		}
	}
	for _, f := range flows {
		if isJoin(f.SourceRef) {
			continue
		}
		g.Flows = append(g.Flows, fmt.Sprintf("%s -> %s name=%q cond=%q default=%v",
			label(f.SourceRef), label(through(f.TargetRef)), f.Name, flowCondition(f), f.SourceRef.Default == f))
	}
	sort.Strings(g.Flows)
	return g
}

// nodeText is what a node says besides its id and the structure around it.
func nodeText(n *bpmn.Element) string {
	var attrs []string
	for _, a := range n.Attrs {
		switch a.Name {
		case "id", "name", "default", "attachedToRef", secmaster.StepIDAttr:
		default:
			attrs = append(attrs, a.Name+"="+a.Value)
		}
	}
	sort.Strings(attrs)
	var b strings.Builder
	fmt.Fprintf(&b, "%s name=%q attrs=%q", n.Type, n.Name, attrs)
	for _, c := range n.Children {
		fmt.Fprintf(&b, " %s", c.Type)
		if c.Type == "Documentation" && c.Body != "" {
			fmt.Fprintf(&b, "=%q", c.Body)
		}
		for _, cc := range c.Children {
			fmt.Fprintf(&b, " %s=%q", cc.Tag, strings.TrimSpace(cc.Body))
		}
	}
	return b.String()
}

func flowCondition(f *bpmn.Element) string {
	for _, c := range f.Children {
		if c.Tag == "conditionExpression" {
			return strings.TrimSpace(c.Body)
		}
	}
	return ""
}

// entryText is a taskconfig entry with its keys sorted and without the members that hold an
// element id or repeat the label.
func entryText(t *testing.T, raw json.RawMessage) string {
	var m map[string]any
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	if err := dec.Decode(&m); err != nil {
		t.Fatal(err)
	}
	delete(m, "on_error_node")
	delete(m, "name")
	b, _ := json.Marshal(m)
	return string(b)
}

// sameGraph reports how got (the recompiled diagram) differs from want (the original),
// allowing a label where the original had none.
func sameGraph(want, got graphOf) string {
	var diffs []string
	for l, w := range want.Nodes {
		gt, ok := got.Nodes[l]
		switch {
		case !ok:
			diffs = append(diffs, "missing node "+l+": "+w)
		case want.unnamed[l]:
			if stripName(gt) != stripName(w) {
				diffs = append(diffs, fmt.Sprintf("node %s: %s, want %s", l, gt, w))
			}
		case gt != w:
			diffs = append(diffs, fmt.Sprintf("node %s: %s, want %s", l, gt, w))
		}
	}
	for l := range got.Nodes {
		if _, ok := want.Nodes[l]; !ok {
			diffs = append(diffs, "extra node "+l+": "+got.Nodes[l])
		}
	}
	// A diagram that came without a taskconfig (BPMN XML) gets the entries wfc writes.
	if d := cmp.Diff(want.Config, got.Config); d != "" && want.hasConfig {
		diffs = append(diffs, "taskconfig (-want +got):\n"+d)
	}
	if d := flowDiff(want.Flows, got.Flows); d != "" {
		diffs = append(diffs, d)
	}
	return strings.Join(diffs, "\n")
}

func stripName(s string) string {
	before, after, _ := strings.Cut(s, " name=")
	_, rest, _ := strings.Cut(after, " attrs=")
	return before + " attrs=" + rest
}

// flowDiff compares flows as multisets; an unnamed flow of the original matches a flow of
// any name (compiled, an unnamed case or default flow is labelled), a named one only that
// name.
func flowDiff(want, got []string) string {
	split := func(f string) (key, name string) {
		before, after, _ := strings.Cut(f, " name=")
		name, rest, _ := strings.Cut(after, " cond=")
		return before + " cond=" + rest, name
	}
	names := map[string][]string{}
	for _, f := range got {
		k, n := split(f)
		names[k] = append(names[k], n)
	}
	var diffs []string
	var wildcards []string
	for _, f := range want {
		k, n := split(f)
		if n == `""` {
			wildcards = append(wildcards, k)
			continue
		}
		i := slices.Index(names[k], n)
		if i < 0 {
			diffs = append(diffs, "missing flow "+f)
			continue
		}
		names[k] = slices.Delete(names[k], i, i+1)
	}
	for _, k := range wildcards {
		if len(names[k]) == 0 {
			diffs = append(diffs, "missing flow "+k)
			continue
		}
		names[k] = names[k][1:]
	}
	for k, ns := range names {
		for _, n := range ns {
			diffs = append(diffs, "extra flow "+k+" name="+n)
		}
	}
	sort.Strings(diffs)
	return strings.Join(diffs, "\n")
}

// TestConsoleWorkflowsKeepTheirGraph holds the guarantee for diagrams wfc did not compile:
// the decompiled YAML lints clean and compiles to the same graph (nodes, names, flows,
// conditions, settings and the attributes and taskconfig members carried in platform).
// The real samples are among them (issue 11): the console's new workflow (start → end), an
// approval saved without approvers or due date, and an empty process, which compiles to
// the new workflow's start → end (wantFrom names the diagram whose graph it must have).
func TestConsoleWorkflowsKeepTheirGraph(t *testing.T) {
	const seed = "../testdata/reference/seed-create-version.decoded.json"
	for _, c := range []struct{ file, wantFrom string }{
		{file: "testdata/inputs/console-drawn.request.json"},
		{file: "testdata/inputs/drawn-out-of-order.bpmn"},
		{file: seed},
		{file: "../testdata/reference/taskFlow2.decoded.json"},
		{file: "../testdata/reference/taskFlow1.decoded.json", wantFrom: seed},
	} {
		file := c.file
		t.Run(file, func(t *testing.T) {
			src := readSource(t, file)
			want := src
			if c.wantFrom != "" {
				want = readSource(t, c.wantFrom)
			}
			w, diags := smdecompile.Read(src)
			if diags.HasErrors() {
				t.Fatalf("decompile reports errors:\n%v", diags)
			}
			yaml, err := decompile.Format(w)
			if err != nil {
				t.Fatal(err)
			}
			if lint := lintYAML(t, yaml); len(lint) > 0 {
				t.Fatalf("the decompiled YAML does not lint clean:\n%v\n%s", lint, yaml)
			}
			res := compile(t, "decompiled.yaml", yaml)
			body, _ := res.RequestJSON()
			again, err := smdecompile.ReadSources("recompiled", body)
			if err != nil {
				t.Fatal(err)
			}
			if d := sameGraph(graphOfSource(t, want), graphOfSource(t, again[0])); d != "" {
				t.Errorf("the recompiled graph differs from the original:\n%s\ndecompiled YAML:\n%s", d, yaml)
			}
		})
	}
}

func readSource(t *testing.T, file string) smdecompile.Source {
	t.Helper()
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	srcs, err := smdecompile.ReadSources(file, data)
	if err != nil {
		t.Fatal(err)
	}
	return srcs[0]
}
