package dataworks

import (
	"strings"
	"testing"
)

func TestValidateCronAccepts(t *testing.T) {
	valid := []string{
		// The crons of the FlowSpec examples, server-shape specs and the SDK example.
		"00 00 00 * * ?", "00 03 00 * * ?", "00 24 00 * * ?", "00 26 00 * * ?",
		"00 */30 00-23 * * ?", "0 0 0 * * ? *", "0 0 2 * * ? *", "0 0 3 * * ? *", "0 0 4 * * ? *",
		// Alibaba's DataWorks scheduling guide (agent skill, references/scheduling-guide.md).
		"00 30 08 * * ?", "00 00 */6 * * ?", "00 00 * * * ?", "00 */5 * * * ?",
		"00 00 01 ? * MON", "00 00 03 ? * MON,FRI", "00 00 02 1 * ?", "00 00 02 L * ?",
		"00 00 02 1 1,4,7,10 ?",
		// Quartz syntax: ranges, wrapping ranges, steps, names in any case, L W #, a year.
		"0 15 10 ? * MON-FRI", "0 0 22 ? * FRI-MON", "0 0/5 14,18 * * ?", "0 10-40/10 * * * ?",
		"0 0 12 1/5 * ?", "0 11 11 11 11 ?", "0 0 0 ? JAN-MAR,JUL,DEC *", "0 0 0 ? jan mon",
		"0 0 0 L-3 * ?", "0 0 0 LW * ?", "0 0 0 15W * ?", "0 0 0 ? * L", "0 0 0 ? * 6L",
		"0 0 0 ? * FRIL", "0 0 0 ? * 6#3", "0 0 0 ? * MON#1", "0 0 0 ? * WED", "0 0 0 * JUL ?",
		"0 0 12 * * ? 2026", "0 0 12 * * ? 2026-2030", "0 0 12 * * ? */2",
		"  0 0 12 * * ?  ", "0\t0\t12\t*\t*\t?", "59 59 23 31 12 ? 2099",
	}
	for _, expr := range valid {
		if problems := ValidateCron(expr); problems != nil {
			t.Errorf("ValidateCron(%q) = %+v, want no problem", expr, problems)
		}
	}
}

