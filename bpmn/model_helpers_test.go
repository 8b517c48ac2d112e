package bpmn

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/wfc-dev/wfc/internal/golden"
)

const (
	bpmnlintFixtures = "../testdata/conformance/bpmnlint/fixtures"
	xmljsFixtures    = "../testdata/conformance/xmljs"
	referenceSamples = "../testdata/reference"
	brokenFixture    = "integration__cli__diagram-broken.bpmn"
)

// conformanceFiles lists every XML fixture Read must accept, sorted.
func modelConformanceFiles(t testing.TB) []string {
	t.Helper()
	var files []string
	for _, pattern := range []string{bpmnlintFixtures + "/*.bpmn", xmljsFixtures + "/*.xml"} {
		m, err := filepath.Glob(pattern)
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range m {
			if filepath.Base(f) != brokenFixture {
				files = append(files, f)
			}
		}
	}
	if len(files) < 400 {
		t.Fatalf("found only %d conformance files; is testdata/conformance missing?", len(files))
	}
	sort.Strings(files)
	return files
}

func readXMLFile(t testing.TB, path string) *Definitions {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return readXMLString(t, path, string(data))
}

func readXMLString(t testing.TB, name, xml string) *Definitions {
	t.Helper()
	doc, err := DecodeXML([]byte(xml))
	if err != nil {
		t.Fatalf("%s: decode: %v", name, err)
	}
	defs, err := Read(doc)
	if err != nil {
		t.Fatalf("%s: read: %v", name, err)
	}
	return defs
}

func readSample(t testing.TB, name string) (*Document, *Definitions) {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(referenceSamples, name+".decoded.json"))
	if err != nil {
		t.Fatal(err)
	}
	doc, err := DecodeTaskflowJSON(data)
	if err != nil {
		t.Fatalf("%s: decode: %v", name, err)
	}
	defs, err := Read(doc)
	if err != nil {
		t.Fatalf("%s: read: %v", name, err)
	}
	return doc, defs
}

// summarize renders a model as indented text: every element with its type, id, name,
// attributes, body and resolved references, then the DI, then the warnings. With positions
// it is the golden form, children in model order, warnings included; without, children are
// grouped the way Write groups them (relative order kept), warnings left out, and two models
// with equal summaries are equivalent.
func summarize(defs *Definitions, positions bool) string {
	var b strings.Builder
	fmt.Fprintf(&b, "prefix=%q ids=%d\n", defs.Prefix, len(defs.ByID))
	var walk func(e *Element, depth int)
	walk = func(e *Element, depth int) {
		ind := strings.Repeat("  ", depth)
		fmt.Fprintf(&b, "%s%s", ind, e.Type)
		if e.Tag != "" && e.Tag != tagForType(e.Type) && e.Tag != LocalName(e.Type) {
			fmt.Fprintf(&b, " <%s>", e.Tag)
		}
		if e.ID != "" {
			fmt.Fprintf(&b, " #%s", e.ID)
		}
		if e.Name != "" {
			fmt.Fprintf(&b, " name=%q", e.Name)
		}
		if positions && e.Node != nil {
			fmt.Fprintf(&b, " @%d:%d", e.Node.Line, e.Node.Col)
		}
		b.WriteString("\n")
		var lines []string
		var attrs []string
		for _, a := range e.Attrs {
			fielded := knownType(e.Type) && (a.Name == "id" || a.Name == "name")
			if !fielded && a.Name != "xmlns" && !strings.HasPrefix(a.Name, "xmlns:") {
				attrs = append(attrs, fmt.Sprintf("%s=%q", a.Name, a.Value))
			}
		}
		if len(attrs) > 0 {
			lines = append(lines, "attrs "+strings.Join(attrs, " "))
		}
		if e.Body != "" {
			lines = append(lines, fmt.Sprintf("body %q", e.Body))
		}
		ids := func(es []*Element) string {
			var s []string
			for _, x := range es {
				s = append(s, x.ID)
			}
			return "[" + strings.Join(s, " ") + "]"
		}
		one := func(label string, x *Element) {
			if x != nil {
				lines = append(lines, label+" "+x.ID)
			}
		}
		if len(e.Incoming) > 0 {
			lines = append(lines, "incoming "+ids(e.Incoming))
		}
		if len(e.Outgoing) > 0 {
			lines = append(lines, "outgoing "+ids(e.Outgoing))
		}
		one("sourceRef", e.SourceRef)
		one("targetRef", e.TargetRef)
		one("default", e.Default)
		one("attachedToRef", e.AttachedToRef)
		if len(e.BoundaryEvents) > 0 {
			lines = append(lines, "boundaryEvents "+ids(e.BoundaryEvents))
		}
		for _, k := range sortedKeys(e.Refs) {
			lines = append(lines, fmt.Sprintf("ref %s %s", k, ids(e.Refs[k])))
		}
		for _, k := range sortedKeys(e.Unresolved) {
			lines = append(lines, fmt.Sprintf("unresolved %s %v", k, e.Unresolved[k]))
		}
		if e.Shape != nil {
			lines = append(lines, "shape "+e.Shape.ID)
		}
		if e.Edge != nil {
			lines = append(lines, "edge "+e.Edge.ID)
		}
		for _, l := range lines {
			fmt.Fprintf(&b, "%s  | %s\n", ind, l)
		}
		for _, c := range canonicalChildren(e, !positions) {
			walk(c, depth+1)
		}
	}
	walk(defs.Element, 0)
	for _, d := range defs.Diagrams {
		fmt.Fprintf(&b, "diagram #%s\n", d.ID)
		p := d.Plane
		if p == nil {
			continue
		}
		fmt.Fprintf(&b, "  plane #%s -> %s%s\n", p.ID, drawnID(p.Element, p.BPMNElement), resolvedMark(p.Element))
		for _, s := range p.Shapes {
			fmt.Fprintf(&b, "    shape #%s -> %s%s bounds=%s", s.ID, drawnID(s.Element, s.BPMNElement), resolvedMark(s.Element), fmtBounds(s.Bounds))
			for _, f := range []struct {
				name string
				v    *bool
			}{{"expanded", s.IsExpanded}, {"horizontal", s.IsHorizontal}, {"marker", s.IsMarkerVisible}} {
				if f.v != nil {
					fmt.Fprintf(&b, " %s=%t", f.name, *f.v)
				}
			}
			if s.Label != nil {
				fmt.Fprintf(&b, " label=%s", fmtBounds(s.Label.Bounds))
			}
			if len(s.Attrs) > 0 {
				fmt.Fprintf(&b, " attrs=%v", s.Attrs)
			}
			b.WriteString("\n")
		}
		for _, e := range p.Edges {
			fmt.Fprintf(&b, "    edge #%s -> %s%s", e.ID, drawnID(e.Element, e.BPMNElement), resolvedMark(e.Element))
			for _, w := range e.Waypoints {
				fmt.Fprintf(&b, " (%g,%g)", w.X, w.Y)
			}
			if e.Label != nil {
				fmt.Fprintf(&b, " label=%s", fmtBounds(e.Label.Bounds))
			}
			if len(e.Attrs) > 0 {
				fmt.Fprintf(&b, " attrs=%v", e.Attrs)
			}
			b.WriteString("\n")
		}
	}
	if positions {
		for _, w := range defs.Warnings {
			fmt.Fprintf(&b, "warning %s\n", w)
		}
	}
	return b.String()
}

