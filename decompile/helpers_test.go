package decompile_test

import (
	"github.com/wfc-dev/wfc/bpmn"
	"github.com/wfc-dev/wfc/target/secmaster"
)

func bpmnXML(res *secmaster.Result) (string, error) {
	b, err := bpmn.EncodeXML(res.Doc, bpmn.XMLOptions{Indent: "  "})
	return string(b), err
}
