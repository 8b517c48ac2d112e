package decompile

import (
	"strconv"
	"strings"
	"unicode"
)

// maxIDLen bounds a step id derived from a name, in bytes, so a paragraph-long label does
// not become a paragraph-long id.
const maxIDLen = 40

// ValidStepID reports whether s matches the schema's step id pattern, ^[a-z][a-z0-9_]*$, without end.
func ValidStepID(s string) bool {
	if s == "" || s == "end" || s[0] < 'a' || s[0] > 'z' {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '_') {
			return false
		}
	}
	return true
}

// StepIDFrom is a step id made from a label (see slug), "" when the label gives none.
func StepIDFrom(label string) string { return slug(label, '_') }

// slug is a step id made of a label's ASCII letters and digits, lower-cased, words joined by
// '_' ("Block the IP!" → block_the_ip); "" when the label has none, or none to start with.
func slug(label string, sep byte) string {
	var b strings.Builder
	pending := false
	for _, r := range label {
		switch {
		case r < unicode.MaxASCII && (unicode.IsLetter(r) || unicode.IsDigit(r)):
			if pending && b.Len() > 0 {
				b.WriteByte(sep)
			}
			pending = false
			b.WriteRune(unicode.ToLower(r))
		default:
			pending = true
		}
		if b.Len() >= maxIDLen {
			break
		}
	}
	s := strings.TrimRight(b.String(), string(sep))
	for s != "" && (s[0] < 'a' || s[0] > 'z') { // ids start with a letter
		s = strings.TrimLeft(s[1:], string(sep))
	}
	return s
}

// FileName is a name for an output file: the label's ASCII letters and digits, words
// joined by '-'; "workflow" when it has none.
func FileName(label string) string {
	if s := slug(label, '-'); s != "" {
		return s
	}
	return "workflow"
}

// IDs hands out unique step ids.
type IDs map[string]bool

// Take returns want, or want_2, want_3, ... when it is taken, and marks it taken.
func (ids IDs) Take(want string) string {
	id := want
	for n := 2; ids[id] || id == "end"; n++ {
		id = want + "_" + strconv.Itoa(n)
	}
	ids[id] = true
	return id
}
