package schema

import (
	"regexp"
	"strings"
	"testing"
)

// patternCases are strings on both sides of every hand-written pattern's edges: empty,
// one character, blanks of every kind \s has (and \v, which it lacks), slashes, units out
// of order, multi-byte and invalid UTF-8.
var patternCases = []string{
	"", "a", "ab", "a1_", "1a", "_a", "A", "Ab_9", "a-b", "a b", "é", "aé", "\xff", "a\xff",
	"x-", "x-a", "x", "X-a", " x-",
	"end", "en", "e", "endx", "ends", "xend", "End", "end\n", "enD",
	"p/a", "/a", "a/", "a//b", "a/b/c", "p /a", "p/a ", "p\t/a", "é/ü", "\xff/\xfe", "p/a\n", "p/a\v", "p/a\f",
	"30s", "1h30m", "2d12h", "1d2h3m4s", "0", "s", "10", "1m1h", "1s1s", "1d1d", "1h1d", "1x", "1hs", "h1", "1.5s", "١s",
	"${x}", "${}", "${", "}", " ${x} ", "\t\n${a == 'b'}\r\f", "${x}\v", "\v${x}", "$ {x}", "{x}", "${x} }", "${x}x", "x${x}",
	"${\xff}", "${x}\n\n",
	"etl/daily", "etl", "/etl", "etl/", " etl", "etl ", "a\nb", "a\rb", "a b", "é", "a/é", "ü\xff",
	"2026-01-02 03:04:05", "2026-01-02T03:04:05", "2026-1-02 03:04:05", "2026-01-02 03:04:05 ", "２026-01-02 03:04:05",
	"ODPS_SQL", "DIDE_SHELL", "_SQL", "9SQL", "SQL-2",
}

// TestHandWrittenPatternsMatchRegexp: every hand-written matcher says what Go's regexp says
// of its pattern, on the table above.
func TestHandWrittenPatternsMatchRegexp(t *testing.T) {
	for pattern, match := range handWritten {
		re := regexp.MustCompile(pattern)
		for _, s := range patternCases {
			if got, want := match(s), re.MatchString(s); got != want {
				t.Errorf("pattern %s on %q: hand-written %v, regexp %v", pattern, s, got, want)
			}
		}
	}
}

// FuzzHandWrittenPatterns: the same, on any string.
func FuzzHandWrittenPatterns(f *testing.F) {
	for _, s := range patternCases {
		f.Add(s)
	}
	type pair struct {
		pattern string
		re      *regexp.Regexp
		match   func(string) bool
	}
	var pairs []pair
	for pattern, match := range handWritten {
		pairs = append(pairs, pair{pattern, regexp.MustCompile(pattern), match})
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, p := range pairs {
			if got, want := p.match(s), p.re.MatchString(s); got != want {
				t.Errorf("pattern %s on %q: hand-written %v, regexp %v", p.pattern, s, got, want)
			}
		}
	})
}

// TestHandWrittenPatternsAreTheSchemas: each hand-written pattern is written in the schema
// as it is here (a difference would leave it unused, and the check on regexp), and a
// pattern without one still works, through regexp.
func TestHandWrittenPatternsAreTheSchemas(t *testing.T) {
	for pattern := range handWritten {
		quoted := strings.NewReplacer(`\`, `\\`).Replace(pattern)
		if !strings.Contains(string(JSON()), `"`+quoted+`"`) {
			t.Errorf("hand-written pattern %s is not in workflow.schema.json", pattern)
		}
	}
	match, err := compilePattern(`^a+$`)
	if err != nil || !match("aa") || match("ab") {
		t.Errorf("compilePattern(^a+$): err %v, or it does not match aa and only aa", err)
	}
	if _, err := compilePattern(`(`); err == nil {
		t.Error("compilePattern accepted an invalid pattern")
	}
}
