package bpmn

import (
	"encoding/base64"
	"strings"
	"testing"
)

// testWrappers are two JSON objects that carry a taskflow, as a platform's package defines
// them (these are SecMaster's create-version request and API response, which
// target/secmaster passes).
var testWrappers = []Wrapper{
	{Name: "a create-version request", Path: []string{"taskflow"}},
	{Name: "an API response", Path: []string{"data", "taskflow"}},
}

func TestDecodeAnyForms(t *testing.T) {
	seed := seedTaskflow(t)
	want, err := DecodeTaskflow(seed)
	if err != nil {
		t.Fatal(err)
	}
	envelope, _ := base64.StdEncoding.DecodeString(seed)
	tree, _ := EncodeTreeJSON(want, "  ")
	xml, _ := EncodeXML(want, XMLOptions{Indent: "  ", DefaultDeclaration: true})

	cases := []struct {
		name string
		in   []byte
		form Form
	}{
		{"xml", xml, FormXML},
		{"xml with BOM and blank lines", append([]byte("\ufeff\n\n"), xml...), FormXML},
		{"tree", tree, FormTree},
		{"envelope", envelope, FormEnvelope},
		{"base64", []byte(seed), FormTaskflow},
		{"base64 wrapped", []byte("\n" + seed[:100] + "\n" + seed[100:] + "\n"), FormTaskflow},
		{"request", mustRead(t, "testdata/create-version-request.json"), FormWrapped},
		{"response", mustRead(t, "testdata/create-version-response.json"), FormWrapped},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			doc, form, err := DecodeAny(c.in, testWrappers...)
			if err != nil {
				t.Fatal(err)
			}
			if form != c.form {
				t.Fatalf("form %v, want %v", form, c.form)
			}
			got := &Document{Children: doc.Children} // XML adds a declaration; compare the rest
			assertSameTree(t, want, got)
		})
	}
}

func TestDecodeAnyErrors(t *testing.T) {
	cases := []struct{ name, in, want string }{
		{"empty", " \n", "input is empty"},
		{"garbage", "hello, world", "input is not BPMN XML (<...>), JSON ({...}) nor a base64 taskflow; read as base64: taskflow is not valid base64: unexpected ',' at byte 5"},
		{"unknown json", `{"foo":1}`, `JSON input is neither an xml-js tree ("elements"), a taskflow envelope ("elementType", "workflow"), a create-version request ("taskflow") nor an API response ("data"."taskflow")`},
		{"response without taskflow", `{"data":{"elements":[]}}`, "JSON input is neither"},
		{"request taskflow not string", `{"taskflow":5}`, `"taskflow" must be a string`},
		{"request bad base64", `{"taskflow":"a!!a"}`, `"taskflow": taskflow is not valid base64: unexpected '!' at byte 1`},
		{"broken xml", "<a><b></a>", "1:7: closing tag </a> does not match <b>"},
		{"broken json", `{"elements":[`, "1:14:"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, _, err := DecodeAny([]byte(c.in), testWrappers...)
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Fatalf("want error containing %q, got %v", c.want, err)
			}
		})
	}
}

func TestFormString(t *testing.T) {
	seen := map[string]bool{}
	for f := FormXML; f <= FormWrapped; f++ {
		s := f.String()
		if seen[s] || strings.HasPrefix(s, "Form(") {
			t.Errorf("form %d has name %q", int(f), s)
		}
		seen[s] = true
	}
}

// TestDecodeAnyReadsNoWrapperUnasked: without wrappers, a platform's objects are not BPMN,
// and the message names only the forms package bpmn reads.
func TestDecodeAnyReadsNoWrapperUnasked(t *testing.T) {
	_, _, err := DecodeAny(mustRead(t, "testdata/create-version-request.json"))
	const want = `JSON input is neither an xml-js tree ("elements") nor a taskflow envelope ("elementType", "workflow")`
	if err == nil || err.Error() != want {
		t.Fatalf("DecodeAny(a request, no wrappers) = %v; want %q", err, want)
	}
}
