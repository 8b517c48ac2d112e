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
// sep ("Block the IP!" → block_the_ip), whole words up to maxIDLen bytes; "" when the label
// has none, or none that starts with a letter.
func slug(label string, sep byte) string {
	words := strings.FieldsFunc(strings.ToLower(label), func(r rune) bool {
		return !(r < unicode.MaxASCII && (unicode.IsLetter(r) || unicode.IsDigit(r)))
	})
	for len(words) > 0 {
		// ids start with a letter: drop the leading digits
		if w := strings.TrimLeft(words[0], "0123456789"); w != "" {
			words[0] = w
			break
		}
		words = words[1:]
	}
	var b strings.Builder
	for _, w := range words {
		if b.Len() > 0 && b.Len()+1+len(w) > maxIDLen {
			break
		}
		if b.Len() > 0 {
			b.WriteByte(sep)
		}
		b.WriteString(w[:min(len(w), maxIDLen)])
	}
	return b.String()
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
