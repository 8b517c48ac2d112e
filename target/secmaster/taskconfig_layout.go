package secmaster

import (
	"reflect"
	"strings"

	"github.com/wfc-dev/wfc/internal/jsonobj"
)

// ElementKeyedMembers are the taskconfig members that hold one entry per BPMN element, keyed
// by element id (node_info, usertask_info), in Taskconfig's order: the json names of its
// ordered-object fields, so a reader (publish comparing a deployed version) follows the
// type instead of keeping a copy of its layout.
func ElementKeyedMembers() []string {
	var out []string
	t := reflect.TypeFor[Taskconfig]()
	for i := range t.NumField() {
		if f := t.Field(i); f.Type == reflect.TypeFor[jsonobj.Object]() {
			name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
			out = append(out, name)
		}
	}
	return out
}
