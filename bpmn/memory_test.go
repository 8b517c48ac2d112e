package bpmn

import (
	"bytes"
	"strings"
	"testing"

	"github.com/wfc-dev/wfc/internal/allocs"
)

// memoryInputs are ~2 MB inputs in the forms DecodeAny reads, with the most each may allocate
// per input byte. A taskflow once cost 17 bytes per byte (a []int of offsets for every byte,
// two copies of the text), and text that is not BPMN at all cost 10 before being refused.
func memoryInputs(t *testing.T) []struct {
	name     string
	src      []byte
	maxRatio float64
} {
	xml := benchProcessXML(2000)
	doc, err := DecodeXML(xml)
	if err != nil {
		t.Fatal(err)
	}
	taskflow, err := EncodeTaskflow(doc)
	if err != nil {
		t.Fatal(err)
	}
	var wrapped strings.Builder // as SecMaster's console or a mail client may wrap it
	for i := 0; i < len(taskflow); i += 76 {
		wrapped.WriteString(taskflow[i:min(i+76, len(taskflow))] + "\r\n")
	}
	prose := bytes.Repeat([]byte("this is not a diagram, only words, "), len(xml)/35)
	return []struct {
		name     string
		src      []byte
		maxRatio float64
	}{
		{"xml", xml, 6},
		{"taskflow", []byte(taskflow), 5},
		{"wrapped taskflow", []byte(wrapped.String()), 6},
		{"request", []byte(`{"name":"x","taskflow":"` + taskflow + `"}`), 6},
		{"prose", prose, 0.01},
		{"binary", append([]byte{0x7f, 'E', 'L', 'F', 0}, prose...), 0.01},
	}
}

func TestDecodeAnyMemoryIsASmallMultipleOfInput(t *testing.T) {
	for _, in := range memoryInputs(t) {
		var err error
		got := allocs.Bytes(func() { _, _, err = DecodeAny(in.src, testWrappers...) })
		ratio := float64(got) / float64(len(in.src))
		t.Logf("%s: %d bytes in, %d allocated (%.2f per byte), err %v", in.name, len(in.src), got, ratio, err)
		if ratio > in.maxRatio {
			t.Errorf("%s: DecodeAny allocated %.2f bytes per input byte; want at most %.2f", in.name, ratio, in.maxRatio)
		}
	}
}
