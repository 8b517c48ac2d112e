package diff

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/wfc-dev/wfc/workflow"
)

// base has a step of every kind; the cases below edit it.
const base = `wfc: 1
name: Base
description: Base workflow
type: general
labels: [IP, DOMAIN]
inputs:
  - name: ip
    type: string
    required: true
outputs:
  - name: verdict
    value: "${steps.enrich.output.severity}"
steps:
  - id: enrich
    action: tb/ip
    with: {ip: "${inputs.ip}", opts: {depth: 1, fast: true}, tags: [{k: a, v: 1}]}
    timeout: 60s
  - id: decide
    switch:
      - name: high
        when: "${steps.enrich.output.severity == 'high'}"
        next: approve
      - name: low
        when: "${steps.enrich.output.severity == 'low'}"
        next: close
    default: close
  - id: approve
    approval: {approvers: [alice, bob], timeout: 4h}
  - id: fan
    parallel:
      - steps: [{id: one, action: p/one}]
      - steps: [{id: two, wait: 5s}]
  - id: block
    action: fw/block
    with: {ip: "${inputs.ip}"}
    next: end
  - id: close
    action: s/close
`

// program loads and resolves src, failing the test on any error.
func program(t *testing.T, name, src string) *workflow.Program {
	t.Helper()
	w, diags := workflow.Load(name, []byte(src))
	if diags.HasErrors() {
		t.Fatalf("%s does not load:\n%v\n%s", name, diags.Error(), src)
	}
	p, diags := workflow.Resolve(w)
	if diags.HasErrors() {
		t.Fatalf("%s does not resolve: %v", name, diags.Error())
	}
	return p
}

func lines(changes []Change) []string {
	out := []string{}
	for _, c := range changes {
		out = append(out, c.Line())
	}
	return out
}

// edit applies from → to replacements to base, each of which must match.
func edit(t *testing.T, pairs ...string) string {
	t.Helper()
	src := base
	for i := 0; i+1 < len(pairs); i += 2 {
		if !strings.Contains(src, pairs[i]) {
			t.Fatalf("base has no %q", pairs[i])
		}
		src = strings.Replace(src, pairs[i], pairs[i+1], 1)
	}
	return src
}

