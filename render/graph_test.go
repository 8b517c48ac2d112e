package render

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/wfc-dev/wfc/target"
	"github.com/wfc-dev/wfc/target/dataworks"
)

// graphCase is a graph drawn to testdata/<name>.svg.
type graphCase struct {
	name string
	load func(t *testing.T) *target.Graph
}

// graphCases are DataWorks FlowSpec documents: a branch and a join with long, Chinese and
// XML-special names written for these tests, two nodes waiting for the project's root and one
// for another workflow's node as well as for them, and two real specs from DataWorks (a chain of
// Chinese names whose first node depends on the project's root node, and a node with pre and
// post nodes).
func graphCases() []graphCase {
	var cases []graphCase
	for _, c := range [][2]string{
		{"dataworks-branch-join", "testdata/dataworks-branch-join.json"},
		{"dataworks-external-upstreams", "testdata/dataworks-external-upstreams.json"},
		{"dataworks-real-case-chain", "../target/dataworks/testdata/server/real-case-shell-python-sql-spec.json"},
		{"dataworks-single-sql-nodes", "../target/dataworks/testdata/server/single-sql-node-spec.json"},
	} {
		path := c[1]
		cases = append(cases, graphCase{c[0], func(t *testing.T) *target.Graph { return readGraph(t, path) }})
	}
	// Compiled workflows: switches inside parallel branches, joins where their arms meet; a
	// switch whose two cases and default all go to one step; and every DataWorks example.
	cases = append(cases, graphCase{"dataworks-compiled-switch-in-parallel", func(t *testing.T) *target.Graph {
		return compiledGraph(t, "../target/dataworks/testdata/compile/switch_in_parallel/workflow.yaml")
	}})
	cases = append(cases, graphCase{"dataworks-cases-to-one-step", func(t *testing.T) *target.Graph {
		return compiledGraph(t, "testdata/dataworks-cases-to-one-step.yaml")
	}})
	examples, _ := filepath.Glob("../examples/dataworks/*.yaml")
	for _, path := range examples {
		cases = append(cases, graphCase{"example-dataworks-" + strings.TrimSuffix(filepath.Base(path), ".yaml"),
			func(t *testing.T) *target.Graph { return compiledGraph(t, path) }})
	}
	return cases
}

// compiledGraph is the graph of a target: dataworks workflow as wfc compiles it.
func compiledGraph(t *testing.T, path string) *target.Graph {
	t.Helper()
	src, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	u := target.BuildFor("", path, src, target.Options{})
	if u.Artifact == nil || u.Diags.HasErrors() {
		t.Fatalf("%s does not compile: %v", path, u.Diags)
	}
	g := target.GraphOf(u.Artifact)
	if g == nil {
		t.Fatalf("%s compiles to no graph", path)
	}
	return g
}

func readGraph(t *testing.T, path string) *target.Graph {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	doc, err := dataworks.Decode(data)
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return dataworks.DocumentGraph(doc)
}

func drawGraph(t *testing.T, g *target.Graph, opts Options) []byte {
	t.Helper()
	d, err := FromGraph(g)
	if err != nil {
		t.Fatal(err)
	}
	return SVG(d, opts)
}

// docsDataWorksExample is the graph case the README shows as ../docs/example-dataworks.svg,
// kept in step by TestGraphGolden and rewritten with -update.
const docsDataWorksExample = "example-dataworks-daily-sales"

func TestGraphGolden(t *testing.T) {
	for _, c := range graphCases() {
		t.Run(c.name, func(t *testing.T) {
			got := drawGraph(t, c.load(t), Options{})
			checkGolden(t, filepath.Join("testdata", c.name+".svg"), got)
			if c.name == docsDataWorksExample {
				checkGolden(t, filepath.Join("..", "docs", "example-dataworks.svg"), got)
			}
		})
	}
}

