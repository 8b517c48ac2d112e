package secmastertest

import (
	"fmt"

	"github.com/wfc-dev/wfc/secmaster"
)

// Approve moves a pending_approval version to not_activated, as a reviewer passing it would
// (the real flow goes through POST .../approval and publishing).
func (e *Emulator) Approve(versionID string) error {
	return e.review(versionID, secmaster.StatusNotActivated)
}

// Reject moves a pending_approval version to rejected.
func (e *Emulator) Reject(versionID string) error {
	return e.review(versionID, secmaster.StatusRejected)
}

func (e *Emulator) review(versionID, to string) error {
	e.mu.Lock()
	defer e.mu.Unlock()
	v, ok := e.versions[versionID]
	if !ok {
		return fmt.Errorf("version %s does not exist", versionID)
	}
	if v.Status != secmaster.StatusPendingApproval {
		return fmt.Errorf("version %s is %s; only pending_approval versions can be reviewed", versionID, v.Status)
	}
	v.Status = to
	return nil
}

// Workflows returns copies of the stored workflows in creation order.
func (e *Emulator) Workflows() []secmaster.Workflow {
	e.mu.Lock()
	defer e.mu.Unlock()
	out := make([]secmaster.Workflow, len(e.workflows))
	for i, w := range e.workflows {
		out[i] = *w
	}
	return out
}

// Versions returns copies of a workflow's versions in creation order.
func (e *Emulator) Versions(workflowID string) []secmaster.WorkflowVersion {
	e.mu.Lock()
	defer e.mu.Unlock()
	var out []secmaster.WorkflowVersion
	for _, id := range e.versionsOf[workflowID] {
		out = append(out, *e.versions[id])
	}
	return out
}

// SeedInstance stores an instance; an empty ID gets a fresh one, which is returned.
func (e *Emulator) SeedInstance(in secmaster.Instance) string {
	e.mu.Lock()
	defer e.mu.Unlock()
	if in.ID == "" {
		in.ID = e.newID()
	}
	e.instances = append(e.instances, &instanceRec{in: in})
	return in.ID
}

// Instance returns a stored instance and the debug inputs it received.
func (e *Emulator) Instance(id string) (secmaster.Instance, []DebugInput, bool) {
	e.mu.Lock()
	defer e.mu.Unlock()
	r, err := e.instance(id)
	if err != nil {
		return secmaster.Instance{}, nil, false
	}
	return r.in, append([]DebugInput(nil), r.debugs...), true
}

// SeedComponent stores a plugin with its actions; empty ids get fresh ones. It returns the
// component id.
func (e *Emulator) SeedComponent(c secmaster.Component, actions ...secmaster.ComponentAction) string {
	e.mu.Lock()
	defer e.mu.Unlock()
	if c.ID == "" {
		c.ID = e.newID()
	}
	acts := append([]secmaster.ComponentAction(nil), actions...)
	for i := range acts {
		if acts[i].ID == "" {
			acts[i].ID = e.newID()
		}
	}
	e.components = append(e.components, &componentRec{c: c, actions: acts})
	return c.ID
}

// SeedExamples adds plugins with actions (every one examples/*.yaml calls) and two instances,
// for `wfc dev-server`.
func (e *Emulator) SeedExamples() {
	e.SeedComponent(secmaster.Component{Name: "secmaster", Description: "SecMaster utilities", ComponentType: "system", DevLanguage: "Python3"},
		secmaster.ComponentAction{ActionName: "close_alert", ActionDesc: "Close an alert", ActionType: "action", ActionEnable: true,
			ActionInput:  `[{"name":"alert_id","type":"String","required":true,"description":"Alert ID"},{"name":"reason","type":"String","required":false,"description":"Why it is closed"}]`,
			ActionOutput: `[{"name":"result","type":"String"}]`},
		secmaster.ComponentAction{ActionName: "uuid", ActionDesc: "Generate a UUID", ActionType: "action", ActionEnable: true,
			ActionInput: `[]`, ActionOutput: `[{"name":"uuid","type":"String"}]`})
	e.SeedComponent(secmaster.Component{Name: "threat_intel", Description: "Threat intelligence lookups", ComponentType: "custom", DevLanguage: "Python3"},
		secmaster.ComponentAction{ActionName: "query_ip", ActionDesc: "Look up an IP reputation", ActionType: "action", ActionEnable: true,
			ActionInput:  `[{"name":"ip","type":"String","required":true,"description":"IPv4 or IPv6 address"}]`,
			ActionOutput: `[{"name":"score","type":"Number"},{"name":"tags","type":"Array"}]`})
	wf := &secmaster.InstanceRef{ID: "00000000-0000-4000-8000-00000000beef", Name: "example"}
	e.SeedInstance(secmaster.Instance{Name: "example-run-1", Workflow: wf, TriggerType: "MANUAL", Status: secmaster.InstanceFailed, StartTime: "2025-01-01T00:00:00.000Z+0000"})
	e.SeedInstance(secmaster.Instance{Name: "example-run-2", Workflow: wf, TriggerType: "DEBUG", Status: secmaster.InstanceRunning, StartTime: "2025-01-01T00:05:00.000Z+0000"})
	e.seedExamplePlugins()
}