func TestEveryKindOfChange(t *testing.T) {
	cases := []struct {
		name  string
		pairs []string
		want  []string
	}{
		{"workflow name", []string{"name: Base", "name: Renamed"}, []string{`~ workflow: name "Base" → "Renamed"`}},
		{"workflow description", []string{"description: Base workflow", "description: why"}, []string{`~ workflow: description "Base workflow" → "why"`}},
		{"workflow type", []string{"type: general", "type: containment"}, []string{`~ workflow: type general → containment`}},
		{"workflow type left out", []string{"type: general\n", ""}, []string{}},
		{"workflow log level", []string{"type: general", "type: general\nlog_level: debug"}, []string{`~ workflow: log_level info → debug`}},
		{"workflow retry", []string{"type: general", "type: general\nretry: {times: 2}"}, []string{`+ workflow: retry.times 2`}},
		{"workflow labels", []string{"[IP, DOMAIN]", "[IP]"}, []string{`~ workflow: labels [DOMAIN, IP] → [IP]`}},
		{"input added", []string{"outputs:", "  - name: host\n    type: number\n    required: true\noutputs:"}, []string{`+ input host (number, required)`}},
		{"input removed", []string{"inputs:\n  - name: ip\n    type: string\n    required: true\n", "", `"${inputs.ip}", opts`, `"x", opts`, `{ip: "${inputs.ip}"}`, `{ip: "x"}`},
			[]string{`- input ip`, `~ step enrich: with.ip "${inputs.ip}" → "x"`, `~ step block: with.ip "${inputs.ip}" → "x"`}},
		{"input required and default", []string{"    required: true\n", "    required: false\n    default: 10.0.0.1\n"},
			[]string{`~ input ip: required true → false`, `+ input ip: default "10.0.0.1"`}},
		{"input type", []string{"    type: string\n", "    type: number\n"}, []string{`~ input ip: type string → number`}},
		{"output value", []string{"output.severity}\"\nsteps", "output.score}\"\nsteps"},
			[]string{`~ output verdict: value "${steps.enrich.output.severity}" → "${steps.enrich.output.score}"`}},
		{"with value", []string{`{ip: "${inputs.ip}", opts`, `{ip: "${inputs.src}", opts`}, []string{`~ step enrich: with.ip "${inputs.ip}" → "${inputs.src}"`}},
		{"with nested", []string{"depth: 1", "depth: 2"}, []string{`~ step enrich: with.opts.depth 1 → 2`}},
		{"with key added and removed", []string{"fast: true", "quick: true"},
			[]string{`+ step enrich: with.opts.quick true`, `- step enrich: with.opts.fast true`}},
		{"with list item", []string{"v: 1}]", "v: 2}]"}, []string{`~ step enrich: with.tags [{"k":"a","v":1}] → [{"k":"a","v":2}]`}},
		{"with string and number differ", []string{"depth: 1", `depth: "1"`}, []string{`~ step enrich: with.opts.depth 1 → "1"`}},
		{"timeout", []string{"timeout: 60s", "timeout: 90s"}, []string{`~ step enrich: timeout 60s → 90s`}},
		{"platform block", []string{"timeout: 60s", "timeout: 60s\n    platform: {secmaster: {attributes: {soar:v: \"2\"}, taskconfig: {plugin_version_id: f3}}}"},
			[]string{`+ step enrich: platform.secmaster.attributes.soar:v "2"`, `+ step enrich: platform.secmaster.taskconfig.plugin_version_id "f3"`}},
		{"retry and on_error", []string{"timeout: 60s", "timeout: 60s\n    retry: {times: 3, interval: 10s}\n    on_error: continue"},
			[]string{`+ step enrich: retry.times 3`, `+ step enrich: retry.interval 10s`, `~ step enrich: on_error fail → continue`}},
		{"on_error names a step", []string{"timeout: 60s", "timeout: 60s\n    on_error: close"},
			[]string{`~ step enrich: on_error fail → close`}},
		{"action", []string{"action: s/close", "action: s/close_v2"}, []string{`~ step close: action "s/close" → "s/close_v2"`}},
		{"kind", []string{"  - id: close\n    action: s/close", "  - id: close\n    wait: 1m"},
			[]string{`~ step close: kind action → wait`, `+ step close: wait 1m`, `- step close: action "s/close"`, `- step close: on_error fail`}},
		{"name", []string{"  - id: close\n", "  - id: close\n    name: Close it\n"}, []string{`+ step close: name "Close it"`}},
		{"next", []string{"    next: end\n", "    next: enrich\n"}, []string{`~ step block: next end → enrich`}},
		{"case target", []string{"next: approve", "next: block"}, []string{`~ step decide: case "high" approve → block`}},
		{"case condition", []string{"'high'", "'critical'"},
			[]string{`~ step decide: case "high".when "${steps.enrich.output.severity == 'high'}" → "${steps.enrich.output.severity == 'critical'}"`}},
		{"case order", []string{
			"      - name: high\n        when: \"${steps.enrich.output.severity == 'high'}\"\n        next: approve\n", "",
			"        next: close\n    default", "        next: close\n      - name: high\n        when: \"${steps.enrich.output.severity == 'high'}\"\n        next: approve\n    default"},
			[]string{`~ step decide: case "low".order 2 → 1`, `~ step decide: case "high".order 1 → 2`}},
		{"case added", []string{"    default: close", "      - when: \"${inputs.ip == '1'}\"\n        next: end\n    default: close"},
			[]string{`+ step decide: case "${inputs.ip == '1'}" end`, `+ step decide: case "${inputs.ip == '1'}".when "${inputs.ip == '1'}"`}},
		{"cases with one name", []string{"name: low", "name: high", "next: close\n    default", "next: block\n    default"},
			[]string{`~ step decide: case "high" #2 close → block`, `~ step decide: case "high" #2.name "low" → "high"`}},
		{"default", []string{"default: close", "default: block"}, []string{`~ step decide: default close → block`}},
		{"approval", []string{"{approvers: [alice, bob], timeout: 4h}", "{approvers: [bob, carol], timeout: 1d, on_timeout: pass}"},
			[]string{`~ step approve: approval.approvers [alice, bob] → [bob, carol]`, `~ step approve: approval.timeout 4h → 1d`, `~ step approve: approval.on_timeout interrupt → pass`}},
		{"approval on_reject added", []string{"{approvers: [alice, bob], timeout: 4h}", "{approvers: [alice, bob], timeout: 4h, on_reject: close}"},
			[]string{`+ step approve: approval.on_reject close`}},
		{"wait", []string{"wait: 5s", "wait: 10s"}, []string{`~ step two: wait 5s → 10s`}},
		{"parallel branch added", []string{"      - steps: [{id: two, wait: 5s}]\n", "      - steps: [{id: two, wait: 5s}]\n      - steps: [{id: three, action: p/three}]\n"},
			[]string{`~ step fan: branches 2 → 3`, `+ step three (action p/three) first in branch 3 of fan`}},
		{"step moved between branches", []string{"[{id: one, action: p/one}]", "[{id: one, action: p/one}, {id: two, wait: 5s}]", "      - steps: [{id: two, wait: 5s}]\n", ""},
			[]string{`~ step fan: branches 2 → 1`, `~ step one: next join of fan → two`, `~ step two: in branch 2 of fan → branch 1 of fan`}},
		{"step added", []string{"  - id: decide\n", "  - id: notify\n    action: slack/post_message\n  - id: decide\n"},
			[]string{`+ step notify (action slack/post_message) after enrich`}},
		{"step removed", []string{"  - id: block\n    action: fw/block\n    with: {ip: \"${inputs.ip}\"}\n    next: end\n", ""},
			[]string{`- step block (action fw/block)`}},
		{"step renamed", []string{"id: block", "id: block_ip"}, []string{`~ step block_ip: id block → block_ip`}},
		{"steps reordered", []string{"  - id: close\n    action: s/close\n", "", "  - id: block\n", "  - id: close\n    action: s/close\n  - id: block\n"},
			[]string{`~ step fan: next block → close`, `~ step close: next end → block`}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := lines(Programs(program(t, "old.yaml", base), program(t, "new.yaml", edit(t, c.pairs...))))
			if diff := cmp.Diff(c.want, got); diff != "" {
				t.Errorf("changes differ (-want +got):\n%s", diff)
			}
		})
	}
}
