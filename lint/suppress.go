package lint

import (
	"bytes"
	"strings"

	"github.com/wfc-dev/wfc/diag"
)

// Inline suppressions live in YAML comments:
//
//	# wfc-disable-next-line RULE[, RULE...]   silences those rules on the next line
//	# wfc-disable RULE[, RULE...]             silences those rules in the whole file
//
// With no rule named, the directive silences every rule. A directive that silences nothing is
// itself reported (rule unused-suppression), so stale suppressions do not pile up.

// UnusedSuppressionRule is the id of the diagnostic for a suppression that suppresses nothing.
const UnusedSuppressionRule = "unused-suppression"

const (
	directiveNextLine = "wfc-disable-next-line"
	directiveFile     = "wfc-disable"
)

type suppression struct {
	pos      diag.Pos // where the directive is written
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
		case strings.HasPrefix(body, directiveFile) && isDirectiveEnd(body, len(directiveFile)):
			s = &suppression{fileWide: true}
			body = body[len(directiveFile):]
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
	if !s.fileWide && d.Range.Start.Line != s.line {
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
// a directive) that silenced nothing. knownRule reports whether a rule id exists.
func applySuppressions(file string, sups []*suppression, diags diag.List, knownRule func(string) bool) diag.List {
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
	for _, s := range sups {
		r := diag.Range{File: file, Start: s.pos}
		if len(s.rules) == 0 {
			if !s.usedAny {
				kept = append(kept, diag.Warningf(r, UnusedSuppressionRule, "this suppression silences nothing; remove it"))
			}
			continue
		}
		for _, id := range s.order {
			switch {
			case !knownRule(id):
				kept = append(kept, diag.Warningf(r, UnusedSuppressionRule, "unknown rule %q in suppression; run 'wfc lint --list-rules' for the list", id))
			case !s.used[id]:
				kept = append(kept, diag.Warningf(r, UnusedSuppressionRule, "suppression of %s silences nothing; remove it", id))
			}
		}
	}
	return kept
}
