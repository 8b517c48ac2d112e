package secmastertest

import (
	"encoding/json"
	"fmt"

	"github.com/wfc-dev/wfc/secmaster"
)

// examplePlugin is a plugin the README examples (examples/*.yaml) call, so that linting them
// against a catalog pulled from `wfc dev-server` is clean. cmd/wfc's TestExamplesLintWithDevCatalog
// keeps this table and the examples in step.
type examplePlugin struct {
	name, desc string
	actions    []exampleAction
}

type exampleAction struct {
	name, desc string
	required   []string // inputs every example passes
	optional   []string
}

// examplePlugins lists plugin actions with their inputs. Plugins the base seed already holds
// (secmaster) only gain actions here.
var examplePlugins = []examplePlugin{
	{"secmaster", "", []exampleAction{
		{"create_incident", "Open an incident", []string{"title", "severity"}, nil},
		{"phishing_score", "Score a reported email", []string{"sender", "scan"}, nil},
	}},
	{"threatbook", "ThreatBook threat intelligence", []exampleAction{
		{"ip_reputation", "Look up an IP reputation", []string{"ip"}, nil},
	}},
	{"huawei_cfw", "Huawei Cloud Firewall", []exampleAction{
		{"block_ip", "Block an IP for a number of seconds", []string{"ip", "duration"}, nil},
	}},
	{"huawei_iam", "Huawei Cloud IAM", []exampleAction{
		{"get_user", "Look up a user by name", []string{"user_name"}, nil},
		{"disable_user", "Disable a user", []string{"user_id"}, nil},
	}},
	{"huawei_hss", "Huawei Cloud Host Security Service", []exampleAction{
		{"list_vulnerable_hosts", "List hosts exposed to a CVE", []string{"cve_id"}, []string{"min_cvss"}},
		{"isolate_host", "Isolate a host from the network", []string{"host_id"}, nil},
		{"get_host_status", "Read a host's EDR status", []string{"host_id"}, nil},
		{"release_host", "Release an isolated host", []string{"host_id"}, nil},
	}},
	{"welink", "WeLink messaging", []exampleAction{
		{"send_message", "Post a message to a group", []string{"group", "text"}, nil},
	}},
	{"smtp", "Send email over SMTP", []exampleAction{
		{"send_mail", "Send an email", []string{"to", "subject"}, []string{"body"}},
	}},
	{"exchange_online", "Microsoft Exchange Online", []exampleAction{
		{"get_message", "Fetch a message with its URLs and attachment hashes", []string{"message_id"}, nil},
		{"purge_message", "Remove a message from every mailbox", []string{"message_id"}, []string{"mode"}},
	}},
	{"virustotal", "VirusTotal scanning", []exampleAction{
		{"scan_url", "Scan URLs and attachment hashes", nil, []string{"urls", "attachments"}},
	}},
	{"servicenow", "ServiceNow ITSM", []exampleAction{
		{"create_ticket", "Open a ticket", []string{"short_description"}, []string{"assignment_group", "details"}},
	}},
}

// exampleOutputs are the action_output strings of the example actions whose outputs the
// examples read, keyed "plugin/action": a JSON array of {name, type}, where an object may list
// its fields (the shape wfc's catalog reads; the API documents action_output only as a
// string). Other actions return [] (no outputs declared).
var exampleOutputs = map[string]string{
	"threatbook/ip_reputation": `[{"name":"severity","type":"String"},{"name":"score","type":"Number"},{"name":"tags","type":"Array"},` +
		`{"name":"location","type":"Object","fields":[{"name":"country","type":"String"},{"name":"city","type":"String"}]}]`,
	"huawei_iam/get_user":              `[{"name":"id","type":"String"},{"name":"name","type":"String"},{"name":"email","type":"String"},{"name":"enabled","type":"Boolean"}]`,
	"exchange_online/get_message":      `[{"name":"sender","type":"String"},{"name":"subject","type":"String"},{"name":"urls","type":"Array"},{"name":"attachment_hashes","type":"Array"}]`,
	"virustotal/scan_url":              `[{"name":"malicious","type":"Number"},{"name":"results","type":"Array"}]`,
	"secmaster/phishing_score":         `[{"name":"score","type":"Number"},{"name":"verdict","type":"String"}]`,
	"secmaster/create_incident":        `[{"name":"id","type":"String"}]`,
	"huawei_hss/list_vulnerable_hosts": `[{"name":"count","type":"Number"},{"name":"hosts","type":"Array"}]`,
	"huawei_hss/get_host_status":       `[{"name":"status","type":"String"},{"name":"infected","type":"Boolean"},{"name":"check_count","type":"Number"}]`,
	"servicenow/create_ticket":         `[{"name":"number","type":"String"},{"name":"sys_id","type":"String"}]`,
}

// exampleOutput is the action_output the service returns for plugin/action.
func exampleOutput(plugin, action string) string {
	if out, ok := exampleOutputs[plugin+"/"+action]; ok {
		return out
	}
	return `[]`
}

// exampleID is the fixed id of the n-th example plugin or action. It lies outside the range
// newID hands out, so seeding these leaves the ids of everything else (the README's workflow and
// instance ids) unchanged.
func exampleID(n int) string {
	return fmt.Sprintf("00000000-0000-4000-8000-0000e%07d", n)
}

// seedExamplePlugins adds examplePlugins, appending actions to plugins already seeded.
func (e *Emulator) seedExamplePlugins() {
	n := 0
	next := func() string { n++; return exampleID(n) }
	for _, p := range examplePlugins {
		acts := make([]secmaster.ComponentAction, len(p.actions))
		for i, a := range p.actions {
			acts[i] = secmaster.ComponentAction{ID: next(), ActionName: a.name, ActionDesc: a.desc,
				ActionType: "action", ActionEnable: true, ActionInput: actionInputs(a), ActionOutput: exampleOutput(p.name, a.name)}
		}
		if !e.addActions(p.name, acts) {
			e.SeedComponent(secmaster.Component{ID: next(), Name: p.name, Description: p.desc,
				ComponentType: "custom", DevLanguage: "Python3"}, acts...)
		}
	}
}

// addActions appends actions to the seeded plugin called name and reports whether it exists.
func (e *Emulator) addActions(name string, acts []secmaster.ComponentAction) bool {
	e.mu.Lock()
	defer e.mu.Unlock()
	for _, r := range e.components {
		if r.c.Name == name {
			r.actions = append(r.actions, acts...)
			return true
		}
	}
	return false
}

// actionInputs is the action_input JSON string the service returns for a.
func actionInputs(a exampleAction) string {
	type param struct {
		Name     string `json:"name"`
		Type     string `json:"type"`
		Required bool   `json:"required"`
	}
	ps := []param{}
	for _, n := range a.required {
		ps = append(ps, param{n, "String", true})
	}
	for _, n := range a.optional {
		ps = append(ps, param{n, "String", false})
	}
	b, err := json.Marshal(ps)
	if err != nil {
		panic(err) // cannot happen: a slice of plain structs
	}
	return string(b)
}
