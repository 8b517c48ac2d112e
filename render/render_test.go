package render

import (
	"bytes"
	"encoding/xml"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/wfc-dev/wfc/bpmn"
	"github.com/wfc-dev/wfc/internal/golden"
	"github.com/wfc-dev/wfc/target/secmaster"
)

// goldenCase is one input drawn to testdata/<name>.svg; title, when set, is the drawing's
// title (a YAML workflow's name, as wfc render gives it).
type goldenCase struct {
	name  string
	load  func(t *testing.T) *bpmn.Definitions
	title string
}

// goldenCases are every example workflow (compiled), a switch with two cases to one step, and
// BPMN fixtures: lanes, and a pool with boundary events of every kind, sub-processes and
// message flows drawn in a modeler (bpmnlint fixtures), Chinese names with every icon and no
// diagram, and names full of XML specials (the codec conformance edge case, whose condition
// and default flows go to the same end event).
func goldenCases(t *testing.T) []goldenCase {
	examples, err := filepath.Glob("../examples/*.yaml")
	if err != nil || len(examples) == 0 {
		t.Fatalf("no examples found: %v", err)
	}
	var cases []goldenCase
	for _, path := range examples {
		res := compileFile(t, path)
		cases = append(cases, goldenCase{"example-" + strings.TrimSuffix(filepath.Base(path), ".yaml"),
			func(t *testing.T) *bpmn.Definitions { return compileFile(t, path).Defs }, res.RequestWithoutTaskflow().Name})
	}
	// Two cases of a switch going to the same step: two flows the layout routes alike.
	const sameStep = "testdata/cases-to-one-step.yaml"
	cases = append(cases, goldenCase{"cases-to-one-step",
		func(t *testing.T) *bpmn.Definitions { return compileFile(t, sameStep).Defs }, compileFile(t, sameStep).RequestWithoutTaskflow().Name})
	for name, path := range map[string]string{
		"lanes":          "../testdata/conformance/bpmnlint/fixtures/label-required__valid-participant-lanes.bpmn",
		"boundary-pools": "../testdata/conformance/bpmnlint/fixtures/no-bpmndi__valid-complex.bpmn",
		"cjk-kinds":      "testdata/cjk-kinds.bpmn",
		"xml-specials":   "../testdata/conformance/xmljs/edge__secmaster-gateway-cdata.xml",
	} {
		cases = append(cases, goldenCase{name, func(t *testing.T) *bpmn.Definitions { return readBPMN(t, path) }, ""})
	}
	// The map above is only ranged to build the list; sort for a stable subtest order.
	sortCases(cases)
	return cases
}

func sortCases(cases []goldenCase) {
	for i := 1; i < len(cases); i++ {
		for j := i; j > 0 && cases[j].name < cases[j-1].name; j-- {
			cases[j], cases[j-1] = cases[j-1], cases[j]
		}
	}
}

func compileFile(t *testing.T, path string) *secmaster.Result {
	t.Helper()
	src, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	res, diags := secmaster.CompileFile(path, src, secmaster.Options{})
	if res == nil || diags.HasErrors() {
		t.Fatalf("%s does not compile: %v", path, diags)
	}
	return res
}

func readBPMN(t *testing.T, path string) *bpmn.Definitions {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return readData(t, path, data)
}

// readXML reads a BPMN document written in a test.
func readXML(t *testing.T, src string) *bpmn.Definitions {
	t.Helper()
	return readData(t, "test input", []byte(src))
}

func readData(t *testing.T, path string, data []byte) *bpmn.Definitions {
	t.Helper()
	doc, _, err := bpmn.DecodeAny(data)
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	defs, err := bpmn.Read(doc)
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return defs
}

func draw(t *testing.T, defs *bpmn.Definitions, opts Options) []byte {
	t.Helper()
	return drawTitled(t, defs, "", opts)
}

// drawTitled draws defs with title in place of the process name when it is set.
func drawTitled(t *testing.T, defs *bpmn.Definitions, title string, opts Options) []byte {
	t.Helper()
	d, err := FromBPMN(defs)
	if err != nil {
		t.Fatal(err)
	}
	if title != "" {
		d.Title = title
	}
	return SVG(d, opts)
}

// docsExample is the golden case the README shows as ../docs/example.svg (what `wfc render`
// writes for it), kept in step by TestGolden and rewritten with -update.
const docsExample = "example-brute-force-lockout"

func TestGolden(t *testing.T) {
	for _, c := range goldenCases(t) {
		t.Run(c.name, func(t *testing.T) {
			got := drawTitled(t, c.load(t), c.title, Options{})
			checkGolden(t, filepath.Join("testdata", c.name+".svg"), got)
			if c.name == docsExample {
				checkGolden(t, filepath.Join("..", "docs", "example.svg"), got)
			}
		})
	}
}

