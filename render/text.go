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

// wrap breaks name into at most maxLines lines of at most maxCols columns each, where
// bpmn-js would: pieces are packed greedily, a line breaks at white space or after a hyphen
// or soft hyphen (drawn as "-" at a line's end), a piece longer than a line breaks after one
// of lateBreaks and only then anywhere, a wide character may end a line anywhere (CJK has no
// spaces), and when the name does not fit the last line ends in "…". Runs of white space,
// line breaks included, count as one space.
func wrap(name string, maxCols, maxLines int) []string {
	lines, _ := wrapCut(name, maxCols, maxCols, maxLines)
	return lines
}

// wrapCut is wrap with a first line of its own width (firstCols, for a line beside an icon),
// and reports whether the name was cut short or a word of it was broken across lines
// anywhere but at a break character (either is a reason to try a smaller font).
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
		lines = append(lines, lineEnd(cur.String()))
		cur.Reset()
		curCols = 0
	}
	// place puts text on the current line when it fits, else on a new one when it fits there
	// (a piece that fits a full line is not cut on a short first one), and reports whether it
	// was placed.
	place := func(text string, gap int) bool {
		tc := columns(text)
		if curCols > 0 && curCols+gap+tc <= limit() {
			if gap > 0 {
				cur.WriteByte(' ')
			}
			cur.WriteString(text)
			curCols += gap + tc
			return true
		}
		if curCols > 0 || (len(lines) == 0 && tc > firstCols && tc <= maxCols) {
			newline()
		}
		if tc > limit() {
			return false
		}
		cur.WriteString(text)
		curCols += tc
		return true
	}
	for _, w := range splitWords(name) {
		gap := 0
		if w.spaced {
			gap = 1
		}
		if place(w.text, gap) {
			continue
		}
		// Longer than a line: break after a late break character, and only where there is
		// none, anywhere.
		for _, part := range splitAfter(w.text, lateBreaks) {
			if place(part, 0) {
				continue
			}
			for _, r := range part {
				rc := runeColumns(r)
				if curCols+rc > limit() && curCols > 0 {
					newline()
					cut = cut || !isWide(r)
				}
				cur.WriteRune(r)
				curCols += rc
			}
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

// Break characters. bpmn-js lays a label out with diagram-js's Text (lib/util/Text.js,
// bpmn-io/diagram-js commit 19cf018e27e385abea5fa02aa76394902994eb7b, v15.23.2): layoutNext
// shortens a line that is too wide with shortenLine, which first tries semanticShorten, whose
// line.split(/(\s|-|\u00AD)/g) keeps as many pieces as fit, so that a line breaks at white
// space, after a hyphen (a word followed by a hyphen that no longer fits goes down with it)
// or after a soft hyphen (turned into "-"), all alike; only when no piece fits does it cut
// the word anywhere (line.slice). diagram-js has no other break character: lateBreaks is
// wfc's own second choice, tried on a piece longer than a whole line before cutting it
// anywhere, because DataWorks and table names are long identifiers joined by them
// (dw_scheduler_pre_root, project.table), which a break after "_" or "." keeps readable.
const (
	breaks     = "-\u00AD"
	lateBreaks = "_./"
	softHyphen = '\u00AD'
)

// lineEnd is line as drawn: a soft hyphen that ends it becomes a hyphen (as semanticShorten
// draws it), others are kept (a browser does not draw them).
func lineEnd(line string) string {
	if s, ok := strings.CutSuffix(line, string(softHyphen)); ok {
		return s + "-"
	}
	return line
}

// splitAfter splits s after each rune of seps; the pieces joined give s back.
func splitAfter(s, seps string) []string {
	var parts []string
	start := 0
	for i, r := range s {
		if strings.ContainsRune(seps, r) {
			end := i + utf8.RuneLen(r)
			parts = append(parts, s[start:end])
			start = end
		}
	}
	if start < len(s) {
		parts = append(parts, s[start:])
	}
	return parts
}

// word is a piece of a name that wrap keeps whole when it can; spaced says white space came
// before it (a piece after a break character or wide text runs on without one).
type word struct {
	text   string
	spaced bool
}

// splitWords splits name at white space and after each of breaks, and makes each wide rune
// start a word of its own so that a line can break before any of them: "封禁IP 地址" gives
// 封, 禁IP, 地 (spaced), 址, and "notify-on call" notify-, on, call (spaced).
func splitWords(name string) []word {
	var words []word
	for _, field := range strings.Fields(name) {
		spaced := true
		for _, piece := range splitAfter(field, breaks) {
			start := 0
			for i, r := range piece {
				if isWide(r) && i > start {
					words = append(words, word{piece[start:i], spaced})
					start, spaced = i, false
				}
			}
			words = append(words, word{piece[start:], spaced})
			spaced = false
		}
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
