package dataworks

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/wfc-dev/wfc/internal/suggest"
)

// DataWorks schedules with Quartz cron expressions (trigger.cron, e.g. "00 30 02 * * ?"):
// seconds minutes hours day-of-month month day-of-week [year]. ValidateCron checks one against
// Quartz's rules (org.quartz.CronExpression and its documented syntax): value ranges, lists,
// ranges (a range may wrap, as "FRI-MON"), steps, month and day names (case-insensitive, as
// Quartz upper-cases the expression), "?" in exactly one of day-of-month and day-of-week, and
// L, W and # where Quartz allows them.

// CronProblem is one thing wrong with a cron expression. Offset and Length are in bytes into
// the expression, so a lint rule can point inside the YAML scalar that holds it.
type CronProblem struct {
	Offset, Length int
	Message        string
}

// cronField describes one position of a Quartz expression.
type cronField struct {
	name     string
	min, max int
	names    []string // names[i] stands for min+i (months JAN=1, days SUN=1)
	maxStep  int      // Quartz refuses larger increments after "/"
	examples string   // what to write, for messages
}

var (
	monthNames = []string{"JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"}
	dayNames   = []string{"SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"}
)

var cronFields = []cronField{
	{name: "seconds", min: 0, max: 59, maxStep: 59, examples: "0-59"},
	{name: "minutes", min: 0, max: 59, maxStep: 59, examples: "0-59"},
	{name: "hours", min: 0, max: 23, maxStep: 23, examples: "0-23"},
	{name: "day-of-month", min: 1, max: 31, maxStep: 31, examples: "1-31, ?, L or 15W"},
	{name: "month", min: 1, max: 12, names: monthNames, maxStep: 12, examples: "1-12 or JAN-DEC"},
	{name: "day-of-week", min: 1, max: 7, names: dayNames, maxStep: 7, examples: "1-7 or SUN-SAT (1 is Sunday), ?, 6L or MON#2"},
	{name: "year", min: 1970, max: 2099, maxStep: 129, examples: "1970-2099"},
}

const (
	fieldDayOfMonth = 3
	fieldDayOfWeek  = 5
)

// cronToken is one whitespace-separated field of the expression and where it starts.
type cronToken struct {
	text   string
	offset int
}

func splitCron(expr string) []cronToken {
	var out []cronToken
	start := -1
	for i := 0; i <= len(expr); i++ {
		blank := i == len(expr) || expr[i] == ' ' || expr[i] == '\t'
		if blank && start >= 0 {
			out = append(out, cronToken{expr[start:i], start})
			start = -1
		} else if !blank && start < 0 {
			start = i
		}
	}
	return out
}

// ValidateCron returns what is wrong with a Quartz cron expression, nil if nothing is.
func ValidateCron(expr string) []CronProblem {
	tokens := splitCron(expr)
	if n := len(tokens); n != 6 && n != 7 {
		return []CronProblem{{0, len(expr), fieldCountMessage(tokens)}}
	}
	var problems []CronProblem
	daysValid := true
	for i, tok := range tokens {
		fieldProblems := checkCronField(&cronFields[i], i, tok)
		if len(fieldProblems) > 0 && (i == fieldDayOfMonth || i == fieldDayOfWeek) {
			daysValid = false // one message per mistake: the "?" rule would repeat it
		}
		problems = append(problems, fieldProblems...)
	}
	if !daysValid {
		return problems
	}
	if p, bad := checkQuestionMarks(tokens[fieldDayOfMonth], tokens[fieldDayOfWeek]); bad {
		problems = append(problems, p)
	}
	return problems
}

