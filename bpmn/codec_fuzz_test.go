package bpmn

import (
	"encoding/base64"
	"path/filepath"
	"testing"
)

// Seeds: a handful of small conformance files plus the edge cases the codecs special-case.
var fuzzSeedFiles = []string{
	"edge__secmaster-gateway-cdata",
	"ad-hoc-sub-process__valid",
	"link-event__valid",
	"no-complex-gateway__valid",
}

func addXMLSeeds(f *testing.F, add func(xml, tree []byte)) {
	for _, name := range fuzzSeedFiles {
		matches, _ := filepath.Glob(filepath.Join(xmljsDir, name+".xml"))
		if len(matches) == 0 {
			continue // the corpus changed; the other seeds still run
		}
		add(mustRead(f, matches[0]), mustRead(f, filepath.Join(xmljsDir, name+".xmljs.json")))
	}
}

func FuzzDecodeXML(f *testing.F) {
	addXMLSeeds(f, func(xml, _ []byte) { f.Add(xml) })
	for _, s := range []string{
		"<a/>", "<a>\r\nx&#13;\r</a>", "<?xml version='1.0'?><!DOCTYPE a><?p q?><a b='1\r\n2'><!--c--><![CDATA[]]></a>",
		"<a>\u00a0</a>", "<a:b xmlns:a='u' a:c=\"&lt;&amp;\"/>", "<a><b></a>",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		doc, err := DecodeXML(data)
		if err != nil {
			return
		}
		for _, opt := range []XMLOptions{{}, {Indent: "\t", DefaultDeclaration: true}} {
			out, err := EncodeXML(doc, opt)
			if err != nil {
				t.Fatalf("a decoded tree must be writable: %v", err)
			}
			again, err := DecodeXML(out)
			if err != nil {
				t.Fatalf("our XML does not read back: %v\n%s", err, out)
			}
			if opt.DefaultDeclaration && doc.Declaration == nil {
				again.Declaration = nil
			}
			assertSameTree(t, doc, again)
		}
		js, err := EncodeTreeJSON(doc, "")
		if err != nil {
			t.Fatal(err)
		}
		back, err := DecodeTreeJSON(js)
		if err != nil {
			t.Fatalf("our JSON does not read back: %v\n%s", err, js)
		}
		assertSameTree(t, doc, back)
	})
}

func FuzzDecodeTreeJSON(f *testing.F) {
	addXMLSeeds(f, func(_, tree []byte) { f.Add(tree) })
	for _, s := range []string{
		`{}`, `{"declaration":{}}`, `{"elements":[{"type":"element","name":"a","attributes":{"n":1e3,"b":true,"z":null}}]}`,
		`{"elements":[{"type":"text","text":"\ud800\u0001"}]}`, `{"elements":[{"type":"instruction","name":"p","instruction":""}]}`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		doc, err := DecodeTreeJSON(data)
		if err != nil {
			return
		}
		for _, indent := range []string{"", "  "} {
			js, err := EncodeTreeJSON(doc, indent)
			if err != nil {
				t.Fatalf("a decoded tree must be writable: %v", err)
			}
			back, err := DecodeTreeJSON(js)
			if err != nil {
				t.Fatalf("our JSON does not read back: %v\n%s", err, js)
			}
			assertSameTree(t, doc, back)
		}
	})
}

func FuzzDecodeTaskflow(f *testing.F) {
	f.Add(seedTaskflow(f))
	addXMLSeeds(f, func(xml, _ []byte) {
		if doc, err := DecodeXML(xml); err == nil {
			if s, err := EncodeTaskflow(doc); err == nil {
				f.Add(s)
			}
		}
	})
	f.Add(base64.StdEncoding.EncodeToString([]byte(`{"elementType":"{}","workflow":{"elements":[{"type":"element","name":"definitions"}]}}`)))
	f.Add("eyJh!mI=")
	f.Fuzz(func(t *testing.T, s string) {
		doc, err := DecodeTaskflow(s)
		if err != nil {
			return
		}
		out, err := EncodeTaskflow(doc)
		if err != nil {
			t.Fatalf("a decoded taskflow must be writable: %v", err)
		}
		back, err := DecodeTaskflow(out)
		if err != nil {
			t.Fatalf("our taskflow does not read back: %v", err)
		}
		assertSameTree(t, doc, back)
		if again, _ := EncodeTaskflow(back); again != out {
			t.Fatal("encoding is not stable")
		}
	})
}
