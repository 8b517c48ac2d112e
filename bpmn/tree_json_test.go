package bpmn

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"testing"
)

// TestTreeJSONRoundTrip decodes every xml-js answer and writes it back: the bytes must be
// identical, and the indented form must be the same JSON laid out by JSON.stringify(t, null, 2).
func TestTreeJSONRoundTrip(t *testing.T) {
	for _, xmlPath := range xmljsFiles(t) {
		jsonPath := strings.TrimSuffix(xmlPath, ".xml") + ".xmljs.json"
		want := mustRead(t, jsonPath)
		doc, err := DecodeTreeJSON(want)
		if err != nil {
			t.Fatalf("%s: %v", jsonPath, err)
		}
		got, err := EncodeTreeJSON(doc, "")
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, want) {
			i := codecFirstDiff(got, want)
			t.Fatalf("%s: differs at %d:\n got: %s\nwant: %s", jsonPath, i, codecAround(got, i), codecAround(want, i))
		}
		var streamed bytes.Buffer
		if err := WriteTreeJSON(&streamed, doc, "  "); err != nil {
			t.Fatal(err)
		}
		var compacted bytes.Buffer
		if err := json.Compact(&compacted, streamed.Bytes()); err != nil {
			t.Fatalf("%s: indented output is not JSON: %v", jsonPath, err)
		}
		if !bytes.Equal(compacted.Bytes(), want) {
			t.Fatalf("%s: indented output holds different JSON", jsonPath)
		}
	}
}

func TestTreeJSONIndentLayout(t *testing.T) {
	doc := &Document{
		Declaration: &Declaration{},
		Children: []*Node{{Type: ElementNode, Name: "a", Attrs: []Attr{{"id", "x"}}, Children: []*Node{
			{Type: TextNode, Value: "t\u2028\x01\"\\/<&>"},
			{Type: ElementNode, Name: "b"},
		}}},
	}
	got, err := EncodeTreeJSON(doc, "  ")
	if err != nil {
		t.Fatal(err)
	}
	// What JSON.stringify(tree, null, 2) prints: "declaration": {} for an empty
	// declaration, U+2028 and '/' unescaped, controls as lower-case \u00xx.
	want := `{
  "declaration": {},
  "elements": [
    {
      "type": "element",
      "name": "a",
      "attributes": {
        "id": "x"
      },
      "elements": [
        {
          "type": "text",
          "text": "t` + "\u2028" + `\u0001\"\\/<&>"
        },
        {
          "type": "element",
          "name": "b"
        }
      ]
    }
  ]
}`
	if string(got) != want {
		t.Fatalf("got:\n%s\nwant:\n%s", got, want)
	}
	empty, _ := EncodeTreeJSON(&Document{}, "  ")
	if string(empty) != "{}" {
		t.Errorf("empty document: got %s, want {}", empty)
	}
}

func TestDecodeTreeJSONScalars(t *testing.T) {
	src := `{"elements":[{"type":"element","name":"a","attributes":{"n":1.50,"big":1e21,"small":0.0000001,"neg":-0,"int":12345678901234567890,"t":true,"f":false,"skip":null,"s":"\u00e9\ud83d\ude00\ud800"},
		"elements":[{"type":"text","text":42},{"elements":[],"type":"element","name":"e","attributes":{}}]}]}`
	doc, err := DecodeTreeJSON([]byte(src))
	if err != nil {
		t.Fatal(err)
	}
	got, _ := EncodeTreeJSON(doc, "")
	want := `{"elements":[{"type":"element","name":"a","attributes":{"n":"1.5","big":"1e+21","small":"1e-7","neg":"0","int":"12345678901234567000","t":"true","f":"false","s":"é😀` + "\ufffd" + `"},"elements":[{"type":"text","text":"42"},{"type":"element","name":"e"}]}]}`
	if string(got) != want {
		t.Fatalf("got  %s\nwant %s", got, want)
	}
}

func TestJSNumberString(t *testing.T) {
	cases := map[string]string{
		"0": "0", "-0": "0", "1": "1", "1.0": "1", "-2.5": "-2.5", "100": "100",
		"1e21": "1e+21", "123456789012345678901": "123456789012345680000", "1e20": "100000000000000000000",
		"0.000001": "0.000001", "0.0000001": "1e-7", "1.5e-10": "1.5e-10", "1e400": "Infinity",
		"-1e400": "-Infinity", "0.1": "0.1", "3.14159": "3.14159", "2.5E+3": "2500",
	}
	for in, want := range cases {
		if got := jsNumberString(in); got != want {
			t.Errorf("jsNumberString(%s) = %s, want %s", in, got, want)
		}
	}
}