func canonicalChildren(e *Element, grouped bool) []*Element {
	if !grouped {
		return e.Children
	}
	var buckets [rankCount][]*Element
	for _, c := range e.Children {
		r := childRank(e.Is("FlowElementsContainer"), c)
		buckets[r] = append(buckets[r], c)
	}
	var out []*Element
	for _, b := range buckets {
		out = append(out, b...)
	}
	return out
}

func resolvedMark(e *Element) string {
	if e == nil {
		return " (dangling)"
	}
	return ""
}

func fmtBounds(b *Bounds) string {
	if b == nil {
		return "none"
	}
	return fmt.Sprintf("(%g,%g %gx%g)", b.X, b.Y, b.Width, b.Height)
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// checkGolden compares got with testdata/model/name, rewriting it under -update.
func checkGolden(t *testing.T, name, got string) {
	t.Helper()
	golden.Check(t, filepath.Join("testdata", "model", name), []byte(got))
}

// lineDiff shows the first differing lines, enough to see what changed.
func lineDiff(want, got string) string {
	wl, gl := strings.Split(want, "\n"), strings.Split(got, "\n")
	for i := 0; i < len(wl) || i < len(gl); i++ {
		var w, g string
		if i < len(wl) {
			w = wl[i]
		}
		if i < len(gl) {
			g = gl[i]
		}
		if w != g {
			return fmt.Sprintf("line %d:\n  want: %s\n  got:  %s", i+1, w, g)
		}
	}
	return "(equal)"
}

// checkInvariants asserts what every model Read builds must satisfy.
func checkInvariants(t *testing.T, name string, defs *Definitions) {
	t.Helper()
	seen := 0
	var walk func(e *Element)
	walk = func(e *Element) {
		seen++
		for _, c := range e.Children {
			if c.Parent != e {
				t.Errorf("%s: %s %q has the wrong parent", name, c.Type, c.ID)
			}
			walk(c)
		}
		if e.ID != "" && knownType(e.Type) && defs.ByID[e.ID] == nil {
			t.Errorf("%s: %s %q is missing from ByID", name, e.Type, e.ID)
		}
		for _, f := range e.Incoming {
			if !f.Is("SequenceFlow") {
				t.Errorf("%s: incoming of %q is a %s", name, e.ID, f.Type)
			}
		}
		if e.AttachedToRef != nil && !containsElement(e.AttachedToRef.BoundaryEvents, e) {
			t.Errorf("%s: host %q does not list boundary event %q", name, e.AttachedToRef.ID, e.ID)
		}
		if e.Shape != nil && e.Shape.Element != e {
			t.Errorf("%s: %q's shape draws another element", name, e.ID)
		}
	}
	walk(defs.Element)
	for id, e := range defs.ByID {
		if e.ID != id {
			t.Errorf("%s: ByID[%q] holds %q", name, id, e.ID)
		}
	}
	if seen < len(defs.ByID) {
		t.Errorf("%s: ByID has %d elements but the tree only %d", name, len(defs.ByID), seen)
	}
}

func containsElement(list []*Element, e *Element) bool {
	for _, x := range list {
		if x == e {
			return true
		}
	}
	return false
}
