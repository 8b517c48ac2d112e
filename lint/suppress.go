package lint

import (
	"bytes"
	"strings"

	"github.com/wfc-dev/wfc/internal/suggest"

	"github.com/wfc-dev/wfc/diag"
)

// Inline suppressions live in YAML comments:
//
//	# wfc-disable-next-line RULE[, RULE...]   silences those rules on the next line
//	# wfc-disable-line RULE[, RULE...]        silences those rules on its own line (a trailing comment)
//	# wfc-disable RULE[, RULE...]             silences those rules in the whole file
//
// With no rule named, the directive silences every rule. A directive that silences nothing is
// itself reported (rule unused-suppression), so stale suppressions do not pile up, and so is a
// comment that starts like a directive wfc does not have ("# wfc-enable", "# wfc-disable-nextline"),
// since silently ignoring it would leave the finding it was written for.

// UnusedSuppressionRule is the id of the diagnostic for a suppression that suppresses nothing.
const UnusedSuppressionRule = "unused-suppression"

const (
	directiveNextLine = "wfc-disable-next-line"
	directiveLine     = "wfc-disable-line"
	directiveFile     = "wfc-disable"
	directivePrefix   = "wfc-" // a comment starting with it is meant as a directive
)

// directives are the directive names, for the did-you-mean of an unknown one.
var directives = []string{directiveNextLine, directiveLine, directiveFile}

type suppression struct {
	pos      diag.Pos // where the directive is written
	unknown  string   // the name of a directive wfc does not have; it silences nothing
	fileWide bool
	line     int             // the line it silences (next-line form)
	rules    map[string]bool // empty: every rule
	order    []string        // rules in the order written, for messages
	used     map[string]bool
	usedAny  bool
}

// parseSuppressions scans YAML source for directives. A directive must be the whole comment;
// the '#' must start the line or follow white space, as YAML requires of comments.
func parseSuppressions(src []byte) []*suppression {
	var out []*suppression
	line := 0
	for len(src) > 0 {
		line++
		var text []byte
		if i := bytes.IndexByte(src, '\n'); i >= 0 {
			text, src = src[:i], src[i+1:]
		} else {
			text, src = src, nil
		}
		hash := commentStart(text)
		if hash < 0 {
			continue
		}
		body := strings.TrimSpace(string(text[hash+1:]))
		var s *suppression
		switch {
		case strings.HasPrefix(body, directiveNextLine) && isDirectiveEnd(body, len(directiveNextLine)):
			s = &suppression{line: line + 1}
			body = body[len(directiveNextLine):]
		case strings.HasPrefix(body, directiveLine) && isDirectiveEnd(body, len(directiveLine)):
			s = &suppression{line: line}
			body = body[len(directiveLine):]
		case strings.HasPrefix(body, directiveFile) && isDirectiveEnd(body, len(directiveFile)):
			s = &suppression{fileWide: true}
			body = body[len(directiveFile):]
		case strings.HasPrefix(strings.ToLower(body), directivePrefix):
			name := strings.Fields(body)[0] // body starts with "wfc-", so there is a field
			s = &suppression{unknown: strings.TrimRight(name, ":,")}
			body = ""
		default:
			continue
		}
		s.pos = diag.Pos{Line: line, Column: len([]rune(string(text[:hash]))) + 1}
		s.rules = map[string]bool{}
		s.used = map[string]bool{}
		for _, f := range strings.FieldsFunc(body, func(r rune) bool { return r == ',' || r == ' ' || r == '\t' }) {
			if !s.rules[f] {
				s.rules[f] = true
				s.order = append(s.order, f)
			}
		}
		out = append(out, s)
	}
	return out
}

// excuse marks the suppressions of rules as used: rules whose findings depend on more than
// the file (the workflow-call rules, on the files linted with it), so that a suppression
// written for a finding of a full run is not reported as silencing nothing when the file is
// linted alone.
func excuse(sups []*suppression, rules []*Rule) {
	for _, s := range sups {
		for _, r := range rules {
			if s.rules[r.ID] {
				s.used[r.ID] = true
			}
		}
	}
}

func isDirectiveEnd(body string, n int) bool {
	return len(body) == n || body[n] == ' ' || body[n] == '\t'
}

// commentStart returns the index of the '#' that starts a comment on the line, or -1. Quotes
// are tracked so a '#' inside a quoted scalar is not taken for a comment.
func commentStart(line []byte) int {
	var quote byte
	for i, c := range line {
		switch {
		case quote != 0:
			if c == quote {
				quote = 0
			}
		case c == '\'' || c == '"':
			if i == 0 || line[i-1] == ' ' || line[i-1] == '\t' || line[i-1] == ':' || line[i-1] == '[' || line[i-1] == '{' || line[i-1] == ',' || line[i-1] == '-' {
				quote = c
			}
		case c == '#':
			if i == 0 || line[i-1] == ' ' || line[i-1] == '\t' {
				return i
			}
		}
	}
	return -1
}

// matches reports whether s silences d, and marks s used if so.
func (s *suppression) matches(d diag.Diagnostic) bool {
	if s.unknown != "" || !s.fileWide && d.Range.Start.Line != s.line {
		return false
	}
	if len(s.rules) == 0 {
		s.usedAny = true
		return true
	}
	if s.rules[d.Rule] {
		s.used[d.Rule] = true
		return true
	}
	return false
}

// applySuppressions drops silenced diagnostics and adds one for each directive (or rule named in
// a directive) that silenced nothing, and for each unknown directive. ruleIDs are the rule ids
// that exist, for checking and suggesting the ids a directive names.
func applySuppressions(file string, sups []*suppression, diags diag.List, ruleIDs []string) diag.List {
	if len(sups) == 0 {
		return diags
	}
	kept := diags[:0:0]
	for _, d := range diags {
		silenced := false
		for _, s := range sups {
			if s.matches(d) {
				silenced = true
			}
		}
		if !silenced {
			kept = append(kept, d)
		}
	}
	known := make(map[string]bool, len(ruleIDs))
	for _, id := range ruleIDs {
		known[id] = true
	}
	for _, s := range sups {
		kept = append(kept, s.unused(diag.Range{File: file, Start: s.pos}, known, ruleIDs)...)
	}
	return kept
}

// unused is what s reports after matching: an unknown directive, a rule id that does not
// exist, or a directive (or a rule it names) that silenced nothing.
func (s *suppression) unused(r diag.Range, known map[string]bool, ruleIDs []string) diag.List {
	var out diag.List
	switch {
	case s.unknown != "":
		return append(out, diag.Warningf(r, UnusedSuppressionRule, "unknown directive %q silences nothing: wfc knows %s, %s and %s%s",
			s.unknown, directiveNextLine, directiveLine, directiveFile, suggest.Hint(s.unknown, directives)))
	case len(s.rules) == 0:
		if !s.usedAny {
			out = append(out, diag.Warningf(r, UnusedSuppressionRule, "this suppression silences nothing; remove it"))
		}
		return out
	}
	for _, id := range s.order {
		switch {
		case !known[id]:
			advice := suggest.Hint(id, ruleIDs)
			if advice == "" {
				advice = "; run 'wfc lint --list-rules' for the list"
			}
			out = append(out, diag.Warningf(r, UnusedSuppressionRule, "unknown rule %q in suppression%s", id, advice))
		case !s.used[id]:
			out = append(out, diag.Warningf(r, UnusedSuppressionRule, "suppression of %s silences nothing; remove it", id))
		}
	}
	return out
}
