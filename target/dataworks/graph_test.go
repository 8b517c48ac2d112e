package dataworks

import (
	"os"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/wfc-dev/wfc/target"
)

// TestDocumentGraphOfServerSpecs reads real specs: each dependency is one edge, even when the
// node's inputs repeat it (single-sql-node-spec writes both, by nodeId and output, and the
// real case both for the project's root node), and an upstream outside the document (the
// project's root node) is an external node after the workflow's, its edge into the node.
func TestDocumentGraphOfServerSpecs(t *testing.T) {
	type want struct {
		edges    []target.GraphEdge
		external []string // id:name
	}
	for file, want := range map[string]want{
		"testdata/server/single-sql-node-spec.json": {edges: []target.GraphEdge{
			{From: "13821670806241-pre-0", To: "13821670806241"},
			{From: "13821670806241", To: "13821670806241-post-0"},
		}},
		"testdata/server/real-case-shell-python-sql-spec.json": {edges: []target.GraphEdge{
			{From: "dw_scheduler_pre_root", To: "8638341898766757086"},
			{From: "8638341898766757086", To: "8898729950467045040"},
			{From: "8898729950467045040", To: "8204310273201954362"},
		}, external: []string{"dw_scheduler_pre_root:dw_scheduler_pre_root"}},
	} {
		data, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		doc, err := Decode(data)
		if err != nil {
			t.Fatal(err)
		}
		g := DocumentGraph(doc)
		if diff := cmp.Diff(want.edges, g.Edges); diff != "" {
			t.Errorf("%s: edges (-want +got):\n%s", file, diff)
		}
		var tasks, external []string
		for _, n := range g.Nodes {
			if n.Kind == target.GraphExternal {
				external = append(external, n.ID+":"+n.Name)
			} else if n.Type != "" {
				tasks = append(tasks, n.ID)
			}
		}
		if len(tasks) != 3 || !cmp.Equal(want.external, external) {
			t.Errorf("%s: nodes %+v, want 3 with their types and the external nodes %v", file, g.Nodes, want.external)
		}
	}
}

// TestDocumentGraphBranchAndJoin: a branch is a decision whose out-edges are its cases (the
// description, else the condition), a join a merge, the other nodes tasks with their command
// as type; a node without an id is known by its name, a repeated id is made unique, and the
// older form of depends (an upstream's nodeId alone) is an edge too.
func TestDocumentGraphBranchAndJoin(t *testing.T) {
	out := func(data string) *NodeOutput { return &NodeOutput{Data: data} }
	outputs := func(data ...string) *IO {
		io := &IO{}
		for _, d := range data {
			io.NodeOutputs = append(io.NodeOutputs, *out(d))
		}
		return io
	}
	script := func(command string) *Script { return &Script{Runtime: &Runtime{Command: command}} }
	doc := &Document{Spec: Spec{Workflows: []Workflow{{
		Name: "wf",
		Nodes: []Node{
			{ID: "pick", Name: "pick", Script: script("CONTROLLER_BRANCH"), Outputs: outputs("pick"),
				Branch: &Branch{Branches: []BranchCase{{When: "${a} > 1", Desc: "big", Output: out("pick.case1")},
					{When: "${a} <= 1", Output: out("pick.case2")}}}},
			{ID: "x", Name: "x", Script: script("ODPS_SQL"), Outputs: outputs("x")},
			{ID: "z", Name: "z", Script: script("DIDE_SHELL"), Outputs: outputs("z.out")},
			{ID: "j", Name: "j", Script: script("CONTROLLER_JOIN"), Join: &Join{}, Outputs: outputs("j")},
			{Name: "last", Inputs: outputs("j")},
		},
		Dependencies: []Dependency{
			{NodeID: "x", Depends: []Depend{{Type: DependNormal, Output: "pick.case1"}}},
			{NodeID: "z", Depends: []Depend{{Type: DependNormal, Output: "pick.case2"}}},
			{NodeID: "j", Depends: []Depend{{Type: DependNormal, Output: "x"}, {Type: DependNormal, NodeID: "z"}}},
		},
	}}}}
	want := &target.Graph{
		Name: "wf",
		Nodes: []target.GraphNode{
			{ID: "pick", Name: "pick", Kind: target.GraphDecision, Type: "CONTROLLER_BRANCH"},
			{ID: "x", Name: "x", Kind: target.GraphTask, Type: "ODPS_SQL"},
			{ID: "z", Name: "z", Kind: target.GraphTask, Type: "DIDE_SHELL"},
			{ID: "j", Name: "j", Kind: target.GraphMerge, Type: "CONTROLLER_JOIN"},
			{ID: "last", Name: "last", Kind: target.GraphTask},
		},
		Edges: []target.GraphEdge{
			{From: "pick", To: "x", Label: "big"},
			{From: "pick", To: "z", Label: "${a} <= 1"},
			{From: "x", To: "j"},
			{From: "z", To: "j"},
			{From: "j", To: "last"},
		},
	}
	if diff := cmp.Diff(want, DocumentGraph(doc)); diff != "" {
		t.Errorf("graph (-want +got):\n%s", diff)
	}
	if got := DocumentGraph(nil); got == nil || len(got.Nodes) != 0 {
		t.Errorf("DocumentGraph(nil) = %+v, want an empty graph", got)
	}
}

