package report

import (
	"sort"
	"unicode"
)

// cellWidth is how many terminal columns r takes: 0 for combining marks and zero-width
// format characters, 2 for East Asian Wide and Fullwidth characters (CJK, kana, Hangul,
// fullwidth forms) and emoji shown as emoji by default, 1 for everything else. Ambiguous
// characters (East Asian Width "A", like → or ①) count as 1, as they do in a terminal not
// set to a CJK legacy width. Tabs and control characters are the caller's to handle.
func cellWidth(r rune) int {
	switch {
	case r < 0x300: // ASCII and Latin-1: the common case, no table lookup
		return 1
	case isZeroWidth(r):
		return 0
	case inTable(wideRanges, r):
		return 2
	}
	return 1
}

// isZeroWidth reports whether r takes no column of its own: a nonspacing or enclosing mark
// (combining accents, the variation selectors, Hangul and kana voicing marks), or one of
// the zero-width format characters (zero-width space, non-joiner, joiner, word joiner, BOM).
func isZeroWidth(r rune) bool {
	return unicode.In(r, unicode.Mn, unicode.Me) ||
		(r >= 0x200b && r <= 0x200d) || r == 0x2060 || r == 0xfeff
}

// wideRange is an inclusive range of code points.
type wideRange struct{ lo, hi rune }

func inTable(table []wideRange, r rune) bool {
	i := sort.Search(len(table), func(i int) bool { return table[i].hi >= r })
	return i < len(table) && table[i].lo <= r
}

