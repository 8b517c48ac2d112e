package schema

import "sort"

// Suggest returns the candidate closest to word when it is close enough to be a likely typo
// (edit distance at most a third of its length, and at least 1), else "". Ties go to the
// earlier candidate, so the answer is deterministic. Words longer than 64 characters get no
// suggestion: the distance is quadratic and such a word is no typo.
func Suggest(word string, candidates []string) string {
	const maxLen = 64
	if len(word) > maxLen || word == "" {
		return ""
	}
	best, bestDist := "", -1
	for _, c := range candidates {
		if len(c) > maxLen || c == word {
			continue
		}
		limit := len(c) / 3
		if limit < 1 {
			limit = 1
		}
		d := distance(word, c)
		if d <= limit && (bestDist < 0 || d < bestDist) {
			best, bestDist = c, d
		}
	}
	return best
}

// distance is the Levenshtein distance over bytes, with adjacent transpositions counting
// as one edit (optimal string alignment), since "aciton" is one slip, not two.
func distance(a, b string) int {
	prev2 := make([]int, len(b)+1)
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				cur[j] = min(cur[j], prev2[j-2]+1)
			}
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[len(b)]
}

func sortStrings(s []string) { sort.Strings(s) }
