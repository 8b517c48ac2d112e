package schema

import (
	"regexp"
	"strings"
)

// The quick check matches every string of a workflow against the schema's patterns: ids,
// references, actions, durations, switch conditions. Go's regexp costs a few hundred
// instructions a match even for ^[a-z][a-z0-9_]*$ (a backtracker with a visited bitmap), a
// third of the whole check; a loop over the bytes costs a few dozen. So the schema's patterns
// have hand-written matchers here, each tested equal to its regexp on a table and by fuzzing
// (patterns_test.go); a pattern without one is compiled with regexp as before.
//
// They work on bytes although the patterns speak of runes: every character class a pattern
// names is ASCII, and in UTF-8 (and in regexp's reading of invalid UTF-8, one U+FFFD per bad
// byte) no byte of a multi-byte rune is ever ASCII, so a rune is in such a class exactly when
// its one byte is. \s is RE2's [\t\n\f\r ], and $ is the end of the text (no multi-line mode).

// Patterns written in the schema that have a hand-written matcher (the JSON text decoded).
const (
	extensionPattern  = `^x-`
	lowerIdentPattern = `^[a-z][a-z0-9_]*$`
	paramNamePattern  = `^[a-zA-Z_][a-zA-Z0-9_]*$`
	commandPattern    = `^[A-Za-z][A-Za-z0-9_]*$`
	notEndPattern     = `^(?:[^e][\s\S]*|e[^n][\s\S]*|en[^d][\s\S]*|end[\s\S]+|en?)?$`
	actionPattern     = `^[^/\s]+/[^/\s]+$`
	durationPattern   = `^([0-9]+d([0-9]+h)?([0-9]+m)?([0-9]+s)?|[0-9]+h([0-9]+m)?([0-9]+s)?|[0-9]+m([0-9]+s)?|[0-9]+s)$`
	expressionPattern = `^\s*\$\{[\s\S]*\}\s*$`
	folderPattern     = `^[^/\s][^\n]*[^/\s]$|^[^/\s]$`
	dateTimePattern   = `^[0-9]{4}-[0-9]{2}-[0-9]{2} [0-9]{2}:[0-9]{2}:[0-9]{2}$`
)

// handWritten maps each of those patterns to its matcher.
var handWritten = map[string]func(string) bool{
	extensionPattern:  func(s string) bool { return strings.HasPrefix(s, "x-") },
	lowerIdentPattern: isLowerIdent,
	paramNamePattern:  func(s string) bool { return word(s, isLetterOrUnderscore, isWordByte) },
	commandPattern:    func(s string) bool { return word(s, isLetter, isWordByte) },
	notEndPattern:     func(s string) bool { return s != "end" },
	actionPattern:     isPluginAction,
	durationPattern:   isDuration,
	expressionPattern: isWholeExpression,
	folderPattern:     isFolder,
	dateTimePattern:   isDateTime,
}

// compilePattern is the matcher of a schema pattern: the hand-written one when there is one,
// else the compiled regexp.
func compilePattern(pattern string) (func(string) bool, error) {
	if m, ok := handWritten[pattern]; ok {
		return m, nil
	}
	re, err := regexp.Compile(pattern)
	if err != nil {
		return nil, err
	}
	return re.MatchString, nil
}

// word reports whether s is one byte for which first holds, then any bytes for which
// rest holds.
func word(s string, first, rest func(byte) bool) bool {
	if s == "" || !first(s[0]) {
		return false
	}
	for i := 1; i < len(s); i++ {
		if !rest(s[i]) {
			return false
		}
	}
	return true
}

// isLowerIdent matches ^[a-z][a-z0-9_]*$, the form of step ids.
func isLowerIdent(s string) bool { return word(s, isLower, isLowerDigitOrUnderscore) }

func isLower(c byte) bool                  { return 'a' <= c && c <= 'z' }
func isDigit(c byte) bool                  { return '0' <= c && c <= '9' }
func isLetter(c byte) bool                 { return isLower(c) || ('A' <= c && c <= 'Z') }
func isLetterOrUnderscore(c byte) bool     { return isLetter(c) || c == '_' }
func isWordByte(c byte) bool               { return isLetterOrUnderscore(c) || isDigit(c) }
func isLowerDigitOrUnderscore(c byte) bool { return isLower(c) || isDigit(c) || c == '_' }

// isSpace is RE2's \s.
func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r' }

// isSlashOrSpace is the complement of [^/\s].
func isSlashOrSpace(c byte) bool { return c == '/' || isSpace(c) }

// isPluginAction matches ^[^/\s]+/[^/\s]+$: two non-empty parts around one slash, no space.
func isPluginAction(s string) bool {
	slash := strings.IndexByte(s, '/')
	if slash <= 0 || slash == len(s)-1 {
		return false
	}
	for i := 0; i < len(s); i++ {
		if i != slash && isSlashOrSpace(s[i]) {
			return false
		}
	}
	return true
}

// isDuration matches the duration pattern: one or more groups of digits and a unit, the
// units in the order d, h, m, s, each at most once.
func isDuration(s string) bool {
	const units = "dhms"
	next := 0 // index in units of the first unit still allowed
	for len(s) > 0 {
		digits := 0
		for digits < len(s) && isDigit(s[digits]) {
			digits++
		}
		if digits == 0 || digits == len(s) {
			return false
		}
		u := strings.IndexByte(units[next:], s[digits])
		if u < 0 {
			return false
		}
		next += u + 1
		s = s[digits+1:]
	}
	return next > 0
}

// isWholeExpression matches ^\s*\$\{[\s\S]*\}\s*$: blanks, ${, anything, }, blanks.
func isWholeExpression(s string) bool {
	start, end := 0, len(s)
	for start < end && isSpace(s[start]) {
		start++
	}
	for end > start && isSpace(s[end-1]) {
		end--
	}
	t := s[start:end]
	return len(t) >= 3 && strings.HasPrefix(t, "${") && t[len(t)-1] == '}'
}

// isFolder matches ^[^/\s][^\n]*[^/\s]$|^[^/\s]$: no line break, and neither a slash nor a
// blank at either end.
func isFolder(s string) bool {
	return s != "" && !isSlashOrSpace(s[0]) && !isSlashOrSpace(s[len(s)-1]) && strings.IndexByte(s, '\n') < 0
}

// isDateTime matches yyyy-MM-dd HH:mm:ss written with digits.
func isDateTime(s string) bool {
	const layout = "0000-00-00 00:00:00" // 0: any digit; anything else: itself
	if len(s) != len(layout) {
		return false
	}
	for i := 0; i < len(s); i++ {
		if layout[i] == '0' && !isDigit(s[i]) || layout[i] != '0' && s[i] != layout[i] {
			return false
		}
	}
	return true
}
