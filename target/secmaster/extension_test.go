package secmaster_test

import (
	"bytes"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// anchored keeps shared settings under x- extension keys and reuses them with a merge key
// (<<: *d) and a plain alias (*approvers), as Compose files do.
const anchored = `x-action-defaults: &d
  timeout: 60s
  on_error: continue
  retry: { times: 2, interval: 30s }
x-approvers: &approvers [soc-lead, it-manager]
wfc: 1
name: Anchors
description: ""
steps:
  - id: block
    <<: *d
    action: huawei_cfw/block_ip
    with: { ip: "${inputs.ip}" }
  - id: notify
    <<: *d
    timeout: 2m
    action: welink/send_message
  - id: approve
    approval: { approvers: *approvers, timeout: 1d }
`

// expanded is anchored written out by hand.
const expanded = `wfc: 1
name: Anchors
description: ""
steps:
  - id: block
    action: huawei_cfw/block_ip
    with: { ip: "${inputs.ip}" }
    timeout: 60s
    on_error: continue
    retry: { times: 2, interval: 30s }
  - id: notify
    action: welink/send_message
    timeout: 2m
    on_error: continue
    retry: { times: 2, interval: 30s }
  - id: approve
    approval: { approvers: [soc-lead, it-manager], timeout: 1d }
`

// TestExtensionKeysCompileAway: x- keys are ignored and anchors expand, so the anchored
// workflow compiles to the same bytes as the one written out.
func TestExtensionKeysCompileAway(t *testing.T) {
	got := outputs(t, mustCompile(t, "in.yaml", []byte(anchored)))
	want := outputs(t, mustCompile(t, "in.yaml", []byte(expanded)))
	for _, section := range goldenSections {
		if !bytes.Equal(got[section], want[section]) {
			t.Errorf("%s differs (-expanded +anchored):\n%s", section, cmp.Diff(string(want[section]), string(got[section])))
		}
	}
}
