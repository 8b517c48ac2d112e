package lint

import (
	"strings"

	"github.com/wfc-dev/wfc/diag"
)

var wfDuplicateWhen = &Rule{
	ID:          "duplicate-when",
	Severity:    diag.Error,
	Recommended: true,
	Scope:       ScopeWorkflow,
	Summary:     "the cases of a switch have different conditions",
	Doc: "The first case whose condition holds is taken, so a later case with the same " +
		"condition (ignoring white space outside quoted strings) is never taken. Usually one of " +
		"the two was meant to test something else; fix it, or remove the copy.",
	Check: func(p *Pass) {
		for _, s := range p.Input.Workflow.AllSteps() {
			first := make(map[string]int) // normalised condition → index of the first case with it
			for i, c := range s.Cases {
				if !c.When.IsSet() {
					continue
				}
				key := normalizeExpression(c.When.Value)
				j, seen := first[key]
				if !seen {
					first[key] = i
					continue
				}
				p.Report(c.When.Range, "case %d has the same condition as case %d (line %d), so it is never taken; change the condition or remove the case",
					i+1, j+1, s.Cases[j].When.Range.Start.Line)
			}
		}
	},
}

// normalizeExpression drops white space outside quoted strings, keeping one space only where
// it separates two word characters ("not x", "a and b"), so ${a=='x'} and ${ a == 'x' }
// compare equal and ${'a b'} and ${'ab'} do not.
func normalizeExpression(s string) string {
	word := func(c byte) bool {
		return c == '_' || c == '.' || c >= '0' && c <= '9' || c|0x20 >= 'a' && c|0x20 <= 'z'
	}
	var b strings.Builder
	var last byte // the last byte written; 0 at the start
	space := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c == ' ' || c == '\t' || c == '\n' || c == '\r' {
			space = true
			continue
		}
		if space && word(c) && word(last) {
			b.WriteByte(' ')
		}
		space = false
		if c == '\'' || c == '"' { // copy the quoted string verbatim, to its closing quote or the end
			end := len(s)
			if j := strings.IndexByte(s[i+1:], c); j >= 0 {
				end = i + 1 + j + 1
			}
			b.WriteString(s[i:end])
			last, i = c, end-1
			continue
		}
		b.WriteByte(c)
		last = c
	}
	return b.String()
}
