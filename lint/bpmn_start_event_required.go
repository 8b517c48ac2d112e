package lint

import (
	"github.com/wfc-dev/wfc/bpmn"
	"github.com/wfc-dev/wfc/diag"
)

var ruleStartEventRequired = &Rule{
	ID:          "start-event-required",
	Severity:    diag.Error,
	Recommended: true,
	Scope:       ScopeBPMN,
	Summary:     "every process and sub-process has a start event",
	Doc: "Without a start event it is not clear where a process or sub-process begins, and " +
		"engines may reject or mis-run it. Add a start event to every process and " +
		"sub-process (event sub-processes and transactions included); ad-hoc sub-processes are " +
		"exempt, as their activities start on their own. Mirrors bpmnlint's rule of the same name.",
	Check: func(p *Pass) {
		p.walk(func(el *bpmn.Element) {
			if !el.IsAny("Process", "SubProcess") || el.Is("AdHocSubProcess") {
				return
			}
			for _, fe := range flowElements(el) {
				if fe.Is("StartEvent") {
					return
				}
			}
			p.ReportElement(el, "%s is missing a start event; add one", containerKind(el))
		})
	},
}
