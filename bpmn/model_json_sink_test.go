package bpmn

import (
	"bytes"
	"strings"
	"testing"
)

// appendQuoted quotes as appendJSString does whatever the string's length, wherever a byte
// that needs escaping (or is not ASCII) sits, and however much room the buffer has.
func TestAppendQuotedIsAppendJSString(t *testing.T) {
	for n := 0; n <= 24; n++ {
		plain := strings.Repeat("a", n)
		cases := []string{plain}
		for at := 0; at < n; at++ {
			for _, c := range []byte{'"', '\\', '\n', 0x1f, 0x7f, 0xc3, 0xff} {
				s := []byte(plain)
				s[at] = c
				cases = append(cases, string(s))
			}
		}
		for _, s := range cases {
			want := appendJSString([]byte("x"), s)
			for _, room := range []int{0, len(s) + 1, len(s) + 2, 64} {
				b := append(make([]byte, 0, 1+room), 'x')
				if got := appendQuoted(b, s); !bytes.Equal(got, want) {
					t.Fatalf("appendQuoted(%q) with room %d = %q, want %q", s, room, got, want)
				}
			}
		}
	}
}

// A string longer than the sink's chunk makes an element's JSON outgrow it, in an attribute
// or in a reference (a flow's id in its ends' outgoing and incoming), in the middle of a
// chain long enough to flush several times: the streamed JSON is still the tree's.
func TestModelJSONOutgrowsItsChunk(t *testing.T) {
	defs := buildChain(t, 200)
	var nodes []*Element
	for _, c := range defs.Element.Children[0].Children {
		if c.Type != "SequenceFlow" {
			nodes = append(nodes, c)
		}
	}
	for i, long := range []int{sinkFlushAt - 100, 2 * sinkFlushAt, 5 * sinkFlushAt} {
		nodes[30+i*50].SetAttr("soar:note", strings.Repeat("n", long))
		from, to := nodes[10+i*50], nodes[11+i*50]
		if _, err := defs.Connect("F"+strings.Repeat("f", long), from, to); err != nil {
			t.Fatal(err)
		}
	}
	assertStreamMatchesTree(t, "chain with long strings", defs)
}