func fieldCountMessage(tokens []cronToken) string {
	msg := fmt.Sprintf("a DataWorks cron has 6 or 7 fields (seconds minutes hours day-of-month month day-of-week [year]), this one has %d", len(tokens))
	if len(tokens) != 5 {
		return msg + `; for 02:30 every day write "00 30 02 * * ?"`
	}
	f := make([]string, 5)
	for i, t := range tokens {
		f[i] = t.text
	}
	dom, dow := f[2], f[4]
	switch {
	case dom == "?" || dow == "?":
	case dow == "*":
		dow = "?"
	case dom == "*":
		dom = "?"
	}
	return fmt.Sprintf("%s, like a Unix cron; Quartz puts seconds first: write %q", msg,
		strings.Join([]string{"0", f[0], f[1], dom, f[3], dow}, " "))
}

// checkQuestionMarks applies Quartz's rule that exactly one of day-of-month and day-of-week
// is "?" (it cannot combine the two).
func checkQuestionMarks(dom, dow cronToken) (CronProblem, bool) {
	domQ, dowQ := dom.text == "?", dow.text == "?"
	switch {
	case domQ && dowQ:
		return CronProblem{dow.offset, len(dow.text), `day-of-month and day-of-week cannot both be "?"; write "*" in day-of-month to run every day`}, true
	case !domQ && !dowQ:
		fix := `write "?" in one of them`
		if dow.text == "*" {
			fix = `write "?" for day-of-week to run on the days of month given`
		} else if dom.text == "*" {
			fix = `write "?" for day-of-month to run on the days of week given`
		}
		return CronProblem{dow.offset, len(dow.text), `one of day-of-month and day-of-week must be "?" (Quartz cannot combine them); ` + fix}, true
	}
	return CronProblem{}, false
}

// checkCronField checks one field: a single special (?, L, W, #) or a list of items.
func checkCronField(f *cronField, index int, tok cronToken) []CronProblem {
	whole := asciiUpper(tok.text)
	if msg, special := checkSpecial(f, index, whole); special {
		if msg == "" {
			return nil
		}
		return []CronProblem{{tok.offset, len(tok.text), msg}}
	}
	var problems []CronProblem
	at := tok.offset
	for _, item := range strings.Split(whole, ",") {
		if msg := checkCronItem(f, index, item); msg != "" {
			off, length := at, len(item)
			if length == 0 { // an empty item: point at the comma before it, or after it if first
				length = 1
				if at > tok.offset {
					off = at - 1
				}
			}
			problems = append(problems, CronProblem{off, length, msg})
		}
		at += len(item) + 1
	}
	return problems
}

// checkSpecial handles the forms that must stand alone in their field. special is false
// when the field is not one of them (then it is a list to check item by item).
func checkSpecial(f *cronField, index int, s string) (msg string, special bool) {
	if s == "?" {
		if index == fieldDayOfMonth || index == fieldDayOfWeek {
			return "", true
		}
		return fmt.Sprintf(`"?" is only allowed in day-of-month or day-of-week; write "*" for every value of %s`, f.name), true
	}
	if !usesLWHash(f, s) {
		return "", false
	}
	if strings.ContainsAny(s, ",") {
		return fmt.Sprintf("%q: L, W and # cannot be combined with a list in Quartz; write the single form alone", s), true
	}
	switch index {
	case fieldDayOfMonth:
		return checkDayOfMonthSpecial(f, s), true
	case fieldDayOfWeek:
		return checkDayOfWeekSpecial(f, s), true
	}
	return fmt.Sprintf("%q: L, W and # are only allowed in day-of-month (L, L-3, LW, 15W) and day-of-week (L, 6L, MON#2); %s takes %s", s, f.name, f.examples), true
}

// usesLWHash reports whether s uses L, W or #, not counting the letters of month and day
// names (JUL, WED).
func usesLWHash(f *cronField, s string) bool {
	for _, name := range f.names {
		s = strings.ReplaceAll(s, name, "")
	}
	return strings.ContainsAny(s, "LW#")
}