func checkGolden(t *testing.T, path string, got []byte) {
	t.Helper()
	golden.Check(t, path, got)
}

// TestDeterministic draws each input twice, from two separate reads, and wants the same bytes.
func TestDeterministic(t *testing.T) {
	for _, c := range goldenCases(t) {
		a, b := draw(t, c.load(t), Options{}), draw(t, c.load(t), Options{})
		if !bytes.Equal(a, b) {
			t.Errorf("%s: two drawings of the same input differ", c.name)
		}
	}
}

// TestWellFormedAndSelfContained parses every drawing as XML and looks for anything that
// would reach outside the file or run code.
func TestWellFormedAndSelfContained(t *testing.T) {
	for _, c := range goldenCases(t) {
		checkSelfContained(t, c.name, draw(t, c.load(t), Options{}))
	}
}

var forbidden = regexp.MustCompile(`(?i)<script|href=|@import|<image|<foreignObject|<a[ >]|url\((?:[^#]|$)|javascript:`)

// checkSelfContained parses svg as XML and fails on anything that would reach outside the
// file or run code.
func checkSelfContained(t *testing.T, name string, svg []byte) {
	t.Helper()
	parseSVG(t, name, svg)
	if m := forbidden.Find(svg); m != nil {
		t.Errorf("%s: the SVG holds %q", name, m)
	}
	if !bytes.HasPrefix(svg, []byte(`<svg xmlns="http://www.w3.org/2000/svg" viewBox="`)) {
		t.Errorf("%s: the SVG does not start with its root element and viewBox: %.80s", name, svg)
	}
}

// TestEveryNameDrawn checks that each named element of the drawn plane shows its name: in its
// <title> whole, and as the text drawn for it (its wrapped lines joined), unless the text was
// cut short with "…", when what is drawn must be the start of the name.
func TestEveryNameDrawn(t *testing.T) {
	for _, c := range goldenCases(t) {
		defs := c.load(t)
		svg := draw(t, defs, Options{})
		doc := parseSVG(t, c.name, svg)
		plane := mainPlane(defs)
		named := 0
		check := func(el *bpmn.Element) {
			if el != nil && strings.TrimSpace(el.Name) != "" {
				named++
				checkNameShown(t, c.name, doc, el.ID, el.Name)
			}
		}
		for _, s := range plane.Shapes {
			if s.Element != nil && s.Element.Type != "TextAnnotation" {
				check(s.Element)
			}
		}
		for _, e := range plane.Edges {
			check(e.Element)
		}
		t.Logf("%s: %d names checked", c.name, named)
	}
}

// checkNameShown checks that the element with data-id id shows name: in its <title> whole,
// and as the text drawn for it (its wrapped lines joined), unless the text was cut short
// with "…", when what is drawn must be the start of the name.
func checkNameShown(t *testing.T, drawing string, doc svgDoc, id, name string) {
	t.Helper()
	g, ok := doc.groups[id]
	if !ok {
		t.Errorf("%s: %s (%q) is not drawn", drawing, id, name)
		return
	}
	if want := strings.Join(strings.Fields(name), " "); g.title != want {
		t.Errorf("%s: %s title = %q, want %q", drawing, id, g.title, want)
	}
	drawn, whole := noSpace(doc.text[id]), noSpace(name)
	if cut, ok := strings.CutSuffix(drawn, "…"); ok && cut != "" && strings.HasPrefix(whole, cut) {
		return
	}
	if drawn != whole {
		t.Errorf("%s: %s shows %q, want its name %q", drawing, id, doc.text[id], name)
	}
}

func noSpace(s string) string { return strings.Join(strings.Fields(s), "") }

// svgDoc is what the tests read back from a drawing: per element id, its group's class and
// title, and all the text drawn for it (shape and label groups together), lines joined by
// spaces.
type svgDoc struct {
	groups map[string]svgGroup
	text   map[string]string
}

type svgGroup struct{ class, title string }