func TestValidateCronRejects(t *testing.T) {
	cases := []struct {
		expr string
		at   string // where the problem points: the first word of the last occurrence of at in expr ("" for the whole expression)
		want string // in the message
	}{
		{"30 2 * * *", "", `this one has 5, like a Unix cron; Quartz puts seconds first: write "0 30 2 * * ?"`},
		{"30 2 ? * MON", "", `write "0 30 2 ? * MON"`},
		{"0 0", "", `has 6 or 7 fields (seconds minutes hours day-of-month month day-of-week [year]), this one has 2; for 02:30 every day write "00 30 02 * * ?"`},
		{"0 0 0 * * ? 2026 1", "", "this one has 8"},
		{"", "", "this one has 0"},
		{"60 0 0 * * ?", "60", "seconds must be 0-59, not 60"},
		{"0 0 24 * * ?", "24", "hours must be 0-23, not 24"},
		{"0 0 0 0 * ?", "0 *", "day-of-month must be 1-31, not 0"},
		{"0 0 0 32 * ?", "32", "day-of-month must be 1-31, not 32"},
		{"0 0 0 ? 13 *", "13", "month must be 1-12, not 13"},
		{"0 0 0 ? * 8", "8", "day-of-week must be 1-7, not 8"},
		{"0 0 0 * * ? 1969", "1969", "year must be 1970-2099, not 1969"},
		{"0 1,2,99 0 * * ?", "99", "minutes must be 0-59, not 99"},
		{"0 1,,2 0 * * ?", ",", "empty item in the minutes list"},
		{"0 0 0 ? * MON,", ",", "empty item in the day-of-week list"},
		{"0 5-70 0 * * ?", "5-70", "minutes must be 0-59, not 70"},
		{"0 */0 0 * * ?", "*/0", "the step after / in minutes must be a whole number 1-59"},
		{"0 */60 0 * * ?", "*/60", "1-59"},
		{"0 0 */x * * ?", "*/x", "the step after / in hours must be a whole number 1-23"},
		{"0 0 0 ? JANN *", "JANN", `"JANN" is not a value of month; write 1-12 or JAN-DEC; did you mean "JAN"?`},
		{"0 0 0 ? * MONN", "MONN", `did you mean "MON"?`},
		{"0 0 0 ? * MON-FRO", "MON-FRO", `"FRO" is not a value of day-of-week`},
		{"? 0 0 * * ?", "? 0", `"?" is only allowed in day-of-month or day-of-week; write "*" for every value of seconds`},
		{"0 0 0 ? * ?", "?", `day-of-month and day-of-week cannot both be "?"; write "*" in day-of-month`},
		{"0 0 0 * * *", "*", `one of day-of-month and day-of-week must be "?" (Quartz cannot combine them); write "?" for day-of-week`},
		{"0 0 0 * * MON", "MON", `write "?" for day-of-month to run on the days of week given`},
		{"0 0 0 1 * MON", "MON", `one of day-of-month and day-of-week must be "?"`},
		{"0 0 0 1,? * *", "?", `"?" must stand alone in day-of-month`},
		{"0 0 L * * ?", "L", "L, W and # are only allowed in day-of-month (L, L-3, LW, 15W) and day-of-week (L, 6L, MON#2); hours takes 0-23"},
		{"0 0 0 L-31 * ?", "L-31", "after L- write the number of days before the last day of the month, 1-30"},
		{"0 0 0 32W * ?", "32W", "W follows one day of the month, 1-31"},
		{"0 0 0 L,15 * ?", "L,15", "L, W and # cannot be combined with a list"},
		{"0 0 0 ? * MON#6", "MON#6", "after # write which week of the month, 1-5"},
		{"0 0 0 ? * 9#1", "9#1", "day-of-week must be 1-7, not 9"},
		{"0 0 0 ? * 8L", "8L", "day-of-week must be 1-7, not 8"},
		{"0 0 0 ? * 1-3L", "1-3L", `"1-3L" is not a Quartz day-of-week`},
		{"0 0 0 1W-3 * ?", "1W-3", `"1W-3" is not a Quartz day-of-month`},
		{"0 0 0 ? 1- *", "1-", "a value is missing in month"},
		{"0 0 0 ? * 12345", "12345", `"12345" is not a value of day-of-week`},
	}
	for _, tc := range cases {
		problems := ValidateCron(tc.expr)
		if len(problems) != 1 {
			t.Errorf("ValidateCron(%q) = %+v, want one problem", tc.expr, problems)
			continue
		}
		p := problems[0]
		if !strings.Contains(p.Message, tc.want) {
			t.Errorf("ValidateCron(%q) says %q, want it to contain %q", tc.expr, p.Message, tc.want)
		}
		wantOff, wantLen := 0, len(tc.expr)
		if tc.at != "" {
			wantOff, wantLen = strings.LastIndex(tc.expr, tc.at), len(strings.Fields(tc.at)[0])
			if tc.at == "," {
				wantOff = strings.Index(tc.expr+",", ",,") // the comma before the empty item
			}
		}
		if p.Offset != wantOff || p.Length != wantLen {
			t.Errorf("ValidateCron(%q) points at [%d,+%d) %q, want %q", tc.expr, p.Offset, p.Length,
				tc.expr[p.Offset:p.Offset+p.Length], tc.at)
		}
	}
}

// Every problem of an expression is reported, each at its own place.
func TestValidateCronReportsEveryProblem(t *testing.T) {
	expr := "61 0 25 * 13 *"
	problems := ValidateCron(expr)
	var got []string
	for _, p := range problems {
		got = append(got, expr[p.Offset:p.Offset+p.Length])
	}
	if want := "61 25 13 *"; strings.Join(got, " ") != want {
		t.Errorf("problems at %q, want %q (%+v)", got, want, problems)
	}
}

// Whatever the input, ValidateCron ends, and every problem points inside the expression.
func FuzzValidateCron(f *testing.F) {
	for _, seed := range []string{"00 00 00 * * ?", "0 0 0 ? * MON#2", "0 0 0 L-3 * ? 2026", "61,,/ - L W # ?", "\t", "0 0 0 ? * WEDL"} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, expr string) {
		for _, p := range ValidateCron(expr) {
			if p.Offset < 0 || p.Length < 0 || p.Offset+p.Length > len(expr) || p.Message == "" {
				t.Fatalf("ValidateCron(%q): problem %+v out of bounds or without message", expr, p)
			}
		}
	})
}
