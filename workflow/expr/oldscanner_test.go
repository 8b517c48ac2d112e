package expr_test

import "strings"

// oldScannerRefs is the reference scanner that workflow.Expressions used before it was
// rebuilt on this package, frozen here (from commit 4f692dc, workflow/expr.go, positions
// left out) so that TestReferencesMatchTheOldScanner keeps comparing the parser with an
// independent implementation. Do not fix it: its mistakes are the knownDifferences.
func oldScannerRefs(v string) (roots []string, paths [][]string) {
	for i := 0; i+1 < len(v); {
		start := strings.Index(v[i:], "${")
		if start < 0 {
			break
		}
		start += i
		end, ok := oldCloseBrace(v, start+2)
		body := v[start+2:]
		if ok {
			body = v[start+2 : end]
			i = end + 1
		} else {
			i = len(v)
		}
		r, p := oldRefsIn(body)
		roots, paths = append(roots, r...), append(paths, p...)
	}
	return roots, paths
}

// oldCloseBrace finds the "}" that closes an expression whose body starts at i, skipping
// nested braces and quoted strings; ok is false when there is none.
func oldCloseBrace(s string, i int) (int, bool) {
	depth := 0
	for ; i < len(s); i++ {
		switch c := s[i]; c {
		case '\'', '"':
			j := strings.IndexByte(s[i+1:], c)
			if j < 0 {
				return 0, false
			}
			i += j + 1
		case '{':
			depth++
		case '}':
			if depth == 0 {
				return i, true
			}
			depth--
		}
	}
	return 0, false
}

var oldRefRoots = map[string]bool{"inputs": true, "steps": true, "workflow": true}

// oldRefsIn finds dotted references in an expression body.
func oldRefsIn(body string) (roots []string, paths [][]string) {
	for i := 0; i < len(body); {
		c := body[i]
		switch {
		case c == '\'' || c == '"':
			j := strings.IndexByte(body[i+1:], c)
			if j < 0 {
				return roots, paths
			}
			i += j + 2
		case oldIdentStart(c) && (i == 0 || !oldIdentChar(body[i-1]) && body[i-1] != '.'):
			var names []string
			for {
				j := i
				for j < len(body) && oldIdentChar(body[j]) {
					j++
				}
				names = append(names, body[i:j])
				i = j
				if i+1 < len(body) && body[i] == '.' && oldIdentStart(body[i+1]) {
					i++
					continue
				}
				break
			}
			if len(names) >= 2 && oldRefRoots[names[0]] {
				roots, paths = append(roots, names[0]), append(paths, names[1:])
			}
		default:
			i++
		}
	}
	return roots, paths
}

func oldIdentStart(c byte) bool { return c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }
func oldIdentChar(c byte) bool  { return oldIdentStart(c) || c == '-' || c >= '0' && c <= '9' }