// wideRanges are the code points whose East Asian Width is W (wide) or F (fullwidth), from
// the Unicode Character Database's EastAsianWidth.txt (Unicode 15.1), for the blocks people
// write in: CJK ideographs and punctuation, kana, Hangul, Bopomofo, Yi, fullwidth forms and
// the emoji with emoji presentation. Sorted by lo; ranges do not overlap.
var wideRanges = []wideRange{
	{0x1100, 0x115f}, // Hangul Jamo initial consonants
	{0x231a, 0x231b}, // ⌚ ⌛
	{0x2329, 0x232a}, // angle brackets
	{0x23e9, 0x23ec}, // ⏩ ⏪ ⏫ ⏬
	{0x23f0, 0x23f0}, // ⏰
	{0x23f3, 0x23f3}, // ⏳
	{0x25fd, 0x25fe}, // ◽ ◾
	{0x2614, 0x2615}, // ☔ ☕
	{0x2648, 0x2653}, // zodiac signs
	{0x267f, 0x267f}, // ♿
	{0x2693, 0x2693}, // ⚓
	{0x26a1, 0x26a1}, // ⚡
	{0x26aa, 0x26ab}, // ⚪ ⚫
	{0x26bd, 0x26be}, // ⚽ ⚾
	{0x26c4, 0x26c5}, // ⛄ ⛅
	{0x26ce, 0x26ce}, // ⛎
	{0x26d4, 0x26d4}, // ⛔
	{0x26ea, 0x26ea}, // ⛪
	{0x26f2, 0x26f3}, // ⛲ ⛳
	{0x26f5, 0x26f5}, // ⛵
	{0x26fa, 0x26fa}, // ⛺
	{0x26fd, 0x26fd}, // ⛽
	{0x2705, 0x2705}, // ✅
	{0x270a, 0x270b}, // ✊ ✋
	{0x2728, 0x2728}, // ✨
	{0x274c, 0x274c}, // ❌
	{0x274e, 0x274e}, // ❎
	{0x2753, 0x2755}, // ❓ ❔ ❕
	{0x2757, 0x2757}, // ❗
	{0x2795, 0x2797}, // ➕ ➖ ➗
	{0x27b0, 0x27b0}, // ➰
	{0x27bf, 0x27bf}, // ➿
	{0x2b1b, 0x2b1c}, // ⬛ ⬜
	{0x2b50, 0x2b50}, // ⭐
	{0x2b55, 0x2b55}, // ⭕
	{0x2e80, 0x2e99}, // CJK Radicals Supplement
	{0x2e9b, 0x2ef3},
	{0x2f00, 0x2fd5}, // Kangxi Radicals
	{0x2ff0, 0x2fff}, // Ideographic Description Characters
	{0x3000, 0x303e}, // CJK Symbols and Punctuation: ideographic space, 、。「」…
	{0x3041, 0x3096}, // Hiragana
	{0x3099, 0x30ff}, // kana voicing marks, Katakana
	{0x3105, 0x312f}, // Bopomofo
	{0x3131, 0x318e}, // Hangul Compatibility Jamo
	{0x3190, 0x31e3}, // Kanbun, Bopomofo Extended, CJK Strokes
	{0x31ef, 0x321e}, // Katakana Phonetic Extensions, Enclosed CJK
	{0x3220, 0x3247},
	{0x3250, 0x4dbf}, // Enclosed CJK, CJK Compatibility, CJK Extension A
	{0x4e00, 0xa48c}, // CJK Unified Ideographs, Yi Syllables
	{0xa490, 0xa4c6}, // Yi Radicals
	{0xa960, 0xa97c}, // Hangul Jamo Extended-A
	{0xac00, 0xd7a3}, // Hangul Syllables
	{0xf900, 0xfaff}, // CJK Compatibility Ideographs
	{0xfe10, 0xfe19}, // Vertical Forms
	{0xfe30, 0xfe52}, // CJK Compatibility Forms, Small Form Variants
	{0xfe54, 0xfe66},
	{0xfe68, 0xfe6b},
	{0xff01, 0xff60}, // Fullwidth ASCII variants: ！ ， ： （ ）
	{0xffe0, 0xffe6}, // Fullwidth signs: ￥ ￡
	{0x16fe0, 0x16fe4},
	{0x16ff0, 0x16ff1},
	{0x17000, 0x187f7}, // Tangut
	{0x18800, 0x18cd5},
	{0x18d00, 0x18d08},
	{0x1aff0, 0x1b2fb}, // Kana Extended, Kana Supplement, Nushu
	{0x1f004, 0x1f004}, // 🀄
	{0x1f0cf, 0x1f0cf}, // 🃏
	{0x1f18e, 0x1f18e}, // 🆎
	{0x1f191, 0x1f19a}, // 🆑 … 🆚
	{0x1f200, 0x1f202}, // Enclosed Ideographic Supplement
	{0x1f210, 0x1f23b},
	{0x1f240, 0x1f248},
	{0x1f250, 0x1f251},
	{0x1f260, 0x1f265},
	{0x1f300, 0x1f320}, // Miscellaneous Symbols and Pictographs: 🌀 … 🌠
	{0x1f32d, 0x1f335},
	{0x1f337, 0x1f37c},
	{0x1f37e, 0x1f393},
	{0x1f3a0, 0x1f3ca},
	{0x1f3cf, 0x1f3d3},
	{0x1f3e0, 0x1f3f0},
	{0x1f3f4, 0x1f3f4},
	{0x1f3f8, 0x1f43e},
	{0x1f440, 0x1f440},
	{0x1f442, 0x1f4fc},
	{0x1f4ff, 0x1f53d},
	{0x1f54b, 0x1f54e},
	{0x1f550, 0x1f567},
	{0x1f57a, 0x1f57a},
	{0x1f595, 0x1f596},
	{0x1f5a4, 0x1f5a4},
	{0x1f5fb, 0x1f64f}, // 🗻 … Emoticons 😀 … 🙏
	{0x1f680, 0x1f6c5}, // Transport and Map Symbols 🚀 … 🛅
	{0x1f6cc, 0x1f6cc},
	{0x1f6d0, 0x1f6d2},
	{0x1f6d5, 0x1f6d7},
	{0x1f6dc, 0x1f6df},
	{0x1f6eb, 0x1f6ec},
	{0x1f6f4, 0x1f6fc},
	{0x1f7e0, 0x1f7eb}, // coloured circles and squares 🟠 … 🟫
	{0x1f7f0, 0x1f7f0},
	{0x1f90c, 0x1f93a}, // Supplemental Symbols and Pictographs 🤌 … 🤺
	{0x1f93c, 0x1f945},
	{0x1f947, 0x1f9ff},
	{0x1fa70, 0x1fa7c}, // Symbols and Pictographs Extended-A
	{0x1fa80, 0x1fa88},
	{0x1fa90, 0x1fabd},
	{0x1fabf, 0x1fac5},
	{0x1face, 0x1fadb},
	{0x1fae0, 0x1fae8},
	{0x1faf0, 0x1faf8},
	{0x20000, 0x2fffd}, // CJK Extensions B to F, Compatibility Supplement
	{0x30000, 0x3fffd}, // CJK Extensions G, H
}
