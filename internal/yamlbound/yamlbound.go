// Package yamlbound is the one set of limits on walking a YAML tree, shared by the walks that
// must survive hostile input: workflow's normalizer (which expands aliases) and schema's
// converter (which turns the tree into JSON values). Both count the same levels and the same
// alias-made values against the same constants and say the same thing when a limit is passed.
package yamlbound

import (
	"fmt"

	"gopkg.in/yaml.v3"
)

// MaxDepth bounds nesting, in YAML levels (a mapping, its value, a list, its item...). A
// nested parallel costs four levels, so this allows 15 nested parallels; schema validation
// cost grows faster than linearly with the depth, and no workflow needs more than a few dozen.
const MaxDepth = 64

// MaxAliasValues bounds how many values aliases may expand to in one document, so that a
// "billion laughs" file (aliases of aliases of lists) fails at once instead of exhausting
// memory. Values written out in the file do not count: the file's size bounds them.
const MaxAliasValues = 100_000

// MaxAliasHops bounds a chain of aliases followed without a value in between (an alias of an
// alias of ...), so that a walk that resolves aliases by hand always ends.
const MaxAliasHops = 64

// Walk is the state of one bounded walk: call Enter on entering each node and Leave when
// done with it. The zero value has no alias budget; use New.
type Walk struct {
	depth    int
	budget   int        // alias-made values still allowed
	tooDeep  *yaml.Node // where nesting passed MaxDepth
	overflow *yaml.Node // where the alias budget ran out
}

// New starts a walk with the whole alias budget. It is a value, so that a walker can hold
// it in its own struct without another allocation.
func New() Walk { return Walk{budget: MaxAliasValues} }

// Enter accounts for entering n, which was reached through an alias when inAlias is true.
// It returns false, and remembers n, when n passes a limit or one was passed before; the walk
// should then stop. Every Enter that returns true is paired with one Leave.
func (w *Walk) Enter(n *yaml.Node, inAlias bool) bool {
	if w.Stopped() {
		return false
	}
	if w.depth >= MaxDepth {
		w.tooDeep = n
		return false
	}
	if inAlias {
		w.budget--
		if w.budget < 0 {
			w.overflow = n
			return false
		}
	}
	w.depth++
	return true
}

// Leave ends the node of the last successful Enter.
func (w *Walk) Leave() { w.depth-- }

// Overflow records that an alias cannot be followed (it names nothing, or aliases chain too
// far), which stops the walk as if the budget had run out at n.
func (w *Walk) Overflow(n *yaml.Node) {
	if !w.Stopped() {
		w.overflow = n
	}
}

// Stopped reports whether a limit was passed.
func (w *Walk) Stopped() bool { return w.tooDeep != nil || w.overflow != nil }

// TooDeep is the node nested past MaxDepth, or nil.
func (w *Walk) TooDeep() *yaml.Node { return w.tooDeep }

// Overflowed is the node at which the alias budget ran out, or nil.
func (w *Walk) Overflowed() *yaml.Node { return w.overflow }

// TooDeepMessage says what is wrong with a file nested past MaxDepth and what to do.
func TooDeepMessage() string {
	return fmt.Sprintf("values are nested more than %d levels deep here; flatten the workflow", MaxDepth)
}

// OverflowMessage says what is wrong with a file whose aliases make too many values.
func OverflowMessage() string {
	return fmt.Sprintf("aliases expand to more than %d values; use fewer anchors and aliases", MaxAliasValues)
}