func TestDecodeTreeJSONErrors(t *testing.T) {
	cases := []struct{ name, src, want string }{
		{"not json", `{"elements":[}`, "1:14:"},
		{"trailing", `{} x`, "after the end of the JSON value"},
		{"root array", `[]`, "the tree's root must be an object"},
		{"unknown root key", `{"elements":[],"x":1}`, `unknown key "x"`},
		{"envelope hint", `{"elementType":"{}"}`, "taskflow envelope"},
		{"no type", `{"elements":[{"name":"a"}]}`, `node has no "type"`},
		{"unknown type", `{"elements":[{"type":"elem"}]}`, `unknown type "elem"`},
		{"no name", `{"elements":[{"type":"element"}]}`, "element node has no name"},
		{"text without text", `{"elements":[{"type":"text"}]}`, `text node has no "text" value`},
		{"foreign key", `{"elements":[{"type":"text","text":"a","name":"x"}]}`, `text node has key "name"`},
		{"object attr", `{"elements":[{"type":"element","name":"a","attributes":{"x":{}}}]}`, `attribute "x" of an element has an object value`},
		{"array attr", `{"elements":[{"type":"element","name":"a","attributes":{"x":[1]}}]}`, "an array value"},
		{"dup attr", `{"elements":[{"type":"element","name":"a","attributes":{"x":"1","x":"2"}}]}`, `duplicate attribute "x"`},
		{"dup key", `{"elements":[{"type":"text","type":"text","text":""}]}`, `duplicate key "type"`},
		{"elements not array", `{"elements":{}}`, `"elements" must be an array`},
		{"numeric name", `{"elements":[{"type":"element","name":5}]}`, `"name" must be a string, got a number`},
		{"null text", `{"elements":[{"type":"text","text":null}]}`, `"text" must be a string, got null`},
		{"raw control", "{\"elements\":[{\"type\":\"text\",\"text\":\"a\x01\"}]}", "control character"},
		{"bad escape", `{"elements":[{"type":"text","text":"\q"}]}`, `invalid escape \q`},
		{"bad number", `{"elements":[{"type":"text","text":01}]}`, "expected ',' or '}'"},
		{"unknown key", `{"elements":[{"type":"text","text":"a","parent":{}}]}`, `unknown key "parent"`},
		{"line col", "{\n  \"elements\": [\n    {\"type\": \"nope\"}\n  ]\n}", "3:5: node has unknown type"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := DecodeTreeJSON([]byte(c.src))
			var se *SyntaxError
			if !errors.As(err, &se) {
				t.Fatalf("want *SyntaxError, got %v", err)
			}
			if !strings.Contains(err.Error(), c.want) {
				t.Fatalf("error %q does not contain %q", err, c.want)
			}
		})
	}
}

func TestDecodeTreeJSONDepth(t *testing.T) {
	open := `{"type":"element","name":"a","elements":[`
	build := func(depth int) []byte {
		var b bytes.Buffer
		b.WriteString(`{"elements":[`)
		for i := 0; i < depth-1; i++ {
			b.WriteString(open)
		}
		b.WriteString(`{"type":"element","name":"a"}`)
		for i := 0; i < depth-1; i++ {
			b.WriteString("]}")
		}
		b.WriteString("]}")
		return b.Bytes()
	}
	if _, err := DecodeTreeJSON(build(MaxDepth)); err != nil {
		t.Fatalf("depth %d: %v", MaxDepth, err)
	}
	_, err := DecodeTreeJSON(build(MaxDepth + 1))
	if err == nil || !strings.Contains(err.Error(), "nested deeper than 10000 levels") {
		t.Fatalf("depth %d: want depth error, got %v", MaxDepth+1, err)
	}
	// A million unclosed brackets fail fast instead of recursing without bound.
	if _, err := DecodeTreeJSON(bytes.Repeat([]byte(`{"elements":[`), 1_000_000)); err == nil {
		t.Fatal("no error for a million nested objects")
	}
}

func TestNodeJSON(t *testing.T) {
	src := `{"type":"instruction","name":"go","instruction":"there"}`
	n, err := DecodeNodeJSON([]byte(src))
	if err != nil {
		t.Fatal(err)
	}
	if n.Type != InstructionNode || n.Name != "go" || n.Value != "there" {
		t.Fatalf("decoded %+v", n)
	}
	out, err := EncodeNodeJSON(n, "")
	if err != nil || string(out) != src {
		t.Fatalf("re-encoded %s (%v)", out, err)
	}
}

func TestEncodeTreeJSONInvalidUTF8(t *testing.T) {
	doc := &Document{Children: []*Node{{Type: ElementNode, Name: "a", Attrs: []Attr{{"x", "a\xffb"}}}}}
	out, err := EncodeTreeJSON(doc, "")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(out), "a\ufffdb") || !json.Valid(out) {
		t.Fatalf("invalid UTF-8 not replaced: %q", out)
	}
}

// TestAppendJSStringMatchesByteRule: appendJSString, which skips plain ASCII eight bytes at a
// time, escapes exactly as the rule applied byte by byte says, wherever in a block of eight
// the special byte falls.
func TestAppendJSStringMatchesByteRule(t *testing.T) {
	reference := func(s string) string {
		var b strings.Builder
		b.WriteByte('"')
		for _, r := range strings.ToValidUTF8(s, "\ufffd") {
			switch {
			case r == '"' || r == '\\':
				b.WriteString(`\` + string(r))
			case r == '\b':
				b.WriteString(`\b`)
			case r == '\f':
				b.WriteString(`\f`)
			case r == '\n':
				b.WriteString(`\n`)
			case r == '\r':
				b.WriteString(`\r`)
			case r == '\t':
				b.WriteString(`\t`)
			case r < 0x20:
				fmt.Fprintf(&b, `\u%04x`, r)
			default:
				b.WriteRune(r)
			}
		}
		b.WriteByte('"')
		return b.String()
	}
	specials := []string{`"`, `\`, "\x00", "\x1f", "\n", " ", "\x7f", "é", "\xff", "\u2028", "~", "!"}
	for _, sp := range specials {
		for at := 0; at < 20; at++ {
			for _, n := range []int{at + 1, 19, 24} {
				if n <= at {
					continue
				}
				s := strings.Repeat("a", at) + sp + strings.Repeat("b", n-at-1)
				if got, want := string(appendJSString(nil, s)), reference(s); got != want {
					t.Errorf("appendJSString(%q) = %s, want %s", s, got, want)
				}
			}
		}
	}
}
