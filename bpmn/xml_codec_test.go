package bpmn

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const xmljsDir = "../testdata/conformance/xmljs"

// xmljsFiles lists the .xml files that have an xml-js answer beside them.
func xmljsFiles(t testing.TB) []string {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(xmljsDir, "*.xml"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no conformance files in %s (err %v)", xmljsDir, err)
	}
	return files
}

func mustRead(t testing.TB, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestDecodeXMLMatchesXMLJS checks, for every conformance file, that decoding the XML and
// writing the tree as compact JSON gives the bytes real xml-js 1.6.11 produced.
func TestDecodeXMLMatchesXMLJS(t *testing.T) {
	for _, xmlPath := range xmljsFiles(t) {
		name := strings.TrimSuffix(filepath.Base(xmlPath), ".xml")
		t.Run(name, func(t *testing.T) {
			want := mustRead(t, strings.TrimSuffix(xmlPath, ".xml")+".xmljs.json")
			doc, err := DecodeXML(mustRead(t, xmlPath))
			if err != nil {
				t.Fatalf("DecodeXML: %v", err)
			}
			got, err := EncodeTreeJSON(doc, "")
			if err != nil {
				t.Fatalf("EncodeTreeJSON: %v", err)
			}
			if !bytes.Equal(got, want) {
				t.Fatalf("tree differs from xml-js at byte %d:\n got: %s\nwant: %s", codecFirstDiff(got, want), codecAround(got, codecFirstDiff(got, want)), codecAround(want, codecFirstDiff(got, want)))
			}
		})
	}
}

func codecFirstDiff(a, b []byte) int {
	for i := 0; i < len(a) && i < len(b); i++ {
		if a[i] != b[i] {
			return i
		}
	}
	return min(len(a), len(b))
}

func codecAround(b []byte, i int) string {
	lo, hi := max(0, i-60), min(len(b), i+60)
	return string(b[lo:hi])
}

// TestXMLRoundTrip checks XML -> tree -> XML -> tree is the identity on the tree, with and
// without indentation, for every conformance file.
func TestXMLRoundTrip(t *testing.T) {
	for _, xmlPath := range xmljsFiles(t) {
		name := strings.TrimSuffix(filepath.Base(xmlPath), ".xml")
		t.Run(name, func(t *testing.T) {
			doc, err := DecodeXML(mustRead(t, xmlPath))
			if err != nil {
				t.Fatal(err)
			}
			for _, indent := range []string{"", "  "} {
				assertXMLRoundTrip(t, doc, XMLOptions{Indent: indent})
			}
		})
	}
}

func assertXMLRoundTrip(t testing.TB, doc *Document, opt XMLOptions) {
	t.Helper()
	out, err := EncodeXML(doc, opt)
	if err != nil {
		t.Fatalf("EncodeXML(indent %q): %v", opt.Indent, err)
	}
	again, err := DecodeXML(out)
	if err != nil {
		t.Fatalf("re-reading our own XML (indent %q): %v\n%s", opt.Indent, err, out)
	}
	assertSameTree(t, doc, again)
}

// assertSameTree compares two trees through their canonical JSON (positions aside).
func assertSameTree(t testing.TB, want, got *Document) {
	t.Helper()
	a, err1 := EncodeTreeJSON(want, "")
	b, err2 := EncodeTreeJSON(got, "")
	if err1 != nil || err2 != nil {
		t.Fatalf("encoding trees: %v %v", err1, err2)
	}
	if !bytes.Equal(a, b) {
		i := codecFirstDiff(a, b)
		t.Fatalf("trees differ at byte %d:\nwant: %s\n got: %s", i, codecAround(a, i), codecAround(b, i))
	}
}

func TestDecodeXMLKinds(t *testing.T) {
	src := "<?xml version='1.0' encoding=\"UTF-8\" standalone=\"yes\"?>\n" +
		"<!DOCTYPE defs [<!ENTITY x \"y\">]>\n" +
		"<?app  do this ?>\n" +
		"<p:defs xmlns:p=\"urn:p\" p:a=\"1 &amp; 2\" b='&#x41;&#66;'>\r\n" +
		"  <!-- note -->\n" +
		"  <p:t>line one\r\n  two &lt;b&gt;</p:t>\n" +
		"  <p:c><![CDATA[${a > 1 && b}]]></p:c>\n" +
		"  <p:ws>\u00a0\u3000</p:ws>\n" +
		"  <p:e/>\n" +
		"</p:defs>\n"
	doc, err := DecodeXML([]byte(src))
	if err != nil {
		t.Fatal(err)
	}
	got, _ := EncodeTreeJSON(doc, "")
	want := `{"declaration":{"attributes":{"version":"1.0","encoding":"UTF-8","standalone":"yes"}},"elements":[` +
		`{"type":"doctype","doctype":"defs [<!ENTITY x \"y\">]"},` +
		`{"type":"instruction","name":"app","instruction":"do this "},` +
		`{"type":"element","name":"p:defs","attributes":{"xmlns:p":"urn:p","p:a":"1 & 2","b":"AB"},"elements":[` +
		`{"type":"comment","comment":" note "},` +
		`{"type":"element","name":"p:t","elements":[{"type":"text","text":"line one\r\n  two <b>"}]},` +
		`{"type":"element","name":"p:c","elements":[{"type":"cdata","cdata":"${a > 1 && b}"}]},` +
		`{"type":"element","name":"p:ws"},` +
		`{"type":"element","name":"p:e"}]}]}`
	if string(got) != want {
		t.Fatalf("got  %s\nwant %s", got, want)
	}
	root := doc.Root()
	if root.Line != 4 || root.Col != 1 {
		t.Errorf("root at %d:%d, want 4:1", root.Line, root.Col)
	}
	if c := root.Children[1]; c.Line != 6 || c.Col != 3 {
		t.Errorf("<p:t> at %d:%d, want 6:3", c.Line, c.Col)
	}
	assertXMLRoundTrip(t, doc, XMLOptions{Indent: "  "})
	assertXMLRoundTrip(t, doc, XMLOptions{})
}

func TestDecodeXMLColumnsCountCharacters(t *testing.T) {
	doc, err := DecodeXML([]byte("<a>封禁<b/></a>"))
	if err != nil {
		t.Fatal(err)
	}
	b := doc.Root().Children[1]
	if b.Line != 1 || b.Col != 6 {
		t.Fatalf("<b> at %d:%d, want 1:6 (columns in characters, not bytes)", b.Line, b.Col)
	}
}

func TestDecodeXMLErrors(t *testing.T) {
	cases := []struct{ name, src, want string }{
		{"mismatched", "<a>\n  <b>\n  </c>\n</a>", "3:3: closing tag </c> does not match <b> opened at 2:3"},
		{"unclosed", "<a>\n<b>", "2:4: unexpected end of input: <b> opened at 2:1 is not closed"},
		{"stray close", "<a/></b>", "closing tag </b> has no matching opening tag"},
		{"two roots", "<a/><b/>", "1:5: second root element <b>"},
		{"text outside", "<a/>oops", "1:5: text outside the root element"},
		{"no root", "<!-- only -->", "the document has no root element"},
		{"empty", "", "the document has no root element"},
		{"bad entity", "<a>&nbsp;</a>", "1:"},
		{"lt in attr", `<a x="<"/>`, "unescaped < inside quoted string"},
		{"dup attr", `<a x="1" x="2"/>`, `element <a> has attribute "x" twice`},
		{"late decl", `<a/><?xml version="1.0"?>`, "XML declaration"},
		{"late doctype", `<a><!DOCTYPE a></a>`, "DOCTYPE must come once, before the root element"},
		{"bad char", "<a>\x01</a>", "illegal character code U+0001"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := DecodeXML([]byte(c.src))
			if err == nil {
				t.Fatalf("no error for %q", c.src)
			}
			var se *SyntaxError
			if !errors.As(err, &se) {
				t.Fatalf("error %v is not a *SyntaxError", err)
			}
			if !strings.Contains(err.Error(), c.want) {
				t.Fatalf("error %q does not contain %q", err, c.want)
			}
		})
	}
}

