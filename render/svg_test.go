package render

import (
	"bytes"
	"regexp"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// markDiagram has two tasks joined by a flow, and a gateway.
func markDiagram() *Diagram {
	return &Diagram{
		Nodes: []Node{
			{ID: "a", Name: "Added step", Shape: ShapeTask, Task: TaskService, Box: Rect{0, 0, 100, 80}},
			{ID: "b", Name: "Removed step", Shape: ShapeTask, Box: Rect{150, 0, 100, 80}},
			{ID: "g", Name: "Changed?", Shape: ShapeGateway, Box: Rect{300, 15, 50, 50}},
			{ID: "u", Name: "Untouched", Shape: ShapeTask, Box: Rect{400, 0, 100, 80}},
		},
		Edges: []Edge{
			{ID: "f1", Points: []Point{{100, 40}, {150, 40}}},
			{ID: "f2", Points: []Point{{250, 40}, {300, 40}}},
		},
	}
}

// groupOf is the opening tag of the group drawing id.
func groupOf(t *testing.T, svg []byte, id string) string {
	t.Helper()
	m := regexp.MustCompile(`<g class="[^"]*" data-id="` + regexp.QuoteMeta(id) + `">`).Find(svg)
	if m == nil {
		t.Fatalf("no group for %q in\n%s", id, svg)
	}
	return string(m)
}

func TestMarksColourTheirElementsOnly(t *testing.T) {
	marks := map[string]Mark{"a": Added, "b": Removed, "g": Changed, "f2": Changed, "not-drawn": Added}
	svg := SVG(markDiagram(), Options{Marks: marks})
	parseSVG(t, "marks", svg)
	for id, want := range map[string]string{"a": "mark-added", "b": "mark-removed", "g": "mark-changed", "f2": "mark-changed"} {
		if g := groupOf(t, svg, id); !strings.Contains(g, " "+want+`"`) {
			t.Errorf("%s: group %s lacks class %s", id, g, want)
		}
	}
	for _, id := range []string{"u", "f1"} {
		if g := groupOf(t, svg, id); strings.Contains(g, "mark-") {
			t.Errorf("%s is not marked but is drawn as %s", id, g)
		}
	}
	// A marked flow's arrowhead takes its colour; the others keep the plain one.
	if !bytes.Contains(svg, []byte(`data-id="f2"><path class="line" d="M250,40L300,40" marker-end="url(#wfc-tip-changed)"/>`)) {
		t.Errorf("flow f2 does not end in the changed arrowhead:\n%s", svg)
	}
	if !bytes.Contains(svg, []byte(`data-id="f1"><path class="line" d="M100,40L150,40" marker-end="url(#wfc-tip)"/>`)) {
		t.Errorf("flow f1 does not end in the plain arrowhead:\n%s", svg)
	}
	// The classes have colours in both themes: green, red, amber.
	for _, rule := range []string{".mark-added .shape{fill:#dafbe1;stroke:#1a7f37", ".mark-removed .shape{fill:#ffebe9;stroke:#cf222e",
		".mark-changed .shape{fill:#fff8c5;stroke:#9a6700", ".mark-added .shape{fill:#12261e;stroke:#3fb950"} {
		if !bytes.Contains(svg, []byte(rule)) {
			t.Errorf("the style has no rule %q", rule)
		}
	}
	// Without marks nothing is marked, and the marks change nothing else.
	plain := SVG(markDiagram(), Options{})
	if bytes.Contains(plain, []byte(`mark-added"`)) || bytes.Contains(plain, []byte(`mark-changed"`)) {
		t.Error("an unmarked drawing has marked groups")
	}
	unmarked := regexp.MustCompile(` mark-[a-z]+"|-(added|removed|changed)\)`).ReplaceAllFunc(svg, func(m []byte) []byte {
		if m[0] == ' ' {
			return []byte(`"`)
		}
		return []byte(")")
	})
	if !bytes.Equal(unmarked, plain) {
		t.Errorf("marks changed more than classes and arrowheads:\n%s", cmp.Diff(string(plain), string(unmarked)))
	}
}

// TestHostileNames draws names that try to close the text, open a script or smuggle a link;
// the drawing stays well-formed and holds none of it as markup.
func TestHostileNames(t *testing.T) {
	names := []string{`</text><script>alert(1)</script>`, `"><a href="https://evil.example/">x</a>`,
		"]]><!-- \x00\x01\x1b\uFFFE -->", `url(https://evil.example/x.png) @import "y.css";`, "tab\there\nnewline & <amp>"}
	d := &Diagram{Title: names[0]}
	for i, n := range names {
		x := float64(i) * 150
		d.Nodes = append(d.Nodes,
			Node{ID: n, Name: n, Shape: ShapeTask, Box: Rect{x, 0, 100, 80}},
			Node{ID: n + "-event", Name: n, Shape: ShapeEvent, Box: Rect{x, 120, 36, 36}})
		d.Edges = append(d.Edges, Edge{ID: n + "-flow", Name: n, Points: []Point{{x, 200}, {x + 100, 200}}})
	}
	svg := SVG(d, Options{})
	doc := parseSVG(t, "hostile", svg)
	if m := regexp.MustCompile(`(?i)<script|<a |href="|<!--|\x00|\x1b`).Find(svg); m != nil {
		t.Errorf("hostile names came through as %q", m)
	}
	// Outside text nodes and data-id values (where "url(" is only words), nothing refers
	// outside the file.
	markup := regexp.MustCompile(`(?s)<(text|title)[^>]*>.*?</(text|title)>| data-id="[^"]*"`).ReplaceAll(svg, nil)
	if m := regexp.MustCompile(`url\([^#]|@import`).Find(markup); m != nil {
		t.Errorf("a name reached the markup as %q", m)
	}
	if got, want := doc.groups[names[0]].title, names[0]; got != want {
		t.Errorf("title = %q, want the name as text %q", got, want)
	}
	if got, want := doc.groups["tab here newline & <amp>"].title, "tab here newline & <amp>"; got != want {
		t.Errorf("title = %q, want %q", got, want)
	}
}

func TestEmptyDiagram(t *testing.T) {
	svg := SVG(&Diagram{}, Options{})
	parseSVG(t, "empty", svg)
	if !bytes.HasPrefix(svg, []byte(`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 40 40" width="40" height="40"`)) {
		t.Errorf("an empty diagram is not an empty 40x40 drawing: %.120s", svg)
	}
}

// TestViewBoxFitsContent wants the viewBox to be the content (shapes, routes, labels) plus
// the margin, however far from the origin the diagram sits.
func TestViewBoxFitsContent(t *testing.T) {
	d := &Diagram{
		Nodes: []Node{{ID: "t", Name: "x", Shape: ShapeTask, Box: Rect{-500, 1000, 100, 80}}},
		Edges: []Edge{{ID: "f", Points: []Point{{-400, 1040}, {-200.4, 1040}, {-200.4, 1300}}}},
	}
	svg := SVG(d, Options{})
	if want := `viewBox="-520 980 339.6 340" width="339.6" height="340"`; !bytes.Contains(svg, []byte(want)) {
		t.Errorf("want %s in %.160s", want, svg)
	}
}

func TestWrap(t *testing.T) {
	for _, c := range []struct {
		name           string
		cols, maxLines int
		want           []string
	}{
		{"Query threat intelligence", 12, 4, []string{"Query threat", "intelligence"}},
		// CJK counts two columns, and may break between any two characters.
		{"封禁恶意IP地址", 6, 3, []string{"封禁恶", "意IP地", "址"}},
		{"封禁 恶意", 4, 3, []string{"封禁", "恶意"}},
		{"Block 封禁", 8, 2, []string{"Block 封", "禁"}},
		// Too long: the last line ends in an ellipsis that fits.
		{"one two three four", 7, 2, []string{"one two", "three…"}},
		{"abcdefghij", 4, 2, []string{"abcd", "efg…"}},
		{"封禁恶意IP地址", 4, 1, []string{"封…"}},
		// White space of any kind is one space.
		{"  a\t\tb\n c  ", 10, 2, []string{"a b c"}},
		{"", 10, 2, []string{""}},
		// A word longer than a line breaks where bpmn-js would: after a hyphen (a soft one
		// drawn as "-"), then after "_", "." or "/", and only then anywhere.
		{"notify-oncall-team", 12, 3, []string{"notify-", "oncall-team"}},
		{"re\u00ADcheck host", 4, 4, []string{"re-", "chec", "k", "host"}},
		{"dw_scheduler_pre_root", 16, 3, []string{"dw_scheduler_", "pre_root"}},
		{"proj.daily_sales_table", 12, 3, []string{"proj.daily_", "sales_table"}},
		{"send a-long_word", 8, 4, []string{"send a-", "long_", "word"}},
	} {
		if got := wrap(c.name, c.cols, c.maxLines); !cmp.Equal(got, c.want) {
			t.Errorf("wrap(%q, %d, %d) = %q, want %q", c.name, c.cols, c.maxLines, got, c.want)
		}
	}
}

func TestWrapCutReportsBrokenWords(t *testing.T) {
	if _, cut := wrapCut("notifyoncall", 8, 8, 4); !cut {
		t.Error("a word broken across lines is not reported")
	}
	// A break at a break character is where a reader expects one: not a cut.
	for _, name := range []string{"notify-oncall", "notify_oncall", "dw.schedule"} {
		if lines, cut := wrapCut(name, 8, 8, 4); cut || len(lines) != 2 {
			t.Errorf("%q wraps to %q, cut %v; want two lines, not cut", name, lines, cut)
		}
	}
	if _, cut := wrapCut("封禁恶意IP地址", 4, 4, 4); cut {
		t.Error("CJK broken between characters is reported as cut")
	}
	// A short first line (beside an icon) takes no word that fits a full line.
	if got, _ := wrapCut("engineering team", 6, 12, 3); !cmp.Equal(got, []string{"", "engineering", "team"}) {
		t.Errorf("got %q", got)
	}
}

func TestNum(t *testing.T) {
	for v, want := range map[float64]string{12: "12", 12.25: "12.3", -0.04: "0", -3.5: "-3.5", 0.1 + 0.2: "0.3", 1e6 / 3: "333333.3"} {
		if got := num(v); got != want {
			t.Errorf("num(%v) = %q, want %q", v, got, want)
		}
	}
}

func TestFromBPMNCollaborationWithoutDiagram(t *testing.T) {
	defs := readXML(t, `<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="D">
<bpmn:collaboration id="C"><bpmn:participant id="P" processRef="Proc"/></bpmn:collaboration>
<bpmn:process id="Proc"><bpmn:startEvent id="S"/></bpmn:process></bpmn:definitions>`)
	if _, err := FromBPMN(defs); err == nil || !strings.Contains(err.Error(), `collaboration "C" has no diagram`) {
		t.Errorf("err = %v, want the layout's collaboration error", err)
	}
}

// TestFromBPMNSkipsUndrawableGeometry keeps NaN, infinite and negative DI out of the drawing.
func TestFromBPMNSkipsUndrawableGeometry(t *testing.T) {
	defs := readXML(t, `<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
 xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI" xmlns:dc="http://www.omg.org/spec/DD/20100524/DC"
 xmlns:di="http://www.omg.org/spec/DD/20100524/DI" id="D">
<bpmn:process id="P"><bpmn:task id="A" name="a"/><bpmn:task id="B" name="b"/><bpmn:task id="C" name="c"/><bpmn:task id="OK" name="ok"/>
<bpmn:sequenceFlow id="F" sourceRef="A" targetRef="B"/></bpmn:process>
<bpmndi:BPMNDiagram id="G"><bpmndi:BPMNPlane id="PL" bpmnElement="P">
<bpmndi:BPMNShape id="A_di" bpmnElement="A"><dc:Bounds x="NaN" y="0" width="100" height="80"/></bpmndi:BPMNShape>
<bpmndi:BPMNShape id="B_di" bpmnElement="B"><dc:Bounds x="0" y="+Inf" width="100" height="80"/></bpmndi:BPMNShape>
<bpmndi:BPMNShape id="C_di" bpmnElement="C"><dc:Bounds x="0" y="0" width="-100" height="80"/></bpmndi:BPMNShape>
<bpmndi:BPMNShape id="OK_di" bpmnElement="OK"><dc:Bounds x="0" y="0" width="100" height="80"/></bpmndi:BPMNShape>
<bpmndi:BPMNEdge id="F_di" bpmnElement="F"><di:waypoint x="1" y="NaN"/><di:waypoint x="2" y="3"/></bpmndi:BPMNEdge>
</bpmndi:BPMNPlane></bpmndi:BPMNDiagram></bpmn:definitions>`)
	d, err := FromBPMN(defs)
	if err != nil {
		t.Fatal(err)
	}
	if len(d.Nodes) != 1 || d.Nodes[0].ID != "OK" || len(d.Edges) != 0 {
		t.Errorf("drawn: %+v", d)
	}
	if svg := SVG(d, Options{}); bytes.Contains(svg, []byte("NaN")) || bytes.Contains(svg, []byte("Inf")) {
		t.Errorf("the SVG holds a non-finite number:\n%s", svg)
	}
}

// TestConditionalFlowFromActivity gets the diamond BPMN draws at the start of a conditional
// flow leaving an activity, and draws it.
func TestConditionalFlowFromActivity(t *testing.T) {
	defs := readXML(t, `<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="D">
<bpmn:process id="P"><bpmn:task id="T" name="t"><bpmn:outgoing>C</bpmn:outgoing><bpmn:outgoing>U</bpmn:outgoing></bpmn:task>
<bpmn:endEvent id="E1"><bpmn:incoming>C</bpmn:incoming></bpmn:endEvent><bpmn:endEvent id="E2"><bpmn:incoming>U</bpmn:incoming></bpmn:endEvent>
<bpmn:sequenceFlow id="C" name="if hot" sourceRef="T" targetRef="E1"><bpmn:conditionExpression>${hot}</bpmn:conditionExpression></bpmn:sequenceFlow>
<bpmn:sequenceFlow id="U" sourceRef="T" targetRef="E2"/></bpmn:process></bpmn:definitions>`)
	d, err := FromBPMN(defs)
	if err != nil {
		t.Fatal(err)
	}
	svg := SVG(d, Options{})
	if !regexp.MustCompile(`data-id="C"><title>if hot</title><path class="line" d="[^"]+" marker-end="url\(#wfc-tip\)" marker-start="url\(#wfc-diamond\)"/>`).Match(svg) {
		t.Errorf("flow C has no diamond:\n%s", svg)
	}
	if regexp.MustCompile(`data-id="U">[^\n]*wfc-diamond`).Match(svg) {
		t.Error("the unconditional flow U has a diamond")
	}
}
