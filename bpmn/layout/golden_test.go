package layout

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/wfc-dev/wfc/internal/golden"
)

// incidentModel is a mid-size workflow with every construct the compiler emits and a few it
// may: a switch with a default, a parallel block, a timer wait, a loop back through an
// approval, a boundary timer with its own path, and a sub-process with content.
func incidentModel() *model {
	m := newModel("Process_incident")
	m.chainOf("StartEvent:start", "ServiceTask:enrich", "ExclusiveGateway:triage")
	m.defs.ByID["start"].Name = "alert received"
	m.defs.ByID["triage"].Name = "severity?"

	// high: parallel containment, then an approval that may send the case back to enrich.
	m.chainOf("ExclusiveGateway:triage", "ParallelGateway:fork",
		"ServiceTask:blockIP", "ParallelGateway:merge", "UserTask:approve", "ExclusiveGateway:approved")
	m.chainOf("ParallelGateway:fork", "ServiceTask:disableUser", "ParallelGateway:merge")
	m.chainOf("ParallelGateway:fork", "SubProcess:collect", "ServiceTask:notifySOC", "ParallelGateway:merge")
	collect := m.defs.ByID["collect"]
	m.add(collect, "StartEvent", "collectStart", "")
	m.add(collect, "ServiceTask", "snapshot", "")
	m.add(collect, "ServiceTask", "pcap", "")
	m.add(collect, "ParallelGateway", "collectFork", "")
	m.add(collect, "ParallelGateway", "collectJoin", "")
	m.add(collect, "EndEvent", "collectEnd", "")
	m.chainOf("StartEvent:collectStart", "ParallelGateway:collectFork", "ServiceTask:snapshot", "ParallelGateway:collectJoin", "EndEvent:collectEnd")
	m.chainOf("ParallelGateway:collectFork", "ServiceTask:pcap", "ParallelGateway:collectJoin")
	m.flow("rework", "approved", "enrich").Name = "rejected"
	timer := m.boundary("approvalTimeout", "approve")
	timer.Name = "no answer in 4h"
	m.add(nil, "ServiceTask", "escalate", "")
	m.add(nil, "EndEvent", "escalated", "")
	m.flow("toEscalate", "approvalTimeout", "escalate")
	m.flow("toEscalated", "escalate", "escalated")

	// medium: wait, then look again.
	m.add(nil, "IntermediateCatchEvent", "wait", "wait 30m")
	m.add(nil, "ServiceTask", "recheck", "")
	m.flow("medium", "triage", "wait").Name = "medium"
	m.flow("toRecheck", "wait", "recheck")

	// low (default): log it.
	m.add(nil, "ServiceTask", "log", "")
	m.flow("low", "triage", "log")
	m.defs.ByID["triage"].Default = m.defs.ByID["low"]
	m.defs.ByID["f_triage_fork_1"].Name = "high"

	m.add(nil, "ExclusiveGateway", "join", "")
	m.chainOf("ExclusiveGateway:join", "ServiceTask:close", "EndEvent:end")
	m.flow("fromApproved", "approved", "join")
	m.flow("fromRecheck", "recheck", "join")
	m.flow("fromLog", "log", "join")
	return m
}

func TestGoldenIncident(t *testing.T) {
	m := incidentModel()
	if err := Apply(m.defs); err != nil {
		t.Fatal(err)
	}
	var got strings.Builder
	for _, d := range m.defs.Diagrams {
		checkGuarantees(t, d.Plane.Element, d.Plane)
		got.WriteString("diagram " + d.ID + "\n" + dump(d.Plane))
	}
	golden.Check(t, filepath.Join("testdata", "incident.golden"), []byte(got.String()))
}
