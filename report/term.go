package report

import "os"

// IsTerminal reports whether f is a character device (a terminal), without a dependency on
// x/term. Pipes, files and a nil f are not terminals.
func IsTerminal(f *os.File) bool {
	if f == nil {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}

// ColorEnabled decides whether output to f gets ANSI colours:
//   - NO_COLOR set to any non-empty value turns colour off (https://no-color.org), and wins;
//   - FORCE_COLOR set non-empty turns it on even into a pipe (CI logs render ANSI),
//     except "0" or "false", which turn it off;
//   - otherwise colour is on for a terminal whose TERM is not "dumb".
//
// A nil getenv reads the process environment.
func ColorEnabled(f *os.File, getenv func(string) string) bool {
	if getenv == nil {
		getenv = os.Getenv
	}
	if getenv("NO_COLOR") != "" {
		return false
	}
	switch force := getenv("FORCE_COLOR"); force {
	case "":
	case "0", "false":
		return false
	default:
		return true
	}
	return getenv("TERM") != "dumb" && IsTerminal(f)
}
