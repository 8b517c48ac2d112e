package diag

import "fmt"

// Limits bound how many diagnostics one file reports, so a generated or hostile file cannot
// flood a terminal or a CI log (10,000 unnamed tasks make 50,000 lint diagnostics). Nobody
// reads past the first hundred of one rule: by then the fix is a search-and-replace.
type Limits struct {
	PerRule int // diagnostics of one rule in one file
	PerFile int // diagnostics of all rules in one file
}

// DefaultLimits are the limits wfc applies: the first 100 diagnostics of each rule and the
// first 1,000 of each file, by position. docs/ci.md states them.
var DefaultLimits = Limits{PerRule: 100, PerFile: 1000}

// Cap returns the diagnostics within lim, keeping the first of each file and rule in Sort's
// order, so the same input always shows the same ones. What it leaves out of each rule in a
// file becomes one summary, "… and N more", at the place of the last diagnostic shown (of
// that rule, else of the file), with the rule's id; its More is N. Errors and warnings are
// summarised apart, so a cap never turns a failing run into a passing one and Count gives
// the same numbers before and after it. l itself is sorted, not kept. A diagnostic of l with
// More > 0 stands for More left out already (lint hands over one for what a rule's pass did
// not keep); Cap must leave it out too, and counts its More.
func (l List) Cap(lim Limits) List {
	l.Sort()
	out := make(List, 0, min(len(l), lim.PerFile))
	var summaries List
	for len(l) > 0 {
		n := 1
		for n < len(l) && l[n].Range.File == l[0].Range.File {
			n++
		}
		kept, more := capFile(l[:n], lim)
		out = append(out, kept...)
		summaries = append(summaries, more...)
		l = l[n:]
	}
	if len(summaries) == 0 {
		return out
	}
	out = append(out, summaries...)
	out.Sort()
	return out
}

// capFile caps the diagnostics of one file, sorted; it returns those kept and the summaries.
func capFile(file List, lim Limits) (kept, summaries List) {
	type group struct {
		rule string
		sev  Severity
	}
	perRule := map[string]int{}
	lastOfRule := map[string]Range{}
	dropped := map[group]int{}
	var order []group // in the order their first diagnostic was left out
	for _, d := range file {
		if perRule[d.Rule] < lim.PerRule && len(kept) < lim.PerFile {
			perRule[d.Rule]++
			kept = append(kept, d)
			lastOfRule[d.Rule] = d.Range
			continue
		}
		g := group{d.Rule, d.Severity}
		if dropped[g] == 0 {
			order = append(order, g)
		}
		dropped[g] += max(1, d.More) // a rule's pass may hand over one standing for many
	}
	for _, g := range order {
		r, ok := lastOfRule[g.rule]
		if !ok && len(kept) > 0 {
			r = kept[len(kept)-1].Range
		}
		n := dropped[g]
		summaries = append(summaries, Diagnostic{
			Severity: g.sev, Rule: g.rule, More: n,
			Range: Range{File: file[0].Range.File, Start: r.Start},
			Message: fmt.Sprintf("… and %d more not shown; wfc lists at most %d per rule and %d per file",
				n, lim.PerRule, lim.PerFile),
		})
	}
	return kept, summaries
}

// Count is how many problems of severity s the list stands for: a diagnostic counts once,
// a summary left by Cap counts the More it stands for.
func (l List) Count(s Severity) int {
	n := 0
	for _, d := range l {
		if d.Severity == s {
			n += max(1, d.More)
		}
	}
	return n
}
