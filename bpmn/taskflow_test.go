package bpmn

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"errors"
	"path/filepath"
	"strings"
	"testing"
)

// seedTaskflow is the "taskflow" of the create-version example request in SecMaster's API
// documentation (testdata/create-version-request.json).
func seedTaskflow(t testing.TB) string {
	t.Helper()
	var req struct {
		Taskflow string `json:"taskflow"`
	}
	if err := json.Unmarshal(mustRead(t, "testdata/create-version-request.json"), &req); err != nil || req.Taskflow == "" {
		t.Fatalf("reading the seed request: %v", err)
	}
	return req.Taskflow
}

func TestTaskflowSeedRoundTrip(t *testing.T) {
	seed := seedTaskflow(t)
	doc, err := DecodeTaskflow(seed)
	if err != nil {
		t.Fatal(err)
	}
	if got := doc.Root().Name; got != "bpmn2:definitions" {
		t.Fatalf("root %q", got)
	}
	again, err := EncodeTaskflow(doc)
	if err != nil {
		t.Fatal(err)
	}
	if again != seed {
		a, _ := base64.StdEncoding.DecodeString(again)
		b, _ := base64.StdEncoding.DecodeString(seed)
		i := codecFirstDiff(a, b)
		t.Fatalf("re-encoded taskflow differs at JSON byte %d:\n got: %s\nwant: %s", i, codecAround(a, i), codecAround(b, i))
	}
}

// TestTaskflowReferences decodes the real SecMaster taskflows (already base64-decoded,
// pretty-printed) and checks our compact envelope is the same JSON.
func TestTaskflowReferences(t *testing.T) {
	files, _ := filepath.Glob("../testdata/reference/*.decoded.json")
	if len(files) != 3 {
		t.Fatalf("want 3 reference taskflows, found %d", len(files))
	}
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			src := mustRead(t, f)
			doc, err := DecodeTaskflowJSON(src)
			if err != nil {
				t.Fatal(err)
			}
			got, err := EncodeTaskflowJSON(doc)
			if err != nil {
				t.Fatal(err)
			}
			var want bytes.Buffer
			if err := json.Compact(&want, src); err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(got, want.Bytes()) {
				i := codecFirstDiff(got, want.Bytes())
				t.Fatalf("differs at %d:\n got: %s\nwant: %s", i, codecAround(got, i), codecAround(want.Bytes(), i))
			}
			// Through base64 and back, and through XML and back.
			b64, err := EncodeTaskflow(doc)
			if err != nil {
				t.Fatal(err)
			}
			back, err := DecodeTaskflow(b64)
			if err != nil {
				t.Fatal(err)
			}
			assertSameTree(t, doc, back)
			assertXMLRoundTrip(t, doc, XMLOptions{Indent: "  "})
		})
	}
}

func TestDecodeTaskflowErrors(t *testing.T) {
	b64 := func(s string) string { return base64.StdEncoding.EncodeToString([]byte(s)) }
	tree := `{"elements":[{"type":"element","name":"bpmn2:definitions"}]}`
	cases := []struct {
		name, in string
		kind     error
		want     string
	}{
		{"empty", "  ", ErrTaskflowBase64, "empty"},
		{"bad char", "eyJh!mI=", ErrTaskflowBase64, `unexpected '!' at byte 4`},
		{"bad char after newline", "eyJh\nZ!I=", ErrTaskflowBase64, "at byte 6"},
		{"url safe", "eyJh-mI=", ErrTaskflowBase64, "URL-safe"},
		{"truncated", "eyJhYmM", ErrTaskflowBase64, "ends early or is wrongly padded in the group at byte 4"},
		{"bad padding", "eyJh=mI=", ErrTaskflowBase64, "at byte 4"},
		{"not json", b64(`{"elementType":`), ErrTaskflowJSON, "1:16"},
		{"not object", b64(`[1]`), ErrTaskflowEnvelope, "envelope must be an object"},
		{"no elementType", b64(`{"workflow":` + tree + `}`), ErrTaskflowEnvelope, `no "elementType"`},
		{"other elementType", b64(`{"elementType":"bpmn","workflow":` + tree + `}`), ErrTaskflowEnvelope, `"elementType" is "bpmn"`},
		{"object elementType", b64(`{"elementType":{},"workflow":` + tree + `}`), ErrTaskflowEnvelope, `"elementType" is an object`},
		{"no workflow", b64(`{"elementType":"{}"}`), ErrTaskflowEnvelope, `no "workflow"`},
		{"workflow string", b64(`{"elementType":"{}","workflow":"x"}`), ErrTaskflowEnvelope, `"workflow" must be an object`},
		{"extra key", b64(`{"elementType":"{}","workflow":` + tree + `,"x":1}`), ErrTaskflowEnvelope, `unknown key "x"`},
		{"bad tree", b64(`{"elementType":"{}","workflow":{"elements":[{"type":"x"}]}}`), ErrTaskflowTree, `unknown type "x"`},
		{"not bpmn", b64(`{"elementType":"{}","workflow":{"elements":[{"type":"element","name":"html"}]}}`), ErrNotBPMN, "<html>, not <definitions>"},
		{"no root", b64(`{"elementType":"{}","workflow":{}}`), ErrNotBPMN, "no root element"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := DecodeTaskflow(c.in)
			if !errors.Is(err, c.kind) {
				t.Fatalf("want %v, got %v", c.kind, err)
			}
			if !strings.Contains(err.Error(), c.want) {
				t.Fatalf("error %q does not contain %q", err, c.want)
			}
		})
	}
}

