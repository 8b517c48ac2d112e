package target

import (
	"fmt"
	"sort"
	"strings"
	"sync"

	"github.com/wfc-dev/wfc/bpmn"
)

// Default is the target of a workflow that names none.
const Default = "secmaster"

// The targets linked into the program, by name. Each target package registers itself in
// its init, as database/sql drivers do, so that the driver and lint choose a target by the
// name a workflow gives without importing any platform's package.
var (
	mu         sync.RWMutex
	registered = map[string]Target{}
)

// Register makes t available to Lookup under t.Name(). Registering a name twice is a bug in
// wfc and panics, at start-up.
func Register(t Target) {
	mu.Lock()
	defer mu.Unlock()
	if _, dup := registered[t.Name()]; dup {
		panic("target: " + t.Name() + " registered twice")
	}
	registered[t.Name()] = t
}

// Lookup is the target called name, or Default for "".
func Lookup(name string) (Target, error) {
	if name == "" {
		name = Default
	}
	mu.RLock()
	defer mu.RUnlock()
	if t, ok := registered[name]; ok {
		return t, nil
	}
	return nil, fmt.Errorf("wfc has no target %q; the targets are %s", name, strings.Join(namesLocked(), ", "))
}

// Names lists the registered targets, sorted.
func Names() []string {
	mu.RLock()
	defer mu.RUnlock()
	return namesLocked()
}

func namesLocked() []string {
	names := make([]string, 0, len(registered))
	for n := range registered {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// BPMNWrappers are the JSON wrappers of every registered target that has some
// (Wrapping), in the order of the targets' names, for bpmn.DecodeAny.
func BPMNWrappers() []bpmn.Wrapper {
	mu.RLock()
	defer mu.RUnlock()
	var out []bpmn.Wrapper
	for _, name := range namesLocked() {
		if w, ok := registered[name].(Wrapping); ok {
			out = append(out, w.BPMNWrappers()...)
		}
	}
	return out
}

// ParseExport reads an export file with the first registered target (in name order) that
// has an export format (Exporting) and reads it; the error is the last one's, or says no
// target reads export files.
func ParseExport(src []byte) ([]Exported, error) {
	mu.RLock()
	defer mu.RUnlock()
	err := fmt.Errorf("no target of wfc reads export files")
	for _, name := range namesLocked() {
		if e, ok := registered[name].(Exporting); ok {
			var wfs []Exported
			if wfs, err = e.ParseExport(src); err == nil {
				return wfs, nil
			}
		}
	}
	return nil, err
}
