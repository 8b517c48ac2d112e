package lint

import (
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/wfc-dev/wfc/bpmn"
)

// moddle drops BPMN-namespace tags it cannot parse and never looks inside extension
// elements, so bpmnlint does not see BPMN elements nested in either; neither do we.
func TestWalkModelSkipsNonBPMNElements(t *testing.T) {
	tests := []struct {
		name, body string
		want       int
	}{
		{"direct child is seen", `<bpmn:process id="P"><bpmn:complexGateway id="G"/></bpmn:process>`, 1},
		{"inside an unknown BPMN tag", `<bpmn:process id="P"><bpmn:unknownThing id="U"><bpmn:complexGateway id="G"/></bpmn:unknownThing></bpmn:process>`, 0},
		{"inside an extension element", `<bpmn:process id="P" xmlns:ext="urn:ext"><bpmn:extensionElements><ext:wrapper><bpmn:complexGateway id="G"/></ext:wrapper></bpmn:extensionElements></bpmn:process>`, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := runRuleOnXML(t, ruleNoComplexGateway, tt.body)
			if len(got) != tt.want {
				t.Errorf("got %d reports, want %d:\n%s", len(got), tt.want, reportLines(got))
			}
		})
	}
}

// The reader already leaves BPMN tags inside non-BPMN elements untyped; walkModel must not
// look inside such elements even when a model built in code types them.
func TestWalkModelStopsAtNonBPMNType(t *testing.T) {
	gw := &bpmn.Element{Type: "ComplexGateway", ID: "inner"}
	wrapper := &bpmn.Element{Type: "ext:wrapper", Children: []*bpmn.Element{gw}}
	top := &bpmn.Element{Type: "ComplexGateway", ID: "top"}
	process := &bpmn.Element{Type: "Process", ID: "P", Children: []*bpmn.Element{wrapper, top}}
	defs := &bpmn.Definitions{Element: &bpmn.Element{Type: "Definitions", Children: []*bpmn.Element{process}}}
	var seen []string
	walkModel(defs, func(el *bpmn.Element) { seen = append(seen, el.Type+"/"+el.ID) })
	want := []string{"Definitions/", "Process/P", "ext:wrapper/", "ComplexGateway/top"}
	if d := cmp.Diff(want, seen); d != "" {
		t.Errorf("visit order differs (-want +got):\n%s", d)
	}
}
