package config

import "strings"

// maxSuggestLen bounds the words suggest compares, so a hostile multi-megabyte key cannot make
// the quadratic edit distance expensive. Keys and rule ids are far shorter.
const maxSuggestLen = 64

// minPrefixLen is the shortest word suggest completes by prefix; shorter ones match too much.
const minPrefixLen = 3

// suggest returns the candidate closest to word by edit distance, when it is close enough to
// be a typo: at most a third of the word's length (and at least 1) edits away. Failing that, a
// candidate that starts with word ("project" for "project_id") is suggested. Ties go to the
// earlier candidate, so callers control the order.
func suggest(word string, candidates []string) (string, bool) {
	if len(word) > maxSuggestLen {
		return "", false
	}
	best, bestDist := "", -1
	for _, c := range candidates {
		if len(c) > maxSuggestLen {
			continue
		}
		d := editDistance(strings.ToLower(word), strings.ToLower(c))
		if bestDist < 0 || d < bestDist {
			best, bestDist = c, d
		}
	}
	limit := max(1, len([]rune(word))/3)
	if bestDist >= 0 && bestDist <= limit {
		return best, true
	}
	if len(word) >= minPrefixLen {
		for _, c := range candidates {
			if strings.HasPrefix(strings.ToLower(c), strings.ToLower(word)) {
				return c, true
			}
		}
	}
	return "", false
}

// editDistance is the Levenshtein distance over runes, in O(len(a)·len(b)) time and
// O(len(b)) space.
func editDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
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
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}
