package workflow

import (
	"strings"

	"github.com/wfc-dev/wfc/diag"
)

// quoteList renders ids as "a", "b" and "c" for a message, at most max of them, each cut
// as diag.Shorten cuts a quoted value (a 10,000-character id stays a short line).
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
		b.WriteString(`"` + diag.Shorten(id) + `"`)
	}
	return b.String()
}
