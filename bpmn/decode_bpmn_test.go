package bpmn

import "testing"

// DecodeBPMN refuses XML that is not BPMN at its root start tag, with the very error Read
// gives after a full parse, and reads BPMN as DecodeAny does. The rest of the file is not
// parsed: here it is not even well-formed.
func TestDecodeBPMNStopsAtAForeignRoot(t *testing.T) {
	const svg = "<?xml version=\"1.0\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\"><rect></svg>"
	_, _, err := DecodeBPMN([]byte(svg))
	const want = "2:1: root element is <svg>, not a BPMN <definitions> in namespace http://www.omg.org/spec/BPMN/20100524/MODEL: is this a BPMN 2.0 file?"
	if err == nil || err.Error() != want {
		t.Fatalf("DecodeBPMN(svg) = %v; want %q", err, want)
	}
	wellFormed := "<?xml version=\"1.0\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\"><rect/></svg>"
	doc, _, err := DecodeAny([]byte(wellFormed)) // convert still reads any XML
	if err != nil {
		t.Fatal(err)
	}
	if _, err := Read(doc); err == nil || err.Error() != want {
		t.Errorf("Read(svg) = %v; want the same error %q", err, want)
	}

	bpmn := `<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d"><bpmn:process id="p"/></bpmn:definitions>`
	if doc, form, err := DecodeBPMN([]byte(bpmn)); err != nil || form != FormXML || doc.Root().Name != "bpmn:definitions" {
		t.Errorf("DecodeBPMN(bpmn) = %v, %v, %v", doc, form, err)
	}
}
