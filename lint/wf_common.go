package lint

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"github.com/wfc-dev/wfc/internal/suggest"

	"github.com/wfc-dev/wfc/catalog"
	"github.com/wfc-dev/wfc/diag"
	"github.com/wfc-dev/wfc/workflow"
)

// Helpers the workflow rules (wf_*.go) share.

// stepRange is where to report about a step: its id, else the step itself.
func stepRange(s *workflow.Step) diag.Range {
	if s.ID.IsSet() {
		return s.ID.Range
	}
	return s.Range
}

// stepName is how messages name a step.
func stepName(s *workflow.Step) string {
	if s.ID.IsSet() {
		return diag.Quote(s.ID.Value)
	}
	return fmt.Sprintf("at line %d", s.Range.Start.Line)
}

// didYouMean is "; did you mean \"x\"?" when suggestion is not empty.
func didYouMean(suggestion string) string {
	if suggestion == "" {
		return ""
	}
	return fmt.Sprintf("; did you mean %q?", suggestion)
}

// loop is a reachable cycle of the flow with no edge leaving it.
type loop struct {
	steps []*workflow.Step // in declaration order
}

// describe names the loop's steps for messages, at most a few of them.
func (l loop) describe() string {
	const shown = 5
	var names []string
	for i, s := range l.steps {
		if i == shown {
			names = append(names, fmt.Sprintf("and %d more", len(l.steps)-shown))
			break
		}
		names = append(names, s.ID.Value)
	}
	return strings.Join(names, ", ")
}

// exitlessLoops finds the reachable loops (strongly connected components that are cycles)
// with no edge out of them, in the declaration order of their first step, and the loop each
// node belongs to (-1: none). Every kind of edge counts as a way out, on_error included: a
// loop that only an error can leave still ends.
func exitlessLoops(f *workflow.Flow) (loops []loop, loopOf []int) {
	reach := f.Reachable()
	comp := make([]int, len(f.Nodes))
	sccs := f.SCCs()
	for i, c := range sccs {
		for _, n := range c {
			comp[n] = i
		}
	}
	loopOf = make([]int, len(f.Nodes))
	for i := range loopOf {
		loopOf[i] = -1
	}
	// Components list their nodes in increasing order and step nodes are numbered in
	// declaration order, so sorting loops by their first node sorts them by first step.
	type found struct {
		first int
		comp  []int
	}
	var all []found
	for i, c := range sccs {
		if !reach[c[0]] || !f.IsCycle(c) {
			continue
		}
		exits := false
		for _, n := range c {
			for _, e := range f.Out(n) {
				if comp[e.To] != i {
					exits = true
				}
			}
		}
		if !exits {
			all = append(all, found{c[0], c})
		}
	}
	slices.SortFunc(all, func(a, b found) int { return cmp.Compare(a.first, b.first) })
	for _, fd := range all {
		var l loop
		for _, n := range fd.comp {
			loopOf[n] = len(loops)
			if nd := f.Nodes[n]; nd.Kind == workflow.NodeStep {
				l.steps = append(l.steps, nd.Step)
			}
		}
		loops = append(loops, l)
	}
	return loops, loopOf
}

// maxSuggestions bounds how many distinct words one rule run looks up a suggestion for: each
// lookup compares against every candidate, so a hostile file with thousands of distinct
// unknown names against thousands of steps would otherwise take quadratic time. Later unknown
// names are still reported, without a suggestion.
const maxSuggestions = 100

// suggester memoises suggest.Closest over one candidate list, within the budget above.
type suggester struct {
	candidates []string
	memo       map[string]string
}

func newSuggester(candidates []string) *suggester {
	return &suggester{candidates: candidates, memo: make(map[string]string)}
}

// hint is didYouMean of the closest candidate to word, or "".
func (s *suggester) hint(word string) string {
	if best, ok := s.memo[word]; ok {
		return didYouMean(best)
	}
	if len(s.memo) >= maxSuggestions {
		return ""
	}
	best, _ := suggest.Closest(word, s.candidates)
	s.memo[word] = best
	return didYouMean(best)
}

// forEachCatalogAction calls f for every action step's body, in file order, with what the
// configured plugin catalog knows of its action (plugin and action are nil when unknown). It
// does nothing without a catalog: the catalog rules are silent then.
func forEachCatalogAction(p *Pass, f func(s *workflow.Action, plugin *catalog.Plugin, action *catalog.Action)) {
	cat := p.Input.Settings.Catalog
	if cat == nil {
		return
	}
	for _, s := range p.Input.Workflow.AllSteps() {
		a, ok := s.Body.(*workflow.Action)
		if !ok || !a.Action.IsSet() {
			continue
		}
		plugin, action := cat.Lookup(a.Action.Value)
		f(a, plugin, action)
	}
}
