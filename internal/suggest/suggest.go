// Package suggest is wfc's one "did you mean" rule: which known word a mistyped one most
// likely meant, for step ids, schema keys and enum values, rule ids, config keys and CLI flag
// values alike, so that every message agrees on what counts as a typo.
package suggest

import (
	"fmt"
	"strings"
)

// MaxLen bounds the words compared (in bytes): the distance is quadratic, and a word this long
// is no typo, so a hostile multi-megabyte key costs nothing.
const MaxLen = 64

// minPrefixLen is the shortest word completed by prefix ("proj" → "project_id"); shorter
// prefixes match too many words to mean anything.
const minPrefixLen = 3

// Closest returns the candidate word most likely meant, and whether there is one. Words are
// compared ignoring case. A candidate is near enough when its Distance from word is at most
// a third of word's length in characters (and at least 1); failing that, the first candidate
// that starts with word (of 3 or more characters) is taken. A candidate equal to word is
// never suggested. Ties go to the earlier candidate, so callers control the order.
func Closest(word string, candidates []string) (string, bool) {
	if word == "" || len(word) > MaxLen {
		return "", false
	}
	lower := strings.ToLower(word)
	limit := max(1, len([]rune(word))/3)
	best, bestDist := "", limit+1
	for _, c := range candidates {
		if c == word || len(c) > MaxLen {
			continue
		}
		if d := Distance(lower, strings.ToLower(c)); d < bestDist {
			best, bestDist = c, d
		}
	}
	if best != "" {
		return best, true
	}
	if len(word) >= minPrefixLen {
		for _, c := range candidates {
			if c != word && len(c) <= MaxLen && strings.HasPrefix(strings.ToLower(c), lower) {
				return c, true
			}
		}
	}
	return "", false
}

// Hint is `; did you mean "x"?` for the Closest candidate, or "" when there is none: the tail
// of a message that has already said what is wrong.
func Hint(word string, candidates []string) string {
	best, ok := Closest(word, candidates)
	if !ok {
		return ""
	}
	return fmt.Sprintf("; did you mean %q?", best)
}

// Distance is the optimal-string-alignment distance between a and b in characters (runes):
// the fewest insertions, deletions, substitutions and swaps of two adjacent characters that
// turn a into b. A swap counts as one edit because "aciton" and "ned" are one slip of the
// fingers, not two. O(len(a)·len(b)) time, O(len(b)) space.
func Distance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev2 := make([]int, len(rb)+1) // row i-2, for swaps
	prev := make([]int, len(rb)+1)  // row i-1
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && ra[i-1] == rb[j-2] && ra[i-2] == rb[j-1] {
				cur[j] = min(cur[j], prev2[j-2]+1)
			}
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[len(rb)]
}
