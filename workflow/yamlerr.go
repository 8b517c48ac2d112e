package workflow

import (
	"strings"
	"unicode/utf8"

	"github.com/wfc-dev/wfc/diag"
)

// tabMessage is what a tab yaml.v3 rejects gets said about it: YAML forbids tabs in
// indentation, and the editor may not show the difference.
const tabMessage = "tab character; YAML indents with spaces"

// tabError turns a yaml.v3 error caused by a tab on line n (whose text is line) into a
// diagnostic whose range is the tab itself, so the snippet draws the tab under the caret.
// yaml.v3 says "found a tab character that violates indentation", "... where an
// indentation space is expected", or, for a tab before the first token of a line or after
// a "- ", "found character that cannot start any token". It is false when msg is none of
// those or the line has no tab it could mean.
func tabError(file string, n int, line, msg string) (diag.Diagnostic, bool) {
	mentionsTab := strings.Contains(msg, "tab character")
	if !mentionsTab && !strings.Contains(msg, "cannot start any token") {
		return diag.Diagnostic{}, false
	}
	col := indentTabColumn(line)
	if i := strings.IndexByte(line, '\t'); col == 0 && mentionsTab && i >= 0 {
		col = 1 + utf8.RuneCountInString(line[:i]) // yaml.v3 blames a tab: the line's first
	}
	if col == 0 {
		return diag.Diagnostic{}, false
	}
	r := diag.Range{File: file, Start: diag.Pos{Line: n, Column: col}, End: diag.Pos{Line: n, Column: col + 1}}
	return diag.Errorf(r, diag.RuleSyntax, tabMessage), true
}

// indentTabColumn is the 1-based column of the first tab in the line's indentation (the
// blanks before its first token, counting the "- " of list items and the "? " and ": " of
// complex keys as indentation, as YAML does), or 0.
func indentTabColumn(line string) int {
	for i, r := range line { // the indentation is ASCII: byte index = column - 1
		switch {
		case r == '\t':
			return i + 1
		case r == ' ':
		case (r == '-' || r == '?' || r == ':') && i+1 < len(line) && (line[i+1] == ' ' || line[i+1] == '\t'):
		default:
			return 0
		}
	}
	return 0
}
