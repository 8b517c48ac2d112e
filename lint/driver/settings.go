package driver

import (
	"github.com/wfc-dev/wfc/catalog"
	"github.com/wfc-dev/wfc/config"
	"github.com/wfc-dev/wfc/diag"
	"github.com/wfc-dev/wfc/lint"
)

// Registering the rule ids lets config report an unknown one in lint.rules with the file's
// other mistakes, instead of only once the rest of wfc.yaml is valid. Config asks for them
// when it parses, so the rules targets register in their own init are in the list.
func init() { config.RegisterRuleIDs(RuleIDs) }

// RuleIDs lists every lint rule id, in registry order.
func RuleIDs() []string {
	rules := lint.Rules()
	ids := make([]string, len(rules))
	for i, r := range rules {
		ids[i] = r.ID
	}
	return ids
}

// Settings turns wfc.yaml's lint section into lint settings: the preset, per-rule severities
// and the plugin catalog. A rule id no rule has is an error positioned in wfc.yaml, with a
// suggestion for a typo; so is a catalog that cannot be loaded.
func Settings(c *config.Config) (lint.Settings, diag.List) {
	s := lint.Settings{Extends: lint.Recommended, Rules: map[string]diag.Severity{}}
	if c == nil {
		return s, nil
	}
	if c.Lint.Extends == config.PresetAll {
		s.Extends = lint.All
	}
	diags := c.CheckRules(RuleIDs())
	for _, id := range c.Lint.RuleIDs() {
		r := c.Lint.Rules[id]
		if r.Off {
			s.Rules[id] = lint.Off
		} else {
			s.Rules[id] = r.Severity
		}
	}
	if c.Lint.Catalog != "" {
		cat, err := catalog.Load(c.Lint.Catalog)
		if err != nil {
			diags = append(diags, diag.Errorf(diag.Range{File: c.Path}, config.Rule,
				"lint.catalog: %v; run 'wfc catalog pull' to create it, or remove lint.catalog", err))
		} else {
			s.Catalog = cat
		}
	}
	return s, diags
}

// Phase is a diagnostic id that is not a lint rule: the phases before linting, and the
// driver's own reports. The SARIF rule table and docs/rules.md list them after the rules.
type Phase struct {
	ID       string
	Severity diag.Severity
	Summary  string
}

// Phases lists the non-rule diagnostic ids `wfc lint` can print, in documentation order.
func Phases() []Phase {
	return []Phase{
		{diag.RuleSyntax, diag.Error, "the file is valid YAML, BPMN XML or JSON of a form wfc reads (import problems such as dangling references are warnings)"},
		{diag.RuleSchema, diag.Error, "the workflow matches the wfc JSON Schema"},
		{diag.RuleCompile, diag.Error, "the workflow compiles: step ids are unique, next targets exist, ..."},
		{lint.UnusedSuppressionRule, diag.Warning, "every inline suppression silences something and names rules that exist"},
		{config.Rule, diag.Error, "wfc.yaml is valid and names only rules that exist"},
		{RuleInternal, diag.Error, "wfc did not crash on the file (if it did, please report it)"},
	}
}
