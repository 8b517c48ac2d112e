package report

import (
	"strings"
	"testing"

	"github.com/wfc-dev/wfc/diag"
)

func TestCellWidth(t *testing.T) {
	cases := []struct {
		r    rune
		want int
	}{
		{'a', 1}, {'é', 1}, {'→', 1}, {'①', 1}, {'☃', 1}, // narrow and ambiguous: one column
		{'ｱ', 1},      // halfwidth katakana
		{0x1f321, 1},  // 🌡 thermometer: text presentation by default
		{'封', 2},      // CJK Unified Ideographs
		{'。', 2},      // CJK punctuation
		{'，', 2},      // fullwidth comma
		{'あ', 2},      // Hiragana
		{'ア', 2},      // Katakana
		{'한', 2},      // Hangul syllable
		{'Ａ', 2},      // fullwidth Latin
		{'𠀀', 2},      // CJK Extension B
		{'🚨', 2},      // emoji
		{'😀', 2},      // emoticon
		{'✅', 2},      // dingbat with emoji presentation
		{0x0301, 0},   // combining acute accent
		{0x3099, 0},   // combining kana voiced mark (East Asian Wide, but a mark)
		{0x200d, 0},   // zero-width joiner
		{0xfe0f, 0},   // variation selector-16
		{0x10ffff, 1}, // unassigned
	}
	for _, c := range cases {
		if got := cellWidth(c.r); got != c.want {
			t.Errorf("cellWidth(%U %q) = %d, want %d", c.r, c.r, got, c.want)
		}
	}
}

// inTable's binary search needs the table sorted and its ranges disjoint.
func TestWideRangesSorted(t *testing.T) {
	for i, r := range wideRanges {
		if r.lo > r.hi {
			t.Errorf("range %d: %U > %U", i, r.lo, r.hi)
		}
		if i > 0 && wideRanges[i-1].hi >= r.lo {
			t.Errorf("range %d (%U) starts before range %d ends (%U)", i, r.lo, i-1, wideRanges[i-1].hi)
		}
	}
}

// displayWidth is how many terminal columns s takes.
func displayWidth(s string) int {
	n := 0
	for _, r := range s {
		n += cellWidth(r)
	}
	return n
}

// The caret stands under the character the diagnostic names however many wide or
// zero-width characters come before it, and the underline is as wide as the characters it
// covers; on a long line cut by the window, too, also when the cut halves a wide character.
func TestTextCaretUsesDisplayWidth(t *testing.T) {
	cases := []struct {
		name, line string
		col, end   int    // 1-based character columns of the range
		at         string // what the shown line has at the caret
		underline  string
	}{
		{"cjk", "  - name: 封禁恶意IP", 11, 17, "封禁恶意IP", "^~~~~~~~~~"},
		{"emoji", "  - name: 告警🚨 done", 15, 19, "done", "^~~~"},
		{"emoji underlined", "  - name: 告警🚨 done", 13, 14, "🚨", "^~"},
		{"combining", "  - name: re\u0301sume\u0301 x", 20, 21, "x", "^"},
		{"long, cut in a wide character", strings.Repeat("长", 150) + " 错误 " + strings.Repeat("尾", 100), 152, 154, "错误", "^~~~"},
		{"long, wide after the caret", "x" + strings.Repeat("a", 300) + "BAD" + strings.Repeat("界", 100), 302, 305, "BAD", "^~~"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			d := diag.Errorf(at("f", 1, c.col, 1, c.end), "r", "m")
			lines := strings.Split(writeOneLine(t, []byte(c.line), diag.List{d}), "\n")
			shown, under := strings.TrimPrefix(lines[2], "1 | "), strings.TrimPrefix(lines[3], "  | ")
			caret := strings.IndexByte(under, '^') // bytes = columns: the underline is ASCII
			if got := strings.TrimLeft(under, " "); got != c.underline {
				t.Errorf("underline %q, want %q", got, c.underline)
			}
			// The shown text up to the caret's column, counted in display columns.
			var cols int
			rest := shown
			for _, r := range shown {
				if cols >= caret {
					break
				}
				cols += cellWidth(r)
				rest = rest[len(string(r)):]
			}
			if cols != caret || !strings.HasPrefix(rest, c.at) {
				t.Errorf("caret at column %d is not under %q:\n%s\n%s", caret, c.at, shown, under)
			}
			if w := displayWidth(shown); w > maxLineCells+2*len(ellipsis) {
				t.Errorf("shown line takes %d columns, more than the window", w)
			}
		})
	}
}