// TestGraphDrawing checks every drawing of a graph: two reads draw the same bytes, it is
// well-formed and self-contained, every node shows its name (and a task its type as a tag),
// every labelled edge its label, and the title is the workflow's name.
func TestGraphDrawing(t *testing.T) {
	for _, c := range graphCases() {
		name, g := c.name, c.load(t)
		svg := drawGraph(t, g, Options{})
		if again := drawGraph(t, c.load(t), Options{}); !bytes.Equal(svg, again) {
			t.Errorf("%s: two drawings of the same document differ", name)
		}
		checkSelfContained(t, name, svg)
		doc := parseSVG(t, name, svg)
		for _, n := range g.Nodes {
			checkNameShown(t, name, doc, n.ID, n.Name)
			if tag := `<text class="tag" [^>]*>` + regexp.QuoteMeta(xmlText(n.Type)) + `</text>`; n.Kind == target.GraphTask &&
				!regexp.MustCompile(`data-id="`+regexp.QuoteMeta(xmlText(n.ID))+`">.*`+tag).Match(svg) {
				t.Errorf("%s: task %s does not show its type %s", name, n.ID, n.Type)
			}
		}
		labels, seen := 0, map[string]int{}
		for _, e := range g.Edges {
			id := e.From + "->" + e.To
			if seen[id]++; seen[id] > 1 {
				id += "#" + strconv.Itoa(seen[id]) // a second edge between the same nodes
			}
			if e.Label != "" {
				labels++
				checkNameShown(t, name, doc, id, e.Label)
			}
		}
		if g.Name != "" && !bytes.Contains(svg, []byte("<title>"+xmlText(g.Name)+"</title>\n")) {
			t.Errorf("%s: the drawing's title is not the workflow's name %q", name, g.Name)
		}
		t.Logf("%s: %d nodes, %d edge labels checked", name, len(g.Nodes), labels)
	}
}

// TestFromGraphShapes reads the branch-and-join document into shapes: the branch a diamond
// with the exclusive marker, the join one with the inclusive marker, the others tasks; the
// upstream outside the document (project_root) an external task before extract, in place of
// a start event (no node runs before nothing), and an end event after the two nothing runs
// after.
func TestFromGraphShapes(t *testing.T) {
	d, err := FromGraph(readGraph(t, "testdata/dataworks-branch-join.json"))
	if err != nil {
		t.Fatal(err)
	}
	byID := map[string]Node{}
	var events []Node
	for _, n := range d.Nodes {
		if n.ID == "" {
			events = append(events, n)
			continue
		}
		byID[n.ID] = n
	}
	if n := byID["size"]; n.Shape != ShapeGateway || n.Gateway != GatewayExclusive || n.Tag != "" {
		t.Errorf("the branch is drawn as %+v, want an exclusive gateway without a tag", n)
	}
	if n := byID["report.join"]; n.Shape != ShapeGateway || n.Gateway != GatewayInclusive {
		t.Errorf("the join is drawn as %+v, want an inclusive gateway", n)
	}
	if n := byID["sql"]; n.Shape != ShapeTask || n.Tag != "ODPS_SQL" || n.Task != TaskPlain {
		t.Errorf("sql is drawn as %+v, want a plain task tagged ODPS_SQL", n)
	}
	if n := byID["project_root"]; n.Shape != ShapeTask || !n.External {
		t.Errorf("project_root is drawn as %+v, want an external task", n)
	}
	if len(events) != 1 || events[0].Event != EventEnd {
		t.Fatalf("the markers are %+v, want an end event only", events)
	}
	into := map[string]int{}
	for _, e := range d.Edges {
		into[e.ID]++
	}
	if into[""] != 2 || into["project_root->extract"] != 1 {
		t.Errorf("%d flows end at a marker and %d come from project_root, want 2 (report → end, audit → end) and 1", into[""], into["project_root->extract"])
	}
}

// TestFromGraphMarks colours nodes by the graph's ids, and only those.
func TestFromGraphMarks(t *testing.T) {
	g := readGraph(t, "testdata/dataworks-branch-join.json")
	svg := drawGraph(t, g, Options{Marks: map[string]Mark{"sql": Added, "size": Changed, "nowhere": Removed}})
	doc := parseSVG(t, "marked", svg)
	for id, want := range map[string]string{"sql": "node task mark-added", "size": "node gateway mark-changed", "spark": "node task"} {
		if got := doc.groups[id].class; got != want {
			t.Errorf("%s has class %q, want %q", id, got, want)
		}
	}
	if regexp.MustCompile(`<g class="[^"]*mark-removed`).Match(svg) {
		t.Error("a mark for an id the graph does not have coloured something")
	}
}

