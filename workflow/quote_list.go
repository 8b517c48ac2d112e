package workflow

import "strings"

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
