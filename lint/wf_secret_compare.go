package lint

import (
	"strings"

	"github.com/wfc-dev/wfc/workflow"
	"github.com/wfc-dev/wfc/workflow/expr"
)

// comparedSecret finds a string literal compared with a reference that names a secret,
// ${inputs.password == 'Summer2024!'} (or #{...}), and returns the reference as written. Only
// values holding a quote and an expression are parsed, so the cost stays with the few that can.
func comparedSecret(v string) (ref string, ok bool) {
	if !strings.ContainsAny(v, `'"`) || !workflow.HasExpression(v) {
		return "", false
	}
	t, _ := expr.ParseTemplate(v)
	for _, p := range t.Parts {
		if !p.IsExpr() {
			continue
		}
		expr.Inspect(p.Expr, func(n expr.Node) bool {
			b, isBinary := n.(*expr.Binary)
			if ok || !isBinary || b.Op != expr.OpEq && b.Op != expr.OpNe {
				return !ok
			}
			if r, found := secretLiteralPair(v, b.X, b.Y); found {
				ref, ok = r, true
			} else if r, found := secretLiteralPair(v, b.Y, b.X); found {
				ref, ok = r, true
			}
			return !ok
		})
	}
	return ref, ok
}

// secretLiteralPair reports whether side is a reference whose last name names a secret and
// lit a string literal that passes passwordLike.
func secretLiteralPair(src string, side, lit expr.Node) (string, bool) {
	l, isLit := lit.(*expr.Lit)
	if !isLit || l.Kind != expr.LitString {
		return "", false
	}
	refs := expr.Refs(src, side)
	if len(refs) != 1 || len(refs[0].Path) == 0 {
		return "", false
	}
	name := refs[0].Path[len(refs[0].Path)-1]
	if !secretKey(name) || !passwordLike(l.Str) {
		return "", false
	}
	return refs[0].Text, true
}