// TestFromGraphEdgeCases: an empty graph draws an empty picture, edges to unknown nodes are
// left out, two edges between the same nodes get ids of their own, a cycle is entered at its
// first node, and a repeated node id or an unknown kind is an error naming the node.
func TestFromGraphEdgeCases(t *testing.T) {
	if d, err := FromGraph(&target.Graph{Name: "empty"}); err != nil || len(d.Nodes) != 0 || len(d.Edges) != 0 {
		t.Errorf("an empty graph gives %+v, %v; want an empty diagram", d, err)
	}
	g := &target.Graph{
		Nodes: []target.GraphNode{{ID: "a", Name: "a", Kind: target.GraphDecision}, {ID: "b", Name: "b"}},
		Edges: []target.GraphEdge{{From: "a", To: "b", Label: "x"}, {From: "a", To: "b", Label: "y"}, {From: "b", To: "a"}, {From: "a", To: "gone"}},
	}
	d, err := FromGraph(g)
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, e := range d.Edges {
		ids = append(ids, e.ID)
	}
	if got, want := strings.Join(ids, " "), " a->b a->b#2 b->a"; got != want {
		t.Errorf("edge ids = %q, want %q (start → a, the graph's edges, no end: every node has an out-edge)", got, want)
	}
	for _, bad := range []*target.Graph{
		{Nodes: []target.GraphNode{{ID: "a"}, {ID: "a"}}},
		{Nodes: []target.GraphNode{{ID: "a", Kind: 99}}},
	} {
		if _, err := FromGraph(bad); err == nil || !strings.Contains(err.Error(), `"a"`) {
			t.Errorf("FromGraph(%+v) = %v, want an error naming node \"a\"", bad, err)
		}
	}
	if _, err := FromGraph(nil); err == nil {
		t.Error("FromGraph(nil) gives no error")
	}
}

// TestLongTagFitsItsBox: a tag that fits is drawn at the stylesheet's size; a longer one at a
// smaller size, and one too long even at tagMinFont squeezed to the box's width less its
// insets, so that no node type runs out of its box.
func TestLongTagFitsItsBox(t *testing.T) {
	box := Rect{0, 0, 100, 80}
	d := &Diagram{Nodes: []Node{
		{ID: "short", Shape: ShapeTask, Box: box, Tag: "ODPS_SQL"},
		{ID: "longer", Shape: ShapeTask, Box: box, Tag: "ODPS_SPARK_SQL_X"},
		{ID: "longest", Shape: ShapeTask, Box: box, Tag: "CONTROLLER_TRAVERSE_START"},
	}}
	svg := SVG(d, Options{})
	for id, want := range map[string]string{
		"short":   `<text class="tag" x="7" y="13">ODPS_SQL</text>`,
		"longer":  `<text class="tag" x="7" y="13" style="font-size:8px">ODPS_SPARK_SQL_X</text>`,
		"longest": `<text class="tag" x="7" y="13" style="font-size:7px" textLength="86" lengthAdjust="spacingAndGlyphs">CONTROLLER_TRAVERSE_START</text>`,
	} {
		if !bytes.Contains(svg, []byte(`data-id="`+id+`">`)) || !bytes.Contains(svg, []byte(want)) {
			t.Errorf("%s: the drawing does not hold %s", id, want)
		}
	}
}

// TestFromGraphExternalUpstream: a node outside the workflow (the project's root) is drawn as
// a dashed, unfilled task tagged "external" with a dashed dependency into each node that waits
// for it, and is what runs before them: the start event leads only to the nodes nothing runs
// before (c), and there is none when every first node waits for an external one. Only a
// drawing with an external node carries the dashed styles.
func TestFromGraphExternalUpstream(t *testing.T) {
	g := &target.Graph{
		Nodes: []target.GraphNode{{ID: "a", Name: "a", Type: "ODPS_SQL"}, {ID: "b", Name: "b"}, {ID: "c", Name: "c"},
			{ID: "root", Name: "dw_scheduler_pre_root", Kind: target.GraphExternal}},
		Edges: []target.GraphEdge{{From: "root", To: "a"}, {From: "a", To: "b"}, {From: "c", To: "b"}},
	}
	d, err := FromGraph(g)
	if err != nil {
		t.Fatal(err)
	}
	for _, n := range d.Nodes {
		if want := n.ID == "root"; n.External != want || (want && (n.Shape != ShapeTask || n.Tag != externalTag)) {
			t.Errorf("%q is drawn as %+v; want only root external, a task tagged %q", n.ID, n, externalTag)
		}
	}
	for _, e := range d.Edges {
		if want := e.ID == "root->a"; (e.Kind == EdgeDependency) != want {
			t.Errorf("edge %q has kind %d; want only root->a a dependency", e.ID, e.Kind)
		}
	}
	if got := startsAt(d); !cmp.Equal(got, []string{"c"}) {
		t.Errorf("the start event leads to %v, want [c]", got)
	}
	svg := SVG(d, Options{})
	for _, want := range []string{`<g class="node task external" data-id="root">`, `<g class="edge dependency" data-id="root-&gt;a">`, externalStyle} {
		if !bytes.Contains(svg, []byte(want)) {
			t.Errorf("the drawing does not hold %s", want)
		}
	}
	plain := drawGraph(t, &target.Graph{Nodes: g.Nodes[:3], Edges: g.Edges[1:]}, Options{})
	if bytes.Contains(plain, []byte(externalStyle)) {
		t.Error("a drawing without external nodes carries their styles")
	}

	g.Nodes, g.Edges = g.Nodes[1:], []target.GraphEdge{{From: "root", To: "c"}, {From: "c", To: "b"}}
	if d, err = FromGraph(g); err != nil {
		t.Fatal(err)
	}
	for _, n := range d.Nodes {
		if n.Shape == ShapeEvent && n.Event == EventStart {
			t.Errorf("a start event is drawn though the only first node waits for the root: %+v", n)
		}
	}
}

