// Package expr is wfc's expression language: the subset of JUEL (the Unified Expression
// Language of JSP 2.1 / EL 2.2, as implemented by JUEL 2.2 and forked into Flowable, the
// engine SecMaster runs) that a workflow value may hold.
//
// A value is a composite of literal text and ${...} (or #{...}) parts (EL 2.2 spec,
// section 1.2.2, "Composite expressions"); ParseTemplate splits it and parses every part
// with one lexer and one Pratt parser. The grammar follows the EL 2.2 spec's collected
// syntax (section 1.19) and operator precedence (section 1.17, highest first):
//
//	[] .                      member and index access, calls
//	- (unary) ! not empty     prefix operators
//	* / div % mod
//	+ - (binary)
//	< > <= >= lt gt le ge
//	== != eq ne
//	&& and
//	|| or
//	? :                       right-associative
//
// docs/expressions.md writes the grammar out in EBNF and records where wfc decides
// something the spec leaves open or Flowable does differently.
//
// Every node carries byte offsets (Pos) into the value string it was parsed from, start
// inclusive and end exclusive, so a caller that knows where the value sits in a file can
// turn an offset into a line and column. Problems are values (Diagnostic), never panics;
// parsing is linear in the input and nesting is bounded by MaxDepth.
package expr