func parseSVG(t *testing.T, name string, svg []byte) svgDoc {
	t.Helper()
	doc := svgDoc{groups: map[string]svgGroup{}, text: map[string]string{}}
	dec := xml.NewDecoder(bytes.NewReader(svg))
	var ids []string // data-id of the enclosing groups, innermost last ("" for none)
	var inTitle, inText bool
	for {
		tok, err := dec.Token()
		if err != nil {
			if err.Error() == "EOF" {
				break
			}
			t.Fatalf("%s: the SVG is not well-formed XML: %v", name, err)
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			switch tok.Name.Local {
			case "g":
				id, class := attr(tok, "data-id"), attr(tok, "class")
				ids = append(ids, id)
				if first, _, _ := strings.Cut(class, " "); id != "" && !strings.HasSuffix(first, "-label") {
					doc.groups[id] = svgGroup{class: class}
				}
			case "title":
				inTitle = true
			case "text", "tspan":
				inText = attr(tok, "class") != "tag" || tok.Name.Local == "tspan"
				if !inText {
					continue
				}
				if id := innermost(ids); id != "" && doc.text[id] != "" {
					doc.text[id] += " "
				}
			}
		case xml.EndElement:
			switch tok.Name.Local {
			case "g":
				ids = ids[:len(ids)-1]
			case "title":
				inTitle = false
			case "text", "tspan":
				inText = false
			}
		case xml.CharData:
			id := innermost(ids)
			switch {
			case id == "":
			case inTitle:
				g := doc.groups[id]
				g.title += string(tok)
				doc.groups[id] = g
			case inText:
				doc.text[id] += string(tok)
			}
		}
	}
	return doc
}

func innermost(ids []string) string {
	for i := len(ids) - 1; i >= 0; i-- {
		if ids[i] != "" {
			return ids[i]
		}
	}
	return ""
}

func attr(e xml.StartElement, name string) string {
	for _, a := range e.Attr {
		if a.Name.Local == name {
			return a.Value
		}
	}
	return ""
}

// TestFromBPMNKinds reads the CJK fixture's shapes into the kinds that pick their outlines,
// icons and markers, and finds its boundary events laid out on their hosts' borders.
func TestFromBPMNKinds(t *testing.T) {
	d, err := FromBPMN(readBPMN(t, "testdata/cjk-kinds.bpmn"))
	if err != nil {
		t.Fatal(err)
	}
	nodes := map[string]Node{}
	for _, n := range d.Nodes {
		nodes[n.ID] = n
	}
	want := map[string]Node{
		"Start_1":          {Shape: ShapeEvent, Event: EventStart, Marker: MarkerMessage},
		"Task_query":       {Shape: ShapeTask, Task: TaskService},
		"Boundary_timeout": {Shape: ShapeEvent, Event: EventBoundary, Marker: MarkerTimer, NonBlocking: true},
		"Gw_decide":        {Shape: ShapeGateway, Gateway: GatewayExclusive},
		"Task_approve":     {Shape: ShapeTask, Task: TaskUser},
		"Gw_split":         {Shape: ShapeGateway, Gateway: GatewayParallel},
		"Task_script":      {Shape: ShapeTask, Task: TaskScript},
		"Boundary_error":   {Shape: ShapeEvent, Event: EventBoundary, Marker: MarkerError},
		"Call_notify":      {Shape: ShapeTask, Task: TaskCall},
		"Task_send":        {Shape: ShapeTask, Task: TaskSend},
		"Sub_review":       {Shape: ShapeTask, Task: TaskSubProcess},
		"Catch_signal":     {Shape: ShapeEvent, Event: EventIntermediate, Marker: MarkerSignal},
		"End_review":       {Shape: ShapeEvent, Event: EventEnd, Marker: MarkerTerminate, Throwing: true},
		"End_error":        {Shape: ShapeEvent, Event: EventEnd, Marker: MarkerError, Throwing: true},
	}
	for id, w := range want {
		n, ok := nodes[id]
		if !ok {
			t.Errorf("%s is not drawn", id)
			continue
		}
		got := Node{Shape: n.Shape, Task: n.Task, Gateway: n.Gateway, Event: n.Event, Marker: n.Marker, Throwing: n.Throwing, NonBlocking: n.NonBlocking}
		if got != w {
			t.Errorf("%s = %+v, want %+v", id, got, w)
		}
	}
	for boundary, host := range map[string]string{"Boundary_timeout": "Task_query", "Boundary_error": "Task_script"} {
		b, h := nodes[boundary].Box, nodes[host].Box
		cx, cy := b.X+b.W/2, b.Y+b.H/2
		if cy != h.Y+h.H || cx < h.X || cx > h.X+h.W {
			t.Errorf("%s centred at %v,%v is not on the bottom border of %s %+v", boundary, cx, cy, host, h)
		}
	}
	var defaults, conditional int
	for _, e := range d.Edges {
		if e.Default {
			defaults++
			if e.ID != "F4" {
				t.Errorf("%s is drawn as a default flow", e.ID)
			}
		}
		if e.Conditional {
			conditional++ // F3's condition is on a gateway's flow: no diamond
		}
	}
	if defaults != 1 || conditional != 0 {
		t.Errorf("%d default and %d conditional markers, want 1 and 0", defaults, conditional)
	}
}
