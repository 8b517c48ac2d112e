package diag

import (
	"fmt"
	"strconv"
	"unicode/utf8"
)

// MaxQuoted is how many characters of a user value a message quotes: enough to recognise
// an id or a key, short enough that a 10,000-character value cannot swamp the line.
const MaxQuoted = 40

// Quote quotes a user value for a message, as %q does, cut to MaxQuoted characters with "…".
func Quote(s string) string {
	return strconv.Quote(Shorten(s))
}

// Shorten cuts s to MaxQuoted characters, marking the cut with "…".
func Shorten(s string) string {
	if len(s) <= MaxQuoted { // fewer bytes than the limit, so fewer characters too
		return s
	}
	i, n := 0, 0
	for i < len(s) && n < MaxQuoted {
		_, size := utf8.DecodeRuneInString(s[i:])
		i += size
		n++
	}
	if i == len(s) {
		return s
	}
	return s[:i] + "…"
}

// Sprintf is fmt.Sprintf for messages: a string formatted with %q is quoted with Quote, so
// every message that quotes user text (through Errorf, Warningf, lint's Report, ...) cuts a
// long value the same way. Other verbs print strings whole: %s carries text wfc wrote.
func Sprintf(format string, args ...any) string {
	quoted := make([]any, len(args))
	for i, a := range args {
		if s, ok := a.(string); ok {
			a = userText(s)
		}
		quoted[i] = a
	}
	return fmt.Sprintf(format, quoted...)
}

// userText is a string argument of Sprintf.
type userText string

func (u userText) Format(f fmt.State, verb rune) {
	s := string(u)
	if verb == 'q' {
		s = Shorten(s)
	}
	fmt.Fprintf(f, fmt.FormatString(f, verb), s)
}

// Size writes a byte count for people: "512 bytes", "64 KiB", "8 MiB", "47.7 MiB".
func Size(n int64) string {
	const kib, mib, gib = 1 << 10, 1 << 20, 1 << 30
	switch {
	case n >= gib:
		return unit(n, gib, "GiB")
	case n >= mib:
		return unit(n, mib, "MiB")
	case n >= kib:
		return unit(n, kib, "KiB")
	}
	return strconv.FormatInt(n, 10) + " bytes"
}

// unit writes n in units of size, with one decimal unless it is whole.
func unit(n, size int64, name string) string {
	if n%size == 0 {
		return strconv.FormatInt(n/size, 10) + " " + name
	}
	return strconv.FormatFloat(float64(n)/float64(size), 'f', 1, 64) + " " + name
}
