package render

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// columnWidth is the estimated advance of one text column as a fraction of the font size: an
// average Latin letter of a sans-serif face is about half an em, and wide (CJK, full-width)
// characters take two columns. The estimate errs wide so names stay inside their shapes.
const columnWidth = 0.55

// columns is the width of s in text columns: 2 for each wide rune, 1 for the others.
func columns(s string) int {
	n := 0
	for _, r := range s {
		n += runeColumns(r)
	}
	return n
}

func runeColumns(r rune) int {
	if isWide(r) {
		return 2
	}
	return 1
}

// isWide reports whether r is drawn about one em wide: CJK ideographs, kana, hangul and
// full-width forms (the East Asian Wide and Fullwidth ranges that matter for names).
func isWide(r rune) bool {
	switch {
	case r >= 0x1100 && r <= 0x115F, // hangul jamo
		r >= 0x2E80 && r <= 0x303E, // CJK radicals, punctuation
		r >= 0x3041 && r <= 0x33FF, // kana, CJK symbols
		r >= 0x3400 && r <= 0x4DBF, // CJK extension A
		r >= 0x4E00 && r <= 0x9FFF, // CJK unified ideographs
		r >= 0xA000 && r <= 0xA4CF, // yi
		r >= 0xAC00 && r <= 0xD7A3, // hangul syllables
		r >= 0xF900 && r <= 0xFAFF, // CJK compatibility ideographs
		r >= 0xFE30 && r <= 0xFE4F, // CJK compatibility forms
		r >= 0xFF00 && r <= 0xFF60, // full-width forms
		r >= 0xFFE0 && r <= 0xFFE6,
		r >= 0x20000 && r <= 0x3FFFD: // CJK extensions B and later
		return true
	}
	return false
}

// wrap breaks name into at most maxLines lines of at most maxCols columns each: words are
// packed greedily, a word longer than a line is cut, a wide character may end a line anywhere
// (CJK has no spaces), and when the name does not fit the last line ends in "…". Runs of white
// space, line breaks included, count as one space.
func wrap(name string, maxCols, maxLines int) []string {
	lines, _ := wrapCut(name, maxCols, maxCols, maxLines)
	return lines
}

// wrapCut is wrap with a first line of its own width (firstCols, for a line beside an icon),
// and reports whether the name was cut short or a word of it was broken across lines (either
// is a reason to try a smaller font).
func wrapCut(name string, firstCols, maxCols, maxLines int) (lines []string, cut bool) {
	maxCols, firstCols = max(maxCols, 2), max(firstCols, 2)
	if maxLines < 1 {
		maxLines = 1
	}
	var cur strings.Builder
	curCols := 0
	limit := func() int {
		if len(lines) == 0 {
			return firstCols
		}
		return maxCols
	}
	newline := func() {
		lines = append(lines, cur.String())
		cur.Reset()
		curCols = 0
	}
	for _, w := range splitWords(name) {
		word, wc := w.text, columns(w.text)
		gap := 0
		if w.spaced {
			gap = 1
		}
		if curCols > 0 && curCols+gap+wc <= limit() {
			if w.spaced {
				cur.WriteByte(' ')
			}
			cur.WriteString(word)
			curCols += gap + wc
			continue
		}
		if curCols > 0 || (len(lines) == 0 && wc > firstCols && wc <= maxCols) {
			newline() // a word that fits a full line is not cut on a short first one
		}
		for _, r := range word {
			rc := runeColumns(r)
			if curCols+rc > limit() && curCols > 0 {
				newline()
				cut = cut || !isWide(r)
			}
			cur.WriteRune(r)
			curCols += rc
		}
	}
	if curCols > 0 || len(lines) == 0 {
		newline()
	}
	if len(lines) > maxLines {
		lines = lines[:maxLines]
		lastCols := maxCols
		if maxLines == 1 {
			lastCols = firstCols
		}
		lines[maxLines-1] = ellipsize(lines[maxLines-1], lastCols)
		cut = true
	}
	return lines, cut
}

// word is a piece of a name that wrap keeps whole when it can; spaced says white space came
// before it (wide text runs on without one).
type word struct {
	text   string
	spaced bool
}

// splitWords splits name at white space, and makes each wide rune start a word of its own so
// that a line can break before any of them: "封禁IP 地址" gives 封, 禁IP, 地 (spaced), 址.
func splitWords(name string) []word {
	var words []word
	for _, field := range strings.Fields(name) {
		start, spaced := 0, true
		for i, r := range field {
			if isWide(r) && i > start {
				words = append(words, word{field[start:i], spaced})
				start, spaced = i, false
			}
		}
		words = append(words, word{field[start:], spaced})
	}
	return words
}

// ellipsize ends line in "…", cutting runes off its end until it fits maxCols.
func ellipsize(line string, maxCols int) string {
	line = strings.TrimRightFunc(line, unicode.IsSpace)
	for columns(line)+1 > maxCols && line != "" {
		_, n := utf8.DecodeLastRuneInString(line)
		line = line[:len(line)-n]
	}
	return strings.TrimRightFunc(line, unicode.IsSpace) + "…"
}

// escaper writes text and attribute values safely inside XML.
var escaper = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&quot;", "'", "&#39;")

// xmlText escapes s for an XML text node or a quoted attribute, dropping the characters XML
// cannot hold at all (most control characters, lone surrogates, U+FFFE/U+FFFF) and turning
// tabs and line breaks into spaces.
func xmlText(s string) string {
	clean := strings.Map(func(r rune) rune {
		switch {
		case r == '\t' || r == '\n' || r == '\r':
			return ' '
		case r < 0x20, r == utf8.RuneError, r == 0xFFFE, r == 0xFFFF, r >= 0xD800 && r <= 0xDFFF:
			return -1
		}
		return r
	}, s)
	return escaper.Replace(clean)
}
