package workflow

import "strings"

// closest returns the candidate nearest to s by edit distance, or "" when none is near
// enough to be a likely typo: at most 2 edits, and fewer than half of s's length. Ties go to
// the earlier candidate, so the answer is deterministic.
func closest(s string, candidates []string) string {
	best, bestDist := "", -1
	limit := 2
	if half := (len(s) - 1) / 2; half < limit {
		limit = half
	}
	if limit < 1 {
		limit = 1
	}
	for _, c := range candidates {
		if c == s {
			continue
		}
		d := editDistance(s, c, limit)
		if d <= limit && (bestDist < 0 || d < bestDist) {
			best, bestDist = c, d
		}
	}
	return best
}

// editDistance is the Levenshtein distance between a and b in bytes (step ids are ASCII),
// or limit+1 as soon as it is known to exceed limit. O(len(a)·len(b)) time, O(len(b)) space.
func editDistance(a, b string, limit int) int {
	if d := len(a) - len(b); d > limit || -d > limit {
		return limit + 1
	}
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		rowMin := cur[0]
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			rowMin = min(rowMin, cur[j])
		}
		if rowMin > limit {
			return limit + 1
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

// quoteList renders ids as "a", "b" and "c" for a message, at most max of them.
func quoteList(ids []string, max int) string {
	var b strings.Builder
	for i, id := range ids {
		if i == max {
			b.WriteString(", ...")
			break
		}
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(`"` + id + `"`)
	}
	return b.String()
}