func TestDecodeXMLBrokenFixture(t *testing.T) {
	_, err := DecodeXML(mustRead(t, "../testdata/conformance/bpmnlint/fixtures/integration__cli__diagram-broken.bpmn"))
	var se *SyntaxError
	if !errors.As(err, &se) || se.Line == 0 || se.Col == 0 {
		t.Fatalf("want a positioned syntax error, got %v", err)
	}
	t.Logf("broken fixture: %v", err)
}

func TestDecodeXMLDepthLimit(t *testing.T) {
	deep := strings.Repeat("<a>", MaxDepth+1) + strings.Repeat("</a>", MaxDepth+1)
	_, err := DecodeXML([]byte(deep))
	if err == nil || !strings.Contains(err.Error(), "nested deeper than") {
		t.Fatalf("want depth error, got %v", err)
	}
	ok := strings.Repeat("<a>", 100) + strings.Repeat("</a>", 100)
	if _, err := DecodeXML([]byte(ok)); err != nil {
		t.Fatalf("100 levels: %v", err)
	}
}

func TestEncodeXMLEscapesAndIndents(t *testing.T) {
	doc := &Document{Children: []*Node{{
		Type: ElementNode, Name: "d",
		Attrs: []Attr{{"name", "A & B <x> \"q\"\tz\n"}},
		Children: []*Node{
			{Type: ElementNode, Name: "mixed", Children: []*Node{
				{Type: TextNode, Value: "a < b & c > d\r"},
				{Type: ElementNode, Name: "i", Children: []*Node{{Type: ElementNode, Name: "j"}}},
				{Type: CDataNode, Value: "x ]]> y"},
			}},
			{Type: CommentNode, Value: " c "},
			{Type: ElementNode, Name: "e"},
		},
	}}}
	got, err := EncodeXML(doc, XMLOptions{Indent: "  ", DefaultDeclaration: true})
	if err != nil {
		t.Fatal(err)
	}
	want := `<?xml version="1.0" encoding="UTF-8"?>
<d name="A &amp; B &lt;x&gt; &quot;q&quot;&#9;z&#10;">
  <mixed>a &lt; b &amp; c &gt; d&#13;<i><j /></i><![CDATA[x ]]]]><![CDATA[> y]]></mixed>
  <!-- c -->
  <e />
</d>
`
	if string(got) != want {
		t.Fatalf("got:\n%s\nwant:\n%s", got, want)
	}
	back, err := DecodeXML(got)
	if err != nil {
		t.Fatal(err)
	}
	if v := back.Root().AttrOr("name", ""); v != "A & B <x> \"q\"\tz\n" {
		t.Errorf("attribute read back as %q", v)
	}
	mixed := back.Root().Children[0]
	if mixed.Children[0].Value != "a < b & c > d\r" {
		t.Errorf("text read back as %q", mixed.Children[0].Value)
	}
	// "]]>" in CDATA comes back as two adjacent CDATA nodes holding the same text.
	if got := mixed.Children[2].Value + mixed.Children[3].Value; got != "x ]]> y" {
		t.Errorf("cdata read back as %q", got)
	}
}

