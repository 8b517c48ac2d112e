package bpmn

import (
	"errors"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// assertSameDecode fails unless DecodeXML and the encoding/xml-based reference agree on
// data: the same tree, positions included, or both a positioned *SyntaxError.
func assertSameDecode(t testing.TB, data []byte) {
	t.Helper()
	got, gotErr := DecodeXML(data)
	want, wantErr := decodeXMLReference(data)
	switch {
	case (gotErr == nil) != (wantErr == nil):
		t.Fatalf("DecodeXML error %v, reference error %v, on %q", gotErr, wantErr, data)
	case gotErr != nil:
		var se *SyntaxError
		if errors.As(wantErr, &se) && (!errors.As(gotErr, &se) || se.Line == 0 || se.Col == 0) {
			t.Fatalf("error %v is not a positioned *SyntaxError (reference: %v) on %q", gotErr, wantErr, data)
		}
	default:
		if d := cmp.Diff(want, got); d != "" {
			t.Fatalf("trees differ (-reference +DecodeXML) on %q:\n%s", data, d)
		}
	}
}

// diffSeeds are inputs at the edges of every construct the scanner handles; the fuzzer
// mutates them, and TestDecodeXMLMatchesReference runs them on every `go test`.
var diffSeeds = []string{
	"<a/>", "<a></a>", "<a >x</a >", "<a\n\tb = 'v' c=\"w\"/>", "<a b='1'c='2'/>", "<a b/>", "<a b=c/>",
	"<a b='x", "<a b='<'/>", "<a b='\"'/>", `<a b="'"/>`, "<a b='\r\n\t'/>", "<a\r\nb='1'/>",
	"<a>&lt;&gt;&amp;&apos;&quot;&#65;&#x41;&#X41;&#;&#x;&#1114111;&#1114112;&#0;&#xD800;&#13;</a>",
	"<a>&nbsp;</a>", "<a>& </a>", "<a>&amp</a>", "<a>&#99999999999999999999;</a>", "<a>&#0000065;</a>",
	"<a>]]></a>", "<a>]]&gt;</a>", "<a>]]</a>", "<a>]</a>", "<a><![CDATA[x]]y]]]></a>", "<a><![CDATA[\r\n]]></a>",
	"<a><![CDATA[x</a>", "<a><![cdata[x]]></a>", "<![CDATA[x]]><a/>", "<a><!--c--></a>", "<a><!---></a>",
	"<a><!-- a -- b --></a>", "<a><!----></a>", "<a><!-x--></a>", "<!--\x01--><a/>", "<a>\x01</a>", "<a>\xff</a>",
	"<a>\uFFFE</a>", "<a>\u00a0\u3000</a>", "<a> \n </a>", " <a/> \n", "x<a/>", "<a/>x", "<a/><b/>", "<a/></a>",
	"<a><b></a>", "<a>\n<b>", "<a:b:c/>", "<:a/>", "<a:/>", "<1a/>", "<-a/>", "<é/>", "<aé b·c='1'/>",
	"<a\u00a0/>", "<a\xff/>", "<a b:c:d='1'/>", "<a x='1' x='2'/>", "</a>", "<", "<a", "<a/", "<a>",
	"<?xml version='1.0'?><a/>", "<?xml version='1.1'?><a/>", "<?XML version='1.1'?><a/>", "<?xml version=1?><a/>",
	"<?xml version = '1.1'?><a/>", "<?xml version=1.0?><a/>",
	"<?xml version=\"1.0\" encoding=\"ISO-8859-1\" standalone='yes'?>\n<a/>", " <?xml version='1.0'?><a/>",
	"<!--c--><?xml version='1.0'?><a/>", "<a/><?xml version='1.0'?>", "<?p?><a/>", "<?p  data ?><a/>",
	"<?p\x01?><a/>", "<?a:b:c x?><a/>", "<? p?><a/>", "<?p", "<?xml?><a/>",
	"<!DOCTYPE a><a/>", "<!doctype a><a/>", "<!DOCTYPE><a/>", "<!DOCTYPEa><a/>", "<!DOCTYPE a [<!ENTITY e 'x>'>]><a/>",
	"<!DOCTYPE a [<!-- c > --> <!ELEMENT a ANY>]><a/>", "<!DOCTYPE a [<!-x>]><a/>", "<!DOCTYPE a [<!--\x01-->]><a/>",
	"<!DOCTYPE a \x01><a/>", "<!DOCTYPE a><!DOCTYPE a><a/>", "<a/><!DOCTYPE a>", "<a><!DOCTYPE a></a>",
	"<!ELEMENT a ANY><a/>", "<a><!FOO \xff></a>", "<!>x><a/>", "<!<><a/>", "<!\"><a/>", "<!", "<!-",
	"<!DOCTYPE a [<]><a/>", "<!DOCTYPE a '>'><a/>", "<a>\r\n x &amp;\r</a>", "<a>\U0001F600</a>",
}

func TestDecodeXMLMatchesReference(t *testing.T) {
	for _, s := range diffSeeds {
		assertSameDecode(t, []byte(s))
	}
	files, _ := filepath.Glob(filepath.Join(xmljsDir, "*.xml"))
	if len(files) == 0 {
		t.Fatalf("no conformance files in %s", xmljsDir)
	}
	for _, f := range files {
		assertSameDecode(t, mustRead(t, f))
	}
	assertSameDecode(t, benchProcessXML(50))
}

func FuzzDecodeXMLDifferential(f *testing.F) {
	addXMLSeeds(f, func(xml, _ []byte) { f.Add(xml) })
	for _, s := range diffSeeds {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) { assertSameDecode(t, data) })
}

// BenchmarkDecodeXMLReference runs the encoding/xml-based decoder on the document of
// BenchmarkDecodeXML, so one `go test -bench DecodeXML` compares old and new.
func BenchmarkDecodeXMLReference(b *testing.B) {
	src, _ := benchDoc(b)
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := decodeXMLReference(src); err != nil {
			b.Fatal(err)
		}
	}
}

// TestDecodeXMLSharesNoSlack checks that appending to a decoded node's Attrs or
// Children cannot overwrite a neighbour's (they are carved from shared slabs).
func TestDecodeXMLSharesNoSlack(t *testing.T) {
	doc, err := DecodeXML([]byte(`<r><a x="1"><c/></a><b y="2"><d/></b></r>`))
	if err != nil {
		t.Fatal(err)
	}
	a, b := doc.Root().Children[0], doc.Root().Children[1]
	a.SetAttr("z", "3")
	a.Children = append(a.Children, &Node{Type: TextNode, Value: "t"})
	if got := b.AttrOr("y", ""); got != "2" || len(b.Attrs) != 1 {
		t.Fatalf("b's attributes changed: %+v", b.Attrs)
	}
	if b.Children[0].Name != "d" || strings.Join([]string{a.Children[0].Name, a.Children[1].Value}, ",") != "c,t" {
		t.Fatalf("children mixed up: a=%+v b=%+v", a.Children, b.Children)
	}
}