func checkDayOfMonthSpecial(f *cronField, s string) string {
	switch {
	case s == "L" || s == "LW":
		return ""
	case strings.HasPrefix(s, "L-"):
		if n, ok := cronNumber(s[2:]); ok && n >= 1 && n <= 30 {
			return ""
		}
		return fmt.Sprintf("%q: after L- write the number of days before the last day of the month, 1-30 (e.g. L-3)", s)
	case strings.HasSuffix(s, "W") && !strings.ContainsAny(s, "-/*L"):
		if n, ok := cronNumber(s[:len(s)-1]); ok && n >= f.min && n <= f.max {
			return ""
		}
		return fmt.Sprintf("%q: W follows one day of the month, 1-31 (e.g. 15W, the weekday nearest the 15th)", s)
	}
	return fmt.Sprintf("%q is not a Quartz day-of-month; write %s, L, L-3, LW or 15W", s, "1-31, ?")
}

func checkDayOfWeekSpecial(f *cronField, s string) string {
	if s == "L" {
		return ""
	}
	if day, nth, ok := strings.Cut(s, "#"); ok {
		if _, msg := cronValue(f, day); msg != "" {
			return msg
		}
		if n, ok := cronNumber(nth); !ok || n < 1 || n > 5 {
			return fmt.Sprintf("%q: after # write which week of the month, 1-5 (e.g. MON#2, the second Monday)", s)
		}
		return ""
	}
	if day, ok := strings.CutSuffix(s, "L"); ok && !strings.ContainsAny(day, "-/*,") {
		_, msg := cronValue(f, day)
		return msg
	}
	return fmt.Sprintf("%q is not a Quartz day-of-week; write %s", s, f.examples)
}

// checkCronItem checks one list item: *, a value, a range, each with an optional /step.
func checkCronItem(f *cronField, index int, item string) string {
	if item == "" {
		return fmt.Sprintf("empty item in the %s list; remove the extra comma", f.name)
	}
	base, step, hasStep := strings.Cut(item, "/")
	if hasStep {
		if n, ok := cronNumber(step); !ok || n < 1 || n > f.maxStep {
			return fmt.Sprintf("%q: the step after / in %s must be a whole number 1-%d", item, f.name, f.maxStep)
		}
	}
	if base == "*" {
		return ""
	}
	if base == "?" {
		return fmt.Sprintf(`"?" must stand alone in %s; write "?" or a list without it`, f.name)
	}
	lo, hi, isRange := strings.Cut(base, "-")
	if _, msg := cronValue(f, lo); msg != "" {
		return msg
	}
	if isRange {
		if _, msg := cronValue(f, hi); msg != "" {
			return msg
		}
	}
	return ""
}

// cronValue reads one value of field f: a number in range or, for months and days, a name.
func cronValue(f *cronField, s string) (int, string) {
	if n, ok := cronNumber(s); ok {
		if n < f.min || n > f.max {
			return 0, fmt.Sprintf("%s must be %d-%d, not %s", f.name, f.min, f.max, s)
		}
		return n, ""
	}
	for i, name := range f.names {
		if s == name {
			return f.min + i, ""
		}
	}
	if s == "" {
		return 0, fmt.Sprintf("a value is missing in %s (write %s)", f.name, f.examples)
	}
	msg := fmt.Sprintf("%q is not a value of %s; write %s", s, f.name, f.examples)
	if len(f.names) > 0 {
		msg += suggest.Hint(s, f.names)
	}
	return 0, msg
}

// asciiUpper upper-cases ASCII letters only, so that byte offsets into the result are offsets
// into s (strings.ToUpper may change the length of other text).
func asciiUpper(s string) string {
	b := []byte(s)
	for i, c := range b {
		if 'a' <= c && c <= 'z' {
			b[i] = c - 'a' + 'A'
		}
	}
	return string(b)
}

// cronNumber parses a decimal number of at most 4 digits (leading zeros allowed: "00").
func cronNumber(s string) (int, bool) {
	if s == "" || len(s) > 4 || strings.TrimLeft(s, "0123456789") != "" {
		return 0, false
	}
	n, err := strconv.Atoi(s)
	return n, err == nil
}
