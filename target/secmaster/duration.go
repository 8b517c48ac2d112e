package secmaster

import (
	"strconv"
	"strings"
)

// isoDuration writes whole seconds as an ISO 8601 duration the way Flowable's timers and
// due dates read it: PT30S, PT4H, PT1H30M; zero is PT0S. Days are written as hours (PT48H)
// because a day is not always 24 hours under a business calendar, and hours are.
func isoDuration(seconds int64) string {
	if seconds <= 0 {
		return "PT0S"
	}
	h, m, s := seconds/3600, seconds/60%60, seconds%60
	var b strings.Builder
	b.WriteString("PT")
	if h > 0 {
		b.WriteString(strconv.FormatInt(h, 10) + "H")
	}
	if m > 0 {
		b.WriteString(strconv.FormatInt(m, 10) + "M")
	}
	if s > 0 {
		b.WriteString(strconv.FormatInt(s, 10) + "S")
	}
	return b.String()
}