// startsAt is the ids of the nodes the start event's flows end on.
func startsAt(d *Diagram) []string {
	var start *Node
	for i := range d.Nodes {
		if d.Nodes[i].Shape == ShapeEvent && d.Nodes[i].Event == EventStart {
			start = &d.Nodes[i]
		}
	}
	var ids []string
	for _, e := range d.Edges {
		if start != nil && nodeAt(d.Nodes, e.Points[0]) == start {
			ids = append(ids, nodeAt(d.Nodes, e.Points[len(e.Points)-1]).ID)
		}
	}
	return ids
}

// TestDependencyEntersApart: a dependency on an external node that the layout would end where
// another flow into the same node ends (joining it for its last segment) enters the node from
// below instead, crossing no shape and no other flow; one that ends alone keeps its route.
// The second graph's externals both sit just before a, so neither is moved beside it.
func TestDependencyEntersApart(t *testing.T) {
	external := []target.GraphNode{{ID: "root", Name: "root", Kind: target.GraphExternal}, {ID: "x", Name: "x", Kind: target.GraphExternal}}
	for _, g := range []*target.Graph{{
		Nodes: append([]target.GraphNode{{ID: "a", Name: "a"}, {ID: "b", Name: "b"}, {ID: "c", Name: "c"}}, external...),
		Edges: []target.GraphEdge{{From: "root", To: "a"}, {From: "root", To: "b"}, {From: "a", To: "c"},
			{From: "b", To: "c"}, {From: "x", To: "c"}},
	}, {
		Nodes: append([]target.GraphNode{{ID: "a", Name: "a"}, {ID: "b", Name: "b"}}, external...),
		Edges: []target.GraphEdge{{From: "root", To: "a"}, {From: "x", To: "a"}, {From: "a", To: "b"}},
	}} {
		d, err := FromGraph(g)
		if err != nil {
			t.Fatal(err)
		}
		ends := map[Point][]string{}
		for _, e := range d.Edges {
			end := e.Points[len(e.Points)-1]
			ends[end] = append(ends[end], e.ID)
		}
		for _, e := range d.Edges {
			if e.Kind != EdgeDependency {
				continue
			}
			if end := e.Points[len(e.Points)-1]; len(ends[end]) > 1 {
				t.Errorf("%s ends at %v with %v", e.ID, end, ends[end])
			}
			if !clearRoute(d, slicesIndex(d.Edges, e.ID), e.Points) {
				t.Errorf("%s crosses a shape or another flow: %v", e.ID, e.Points)
			}
		}
		if len(g.Nodes) == 4 {
			a := boxOf(d, "a")
			x := d.Edges[slicesIndex(d.Edges, "x->a")].Points
			if end := x[len(x)-1]; end != (Point{a.X + a.W/2, a.Y + a.H}) {
				t.Errorf("x->a ends at %v, want the middle of a's bottom %v", end, Point{a.X + a.W/2, a.Y + a.H})
			}
		}
	}
}

func boxOf(d *Diagram, id string) Rect {
	for _, n := range d.Nodes {
		if n.ID == id {
			return n.Box
		}
	}
	return Rect{}
}

func slicesIndex(edges []Edge, id string) int {
	for i, e := range edges {
		if e.ID == id {
			return i
		}
	}
	return -1
}
