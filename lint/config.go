package lint

import (
	"github.com/wfc-dev/wfc/catalog"
	"github.com/wfc-dev/wfc/diag"
)

// Preset names a starting set of rules.
type Preset string

const (
	Recommended Preset = "recommended" // the rules marked Recommended, at their default severity
	All         Preset = "all"         // every rule, at its default severity
)

// Off is the severity value that disables a rule in Settings.Rules.
const Off diag.Severity = -1

// Settings choose which rules run and how loud they are.
type Settings struct {
	Extends Preset                   // "" means Recommended
	Rules   map[string]diag.Severity // per-rule override; Off disables
	// Catalog, when set, is the plugin catalog action rules check names and inputs against.
	Catalog *catalog.Catalog
}

// enabled resolves the settings into the rules to run and their severities, in registry order.
func (s Settings) enabled(rules []*Rule) []ruleSeverity {
	out := make([]ruleSeverity, 0, len(rules))
	for _, r := range rules {
		sev := diag.Severity(0)
		if s.Extends == All || r.Recommended {
			sev = r.Severity
		}
		if o, ok := s.Rules[r.ID]; ok {
			sev = o
		}
		if sev > 0 {
			out = append(out, ruleSeverity{r, sev})
		}
	}
	return out
}

type ruleSeverity struct {
	rule *Rule
	sev  diag.Severity
}
