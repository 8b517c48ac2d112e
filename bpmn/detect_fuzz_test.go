package bpmn

import (
	"bytes"
	"encoding/json"
	"errors"
	"strings"
	"testing"
)

// FuzzDecodeAny feeds arbitrary bytes to form detection and the model reader. Beyond not
// panicking: the same input gives the same answer twice; the form follows the first byte; an
// XML or tree JSON error carries a line:col inside the input; a decoded document written back
// in every form wfc reads comes back as that form with the same tree; and a document Read
// accepts survives Write and Read with the same model and no new warning.
func FuzzDecodeAny(f *testing.F) {
	addXMLSeeds(f, func(xml, tree []byte) {
		f.Add(xml)
		f.Add(tree)
		if doc, err := DecodeXML(xml); err == nil {
			for _, form := range encodings(doc, true) {
				f.Add(form.data)
			}
		}
	})
	for _, s := range []string{
		"", " \n", "\ufeff<a/>", "[1]", "{", `{"data":{"taskflow":1}}`, `{"x":1}`, "eyJ=", "hello world", "<a>\n<b c='1' c='2'/></a>",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		doc, form, err := DecodeAny(data, testWrappers...)
		assertDecodesAlike(t, data, doc, form, err)
		if err != nil {
			assertPositioned(t, data, err)
			return
		}
		if doc == nil || form < FormXML || form > FormWrapped {
			t.Fatalf("no error, but document %v and form %v", doc, form)
		}
		if !formFitsFirstByte(form, firstByte(data)) {
			t.Fatalf("form %v for input starting %q", form, firstByte(data))
		}
		assertAllFormsRoundTrip(t, doc, form)
		assertModelRoundTrips(t, doc)
	})
}

// assertDecodesAlike decodes data a second time and wants the same tree, form and error.
func assertDecodesAlike(t *testing.T, data []byte, doc *Document, form Form, err error) {
	t.Helper()
	doc2, form2, err2 := DecodeAny(data, testWrappers...)
	if form != form2 || (err == nil) != (err2 == nil) || (err != nil && err.Error() != err2.Error()) {
		t.Fatalf("two decodes differ: %v %v / %v %v", form, err, form2, err2)
	}
	if err == nil {
		assertSameTree(t, doc, doc2)
	}
}

// assertPositioned: an error names a place inside the input when the input is the text that
// failed: XML always; JSON unless the failure is in the base64 taskflow a field holds (then
// the message starts with that field's name and the place is in the decoded taskflow).
func assertPositioned(t *testing.T, data []byte, err error) {
	t.Helper()
	if err.Error() == "" {
		t.Fatal("empty error message")
	}
	first := firstByte(data)
	var se *SyntaxError
	positioned := errors.As(err, &se)
	if first == '<' && !positioned {
		t.Fatalf("an XML error without a line and column: %v", err)
	}
	if !positioned || (first != '<' && first != '{') || strings.HasPrefix(err.Error(), `"`) {
		return
	}
	lines := bytes.Count(data, []byte("\n")) + 1
	if se.Line < 1 || se.Line > lines || se.Col < 1 {
		t.Fatalf("error at %d:%d, outside the %d-line input: %v", se.Line, se.Col, lines, err)
	}
}

func firstByte(data []byte) byte {
	trimmed := bytes.TrimSpace(bytes.TrimPrefix(data, []byte("\ufeff")))
	if len(trimmed) == 0 {
		return 0
	}
	return trimmed[0]
}

// formFitsFirstByte: '<' is XML, '{' one of the JSON forms, anything else a bare taskflow.
func formFitsFirstByte(form Form, first byte) bool {
	switch first {
	case '<':
		return form == FormXML
	case '{':
		return form == FormTree || form == FormEnvelope || form == FormWrapped
	}
	return form == FormTaskflow
}

type encoded struct {
	form Form
	data []byte
}

// encodings writes doc in every form DecodeAny reads, XML only when withXML is set: a tree
// from JSON may hold what XML cannot say the same way (xml-js itself drops an empty
// declaration attribute when it reads XML), while the JSON forms hold any tree exactly.
func encodings(doc *Document, withXML bool) []encoded {
	var out []encoded
	if xml, err := EncodeXML(doc, XMLOptions{}); err == nil && withXML {
		out = append(out, encoded{FormXML, xml})
	}
	if tree, err := EncodeTreeJSON(doc, ""); err == nil {
		out = append(out, encoded{FormTree, tree})
	}
	if CheckBPMN(doc) != nil {
		return out // the taskflow forms hold only a BPMN <definitions>
	}
	if envelope, err := EncodeTaskflowJSON(doc); err == nil {
		out = append(out, encoded{FormEnvelope, envelope})
	}
	if tf, err := EncodeTaskflow(doc); err == nil {
		out = append(out, encoded{FormTaskflow, []byte(tf)})
		req, _ := json.Marshal(map[string]string{"taskflow": tf})
		out = append(out, encoded{FormWrapped, req})
		resp, _ := json.Marshal(map[string]any{"code": "00000000", "data": map[string]string{"taskflow": tf}})
		out = append(out, encoded{FormWrapped, resp})
	}
	return out
}

// assertAllFormsRoundTrip writes doc in every form and reads each back: the form is
// recognised and the tree is the same. The form doc came in must be writable again.
func assertAllFormsRoundTrip(t *testing.T, doc *Document, came Form) {
	t.Helper()
	wrote := false
	for _, e := range encodings(doc, came == FormXML) {
		wrote = wrote || e.form == came
		back, form, err := DecodeAny(e.data, testWrappers...)
		if err != nil {
			t.Fatalf("%v written by wfc does not read back: %v\n%s", e.form, err, clipBytes(e.data))
		}
		if form != e.form {
			t.Fatalf("%v written by wfc reads as %v:\n%s", e.form, form, clipBytes(e.data))
		}
		if e.form >= FormEnvelope {
			// Taskflows carry no XML declaration (SecMaster's have none).
			assertSameTree(t, &Document{Children: doc.Children}, back)
		} else {
			assertSameTree(t, doc, back)
		}
	}
	if !wrote {
		t.Fatalf("a document read as %v cannot be written as %v", came, came)
	}
}

// assertModelRoundTrips: Read is deterministic, and a model it accepts survives Write and a
// second Read unchanged, with no warning the first Read did not give.
func assertModelRoundTrips(t *testing.T, doc *Document) {
	t.Helper()
	first, err := Read(doc)
	if err != nil {
		if err.Error() == "" {
			t.Fatal("Read failed with an empty message")
		}
		return
	}
	if again, _ := Read(doc); summarize(again, true) != summarize(first, true) {
		t.Fatal("two Reads of one tree differ")
	}
	written, err := Write(first)
	if err != nil {
		t.Fatalf("a model Read accepted cannot be written: %v", err)
	}
	second, err := Read(written)
	if err != nil {
		t.Fatalf("Write's tree does not read: %v", err)
	}
	if want, got := summarize(first, false), summarize(second, false); want != got {
		t.Fatalf("model changed through Write:\n%s", lineDiff(want, got))
	}
	warned := map[string]bool{}
	for _, w := range first.Warnings {
		warned[w.Message] = true
	}
	for _, w := range second.Warnings {
		if !warned[w.Message] {
			t.Fatalf("new warning after Write: %s", w.Message)
		}
	}
}

func clipBytes(b []byte) string {
	const show = 2000 // bytes of a failing input to print
	if len(b) > show {
		return string(b[:show]) + "..."
	}
	return string(b)
}
