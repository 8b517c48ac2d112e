package workflow

import (
	"gopkg.in/yaml.v3"

	"github.com/wfc-dev/wfc/diag"
)

// Platform is a step's platform block: for each target, what the step's element carries
// there that the language does not model, which that target's compiler writes back
// verbatim. wfc decompile fills it from a workflow drawn in the console, so the workflow
// compiles back to what it was even where the inferred mapping is wrong.
type Platform struct {
	SecMaster *PlatformBlock // platform.secmaster; nil when absent
	// DataWorks is platform.dataworks: members of the step's FlowSpec node, merged into the
	// node the DataWorks compiler writes (objects member by member, a null removing the
	// member, anything else replacing it); nil when absent.
	DataWorks *DataWorksBlock
	Range     diag.Range
}

// DataWorksBlock is a step's platform.dataworks block, members in file order.
type DataWorksBlock struct {
	Members []*Entry
	Range   diag.Range
}

// PlatformBlock is one target's part of a platform block, keys in file order.
type PlatformBlock struct {
	// Attributes are attributes of the step's BPMN element (strings: the schema says so).
	Attributes []*Entry
	// Taskconfig are members of the step's taskconfig entry (node_info or usertask_info).
	Taskconfig []*Entry
	Range      diag.Range
}

func (b *builder) platform(n *yaml.Node) *Platform {
	if n.Kind != yaml.MappingNode {
		return nil
	}
	p := &Platform{Range: b.rng(n)}
	pairs(n, func(key string, k, v *yaml.Node) {
		if key == "secmaster" && v.Kind == yaml.MappingNode {
			block := &PlatformBlock{Range: b.rng(v)}
			pairs(v, func(key string, k, v *yaml.Node) {
				switch key {
				case "attributes":
					block.Attributes = b.entries(v)
				case "taskconfig":
					block.Taskconfig = b.entries(v)
				}
			})
			p.SecMaster = block
		}
		if key == "dataworks" && v.Kind == yaml.MappingNode {
			p.DataWorks = &DataWorksBlock{Members: b.entries(v), Range: b.rng(v)}
		}
	})
	return p
}
