package secmaster_test

import (
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"testing"

	"github.com/wfc-dev/wfc/bpmn"
)

// markupNames are names SecMaster's canvas (xml-js js2xml, then bpmn-moddle's saxen) reads
// back exactly, so wfc must accept them and carry them unchanged.
var markupNames = []string{`A & B < C`, `R&D`, `x <tag y="1"> z`}

const markupWorkflow = `wfc: 1
name: Markup in names
description: ""
steps:
  - id: score
    name: A & B < C
    switch:
      - name: R&D
        when: "${team == 'R&D'}"
        next: tag
      - when: "${score > 10 && score < 50}"
        next: tag
    default: end
  - id: tag
    name: x <tag y="1"> z
    action: p/tag
`

// TestMarkupNamesRoundTrip compiles names holding '&', '<', '>' and quotes and wants XML
// that a strict parser (encoding/xml) accepts and reads back as the names, XML → tree → XML
// → tree to be the identity, and the decoded tree to hold the raw characters.
func TestMarkupNamesRoundTrip(t *testing.T) {
	res := mustCompile(t, "w.yaml", []byte(markupWorkflow))
	doc := mustDocument(t, res)
	out, err := bpmn.EncodeXML(doc, bpmn.XMLOptions{Indent: "  "})
	if err != nil {
		t.Fatal(err)
	}
	wantNames := append(markupNames, "${score > 10 && score < 50}")
	strict := strictNameAttrs(t, out)
	for _, name := range wantNames {
		if !strict[name] {
			t.Errorf("encoding/xml does not read back a name attribute %q", name)
		}
	}

	tree, err := bpmn.DecodeXML(out)
	if err != nil {
		t.Fatal(err)
	}
	again, err := bpmn.EncodeXML(tree, bpmn.XMLOptions{Indent: "  "})
	if err != nil {
		t.Fatal(err)
	}
	tree2, err := bpmn.DecodeXML(again)
	if err != nil {
		t.Fatal(err)
	}
	compiled, first, second := treeJSON(t, doc), treeJSON(t, tree), treeJSON(t, tree2)
	if !bytes.Equal(first, compiled) || !bytes.Equal(second, first) {
		t.Errorf("XML → tree → XML → tree is not the identity on the compiled tree")
	}

	decoded := map[string]bool{}
	for _, c := range tree.Children {
		collectNames(c, decoded)
	}
	for _, name := range wantNames {
		if !decoded[name] {
			t.Errorf("the decoded tree has no name attribute %q as written", name)
		}
	}
}

// strictNameAttrs parses data with encoding/xml, failing on any well-formedness error, and
// returns the values of every name attribute.
func strictNameAttrs(t *testing.T, data []byte) map[string]bool {
	t.Helper()
	names := map[string]bool{}
	dec := xml.NewDecoder(bytes.NewReader(data))
	for {
		tok, err := dec.Token()
		if errors.Is(err, io.EOF) {
			return names
		}
		if err != nil {
			t.Fatalf("compiled XML is not well-formed: %v", err)
		}
		if el, ok := tok.(xml.StartElement); ok {
			for _, a := range el.Attr {
				if a.Name.Local == "name" {
					names[a.Value] = true
				}
			}
		}
	}
}

func collectNames(n *bpmn.Node, into map[string]bool) {
	if v, ok := n.Attr("name"); ok {
		into[v] = true
	}
	for _, c := range n.Children {
		collectNames(c, into)
	}
}

func treeJSON(t *testing.T, doc *bpmn.Document) []byte {
	t.Helper()
	b, err := bpmn.EncodeTreeJSON(doc, "")
	if err != nil {
		t.Fatal(err)
	}
	return b
}