// TestDocumentGraphIDsAreUnique: nodes sharing an id (in one workflow or two) are all drawn,
// the later ones as "ID#2", "ID#3".
func TestDocumentGraphIDsAreUnique(t *testing.T) {
	doc := &Document{Spec: Spec{Workflows: []Workflow{
		{Nodes: []Node{{ID: "a", Name: "one"}, {ID: "a", Name: "two"}}},
		{Nodes: []Node{{ID: "a", Name: "three"}}},
	}}}
	var ids []string
	for _, n := range DocumentGraph(doc).Nodes {
		ids = append(ids, n.ID)
	}
	if diff := cmp.Diff([]string{"a", "a#2", "a#3"}, ids); diff != "" {
		t.Errorf("ids (-want +got):\n%s", diff)
	}
}

// TestArtifactGraphNamesSteps: the graph of a compiled workflow names, for each node, the step
// it was compiled from (a run or a switch step), and none for the join wfc adds where a
// switch's arms meet; the switch is a decision with its cases on its edges, the join a merge.
func TestArtifactGraphNamesSteps(t *testing.T) {
	file := "testdata/compile/switch_meet/workflow.yaml"
	src, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	u := target.BuildFor("", file, src, target.Options{})
	if u.Artifact == nil {
		t.Fatalf("%s does not compile: %v", file, u.Diags)
	}
	g := target.GraphOf(u.Artifact)
	if g == nil {
		t.Fatal("a DataWorks artifact has no graph")
	}
	type node struct {
		step string
		kind target.GraphNodeKind
	}
	got := map[string]node{}
	for _, n := range g.Nodes {
		got[n.ID] = node{n.Step, n.Kind}
	}
	want := map[string]node{
		"prepare": {"prepare", target.GraphTask}, "route": {"route", target.GraphDecision},
		"full": {"full", target.GraphTask}, "partial": {"partial", target.GraphTask},
		"finish.join": {"", target.GraphMerge}, "finish": {"finish", target.GraphTask},
	}
	if diff := cmp.Diff(want, got, cmp.AllowUnexported(node{})); diff != "" {
		t.Errorf("nodes (-want +got):\n%s", diff)
	}
	var labels []string
	for _, e := range g.Edges {
		if e.From == "route" {
			labels = append(labels, e.To+":"+e.Label)
		}
	}
	if diff := cmp.Diff([]string{"full:full", "partial:${!inputs.dry}", "finish.join:default"}, labels); diff != "" {
		t.Errorf("the switch's edges (-want +got):\n%s", diff)
	}
}

// TestDocumentGraphExternalUpstreams: an output no node of the workflow produces comes from
// the node of another workflow of the document that does, else from an external node (no
// type, no step) named by the dependency's refTableName, else by the output; one external
// node per output however many nodes or forms (dependency, input, the older nodeId) name it,
// after the workflows' nodes in the order first named.
func TestDocumentGraphExternalUpstreams(t *testing.T) {
	input := func(data string) *IO { return &IO{NodeOutputs: []NodeOutput{{Data: data}}} }
	doc := &Document{Spec: Spec{Workflows: []Workflow{
		{Name: "wf", Nodes: []Node{
			{ID: "a", Name: "a", Inputs: input("dw_scheduler_pre_root")},
			{ID: "b", Name: "b"},
		}, Dependencies: []Dependency{
			{NodeID: "a", Depends: []Depend{{Type: DependNormal, Output: "dw_scheduler_pre_root"}}},
			{NodeID: "b", Depends: []Depend{{Type: DependNormal, Output: "a"},
				{Type: DependNormal, Output: "proj.far", RefTableName: "far away"},
				{Type: DependNormal, Output: "proj.c"}, {Type: DependNormal, NodeID: "gone"}}},
		}},
		{Name: "other", Nodes: []Node{{ID: "c", Name: "c", Outputs: input("proj.c"), Inputs: input("proj.far")}}},
	}}}
	g := (&Artifact{Doc: doc}).Graph()
	want := &target.Graph{
		Name: "wf",
		Nodes: []target.GraphNode{
			{ID: "a", Name: "a", Step: "a"}, {ID: "b", Name: "b", Step: "b"}, {ID: "c", Name: "c", Step: "c"},
			{ID: "dw_scheduler_pre_root", Name: "dw_scheduler_pre_root", Kind: target.GraphExternal},
			{ID: "proj.far", Name: "far away", Kind: target.GraphExternal},
			{ID: "gone", Name: "gone", Kind: target.GraphExternal},
		},
		Edges: []target.GraphEdge{
			{From: "dw_scheduler_pre_root", To: "a"},
			{From: "a", To: "b"}, {From: "proj.far", To: "b"}, {From: "c", To: "b"}, {From: "gone", To: "b"},
			{From: "proj.far", To: "c"},
		},
	}
	if diff := cmp.Diff(want, g); diff != "" {
		t.Errorf("graph (-want +got):\n%s", diff)
	}
}
