package secmaster

import "github.com/wfc-dev/wfc/bpmn"

// Wrappers are SecMaster's JSON objects that carry a taskflow, which `wfc lint`, convert
// and render read as BPMN (bpmn.DecodeAny): the create-version request this target writes
// and an API response, which holds the version's fields under "data".
var Wrappers = []bpmn.Wrapper{
	{Name: "a create-version request", Path: []string{"taskflow"}},
	{Name: "an API response", Path: []string{"data", "taskflow"}},
}

// BPMNWrappers are Wrappers (target.Wrapping).
func (Target) BPMNWrappers() []bpmn.Wrapper { return Wrappers }