func TestDecodeTaskflowToleratesWhitespace(t *testing.T) {
	seed := seedTaskflow(t)
	var wrapped strings.Builder
	wrapped.WriteString("\n  ")
	for i := 0; i < len(seed); i += 76 {
		wrapped.WriteString(seed[i:min(i+76, len(seed))])
		wrapped.WriteString("\r\n")
	}
	a, err := DecodeTaskflow(wrapped.String())
	if err != nil {
		t.Fatal(err)
	}
	b, _ := DecodeTaskflow(seed)
	assertSameTree(t, b, a)
}

func TestEncodeTaskflowDropsDeclarationAndChecksBPMN(t *testing.T) {
	doc, err := DecodeXML([]byte(`<?xml version="1.0"?><bpmn:definitions xmlns:bpmn="x"/>`))
	if err != nil {
		t.Fatal(err)
	}
	js, err := EncodeTaskflowJSON(doc)
	if err != nil {
		t.Fatal(err)
	}
	if want := `{"elementType":"{}","workflow":{"elements":[{"type":"element","name":"bpmn:definitions","attributes":{"xmlns:bpmn":"x"}}]}}`; string(js) != want {
		t.Fatalf("got %s", js)
	}
	if _, err := EncodeTaskflow(&Document{Children: []*Node{{Type: ElementNode, Name: "x"}}}); !errors.Is(err, ErrNotBPMN) {
		t.Fatalf("want ErrNotBPMN, got %v", err)
	}
}

// TestEncodeTaskflowAllocatesOnce: the taskflow of a large diagram is megabytes; it is
// built in one allocation of the right size plus a few small ones, whatever its size, and
// the JSON buffer is sized once too (growing by doubling copied it a dozen times), and the
// base64 decodes back to exactly EncodeTaskflowJSON's bytes.
func TestEncodeTaskflowAllocatesOnce(t *testing.T) {
	doc, err := DecodeXML(benchProcessXML(2000))
	if err != nil {
		t.Fatal(err)
	}
	js, err := EncodeTaskflowJSON(doc)
	if err != nil {
		t.Fatal(err)
	}
	if cap(js) < len(js) || cap(js) > len(js)+len(js)/5 {
		t.Errorf("JSON of %d bytes in a buffer of %d: the size estimate is off", len(js), cap(js))
	}
	tf, err := EncodeTaskflow(doc)
	if err != nil {
		t.Fatal(err)
	}
	if back, err := base64.StdEncoding.DecodeString(tf); err != nil || !bytes.Equal(back, js) {
		t.Fatalf("the taskflow is not the base64 of the envelope JSON (%v)", err)
	}
	if n := testing.AllocsPerRun(3, func() { _, _ = EncodeTaskflow(doc) }); n > 8 {
		t.Errorf("EncodeTaskflow allocates %v times; want a handful", n)
	}
	if n := testing.AllocsPerRun(3, func() { _, _ = EncodeTaskflowJSON(doc) }); n > 4 {
		t.Errorf("EncodeTaskflowJSON allocates %v times; want a handful", n)
	}
}
