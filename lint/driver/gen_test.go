package driver

import (
	"fmt"
	"strings"
)

// genWorkflow writes a distinct, valid workflow numbered n with about `steps` steps (nested
// ones included): an enrichment action first, then blocks of actions, switches, parallels,
// approvals and waits in an order that rotates with n, with expressions referring to the
// inputs and to the first step (which runs on every path, so the references are sound).
func genWorkflow(n, steps int) string {
	var b strings.Builder
	fmt.Fprintf(&b, "wfc: 1\nname: Generated workflow %d\ndescription: \"benchmark workflow %d\"\ntype: containment\n", n, n)
	b.WriteString("inputs:\n  - name: src_ip\n    type: string\n    required: true\n  - name: threshold\n    type: number\n")
	b.WriteString("steps:\n")
	fmt.Fprintf(&b, "  - id: s1\n    action: intel%d/ip_reputation\n    with: { ip: \"${inputs.src_ip}\" }\n    timeout: 60s\n", n%5)
	id := 1
	next := func() string { id++; return fmt.Sprintf("s%d", id) }
	action := func(indent, sid string) {
		k := len(sid) * (n + 3) // varies with the step and the workflow
		fmt.Fprintf(&b, "%s- id: %s\n%s  action: plugin%d/act_%s\n%s  with: { ip: \"${inputs.src_ip}\", score: \"${steps.s1.output.score}\", n: %d }\n",
			indent, sid, indent, k%7, sid, indent, k)
	}
	for block := 0; id < steps; block++ {
		switch (block + n) % 5 {
		case 0: // an exclusive choice that may skip one action
			sw, skipped, target := next(), next(), next()
			fmt.Fprintf(&b, "  - id: %s\n    switch:\n      - when: \"${steps.s1.output.score > inputs.threshold + %d}\"\n        next: %s\n        name: above %d\n    default: %s\n",
				sw, n%90+block, target, n%90+block, skipped)
			action("  ", skipped)
			action("  ", target)
		case 1: // two branches in parallel
			par := next()
			fmt.Fprintf(&b, "  - id: %s\n    parallel:\n", par)
			for range 2 {
				b.WriteString("      - steps:\n")
				action("          ", next())
			}
		case 2:
			fmt.Fprintf(&b, "  - id: %s\n    approval: { approvers: [soc-lead-%d], timeout: %dh, on_timeout: interrupt }\n", next(), n%3, 1+block%4)
		case 3:
			fmt.Fprintf(&b, "  - id: %s\n    wait: %ds\n", next(), 30+n%60)
		default:
			action("  ", next())
		}
	}
	return b.String()
}
