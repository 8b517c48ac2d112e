package bpmn

import (
	"encoding/base64"
	"errors"
	"strings"
	"testing"
)

// A DOCTYPE, above all one with an external SYSTEM id, once passed lint and was carried into
// the taskflow. It is refused in every form DecodeAny reads, and when encoding a taskflow.
func TestDoctypeIsRefused(t *testing.T) {
	const xml = `<?xml version="1.0"?>
<!DOCTYPE definitions SYSTEM "file:///etc/passwd">
<bpmn2:definitions xmlns:bpmn2="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d"><bpmn2:process id="p"/></bpmn2:definitions>`
	doc, _, err := DecodeAny([]byte(xml))
	if !errors.Is(err, ErrDoctype) || doc != nil {
		t.Fatalf("DecodeAny(XML with a DOCTYPE) = %v, %v; want ErrDoctype", doc, err)
	}
	if want := `2:1: BPMN documents have no DOCTYPE: <!DOCTYPE definitions SYSTEM "file:///etc/passwd"> has no place in one`; !strings.HasPrefix(err.Error(), want) {
		t.Errorf("error %q; want it to start with %q", err, want)
	}

	withDoctype, err := DecodeXML([]byte(xml)) // the codec itself stays faithful to xml-js
	if err != nil {
		t.Fatal(err)
	}
	if _, err := EncodeTaskflow(withDoctype); !errors.Is(err, ErrDoctype) {
		t.Errorf("EncodeTaskflow kept the DOCTYPE: %v", err)
	}
	tree, err := EncodeTreeJSON(withDoctype, "")
	if err != nil {
		t.Fatal(err)
	}
	envelope := `{"elementType":"{}","workflow":` + string(tree) + `}`
	inputs := map[string]string{
		"tree":     string(tree),
		"envelope": envelope,
		"taskflow": base64.StdEncoding.EncodeToString([]byte(envelope)),
		"request":  `{"taskflow":"` + base64.StdEncoding.EncodeToString([]byte(envelope)) + `"}`,
	}
	for form, in := range inputs {
		if _, _, err := DecodeAny([]byte(in), testWrappers...); !errors.Is(err, ErrDoctype) {
			t.Errorf("DecodeAny(%s with a DOCTYPE) = %v; want ErrDoctype", form, err)
		}
	}
}
