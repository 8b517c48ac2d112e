package expr

import (
	"fmt"

	"github.com/wfc-dev/wfc/diag"
)

// Pos is a byte offset into the string that was parsed (the whole value for ParseTemplate,
// the body for ParseExpr). For a value read from YAML, workflow.String's Span(int(start),
// int(end)) turns a pair of them into a file range with line and column.
type Pos int

// Kind names the sort of problem a Diagnostic reports, for callers that pick rules by it.
type Kind string

const (
	KindUnterminated       Kind = "unterminated-expression" // ${ with no closing }
	KindUnterminatedString Kind = "unterminated-string"
	KindBadEscape          Kind = "bad-escape"       // \x in a string literal
	KindBadNumber          Kind = "bad-number"       // an integer literal too large
	KindUnknownOperator    Kind = "unknown-operator" // ===, <>, =, &, +=, ...
	KindUnexpected         Kind = "unexpected-token" // a token where it cannot stand
	KindMissingOperand     Kind = "missing-operand"  // ${a ==}, ${}
	KindReserved           Kind = "reserved-word"    // instanceof, a.empty
	KindTooDeep            Kind = "too-deep"         // nesting beyond MaxDepth
	KindMixedDelimiters    Kind = "mixed-delimiters" // ${...} and #{...} in one value
	KindForgottenBrace     Kind = "forgotten-brace"  // $inputs.ip in literal text (warning)
	KindType               Kind = "type-mismatch"    // found by Check
)

// Diagnostic is one problem found in a value, at bytes [Start, End) of the parsed string.
type Diagnostic struct {
	Kind     Kind
	Severity diag.Severity
	Message  string
	Start    Pos
	End      Pos
}

func (d Diagnostic) Error() string { return fmt.Sprintf("%d-%d: %s", d.Start, d.End, d.Message) }

func errorAt(kind Kind, start, end Pos, format string, args ...any) *Diagnostic {
	return &Diagnostic{Kind: kind, Severity: diag.Error, Message: fmt.Sprintf(format, args...), Start: start, End: end}
}