func TestEncodeXMLRejectsUnwritableTrees(t *testing.T) {
	el := func(name string, kids ...*Node) *Node { return &Node{Type: ElementNode, Name: name, Children: kids} }
	cases := []struct {
		name string
		doc  *Document
		want string
	}{
		{"no root", &Document{}, "exactly one root element"},
		{"two roots", &Document{Children: []*Node{el("a"), el("b")}}, "exactly one root element"},
		{"bad name", &Document{Children: []*Node{el("1a")}}, "not an XML name"},
		{"control char", &Document{Children: []*Node{el("a", &Node{Type: TextNode, Value: "\x00"})}}, "U+0000"},
		{"comment dashes", &Document{Children: []*Node{el("a", &Node{Type: CommentNode, Value: "a--b"})}}, `"--"`},
		{"pi xml", &Document{Children: []*Node{el("a", &Node{Type: InstructionNode, Name: "xml"})}}, "not allowed"},
		{"top text", &Document{Children: []*Node{{Type: TextNode, Value: "x"}, el("a")}}, "outside the root"},
		{"unknown type", &Document{Children: []*Node{el("a", &Node{Type: "bogus"})}}, "unknown type"},
		{"dup attr", &Document{Children: []*Node{{Type: ElementNode, Name: "a", Attrs: []Attr{{"x", "1"}, {"x", "2"}}}}}, "twice"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := EncodeXML(c.doc, XMLOptions{})
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Fatalf("want error containing %q, got %v", c.want, err)
			}
		})
	}
}
