package expr

// refRoots are the names a workflow reference starts with.
var refRoots = map[string]bool{"inputs": true, "steps": true, "workflow": true}

// Ref is a reference inside an expression: inputs.NAME, steps.ID.output[.FIELD...] or
// workflow.NAME, where a name may also be written as a string index (steps.a.output['x']).
// The path stops at the first index that is not a string literal and at a method call's
// name: steps.a.output[0] is steps.a.output, steps.a.output.x.size() is steps.a.output.x.
type Ref struct {
	Root       string   // "inputs", "steps" or "workflow"
	Path       []string // the names after Root: [NAME], [ID, "output", FIELD...], ...
	Text       string   // the reference as written, e.g. "steps.enrich.output['severity']"
	Start, End Pos      // where it is written in src
	Spans      []Span   // where each name of Path is written: after its dot, or the quoted index
}

// Span is where something is written in src: bytes Start to End.
type Span struct{ Start, End Pos }

// Refs lists the references in a tree parsed from src, in source order.
func Refs(src string, n Node) []Ref {
	var out []Ref
	walkRefs(src, n, &out)
	return out
}

// Refs lists the references in every expression of the value, in order.
func (t *Template) Refs() []Ref {
	var out []Ref
	for _, p := range t.Parts {
		if p.IsExpr() {
			walkRefs(t.Src, p.Expr, &out)
		}
	}
	return out
}

func walkRefs(src string, n Node, out *[]Ref) {
	switch n := n.(type) {
	case *Ident, *Member, *Index:
		walkChain(src, n, out)
	case *Call:
		switch f := n.Fun.(type) {
		case *Member:
			walkRefs(src, f.X, out) // the method's name is not a property
		case *Index:
			walkRefs(src, f.X, out)
			walkRefs(src, f.Index, out)
		}
		for _, a := range n.Args {
			walkRefs(src, a, out)
		}
	case *Unary:
		walkRefs(src, n.X, out)
	case *Binary:
		walkRefs(src, n.X, out)
		walkRefs(src, n.Y, out)
	case *Cond:
		walkRefs(src, n.Cond, out)
		walkRefs(src, n.Then, out)
		walkRefs(src, n.Else, out)
	}
}

// walkChain handles a.b['c'][d].e: the reference is the longest prefix of names from a
// reference root; the root (when it is not a name) and every index are walked in turn.
func walkChain(src string, n Node, out *[]Ref) {
	suffixes := make([]Node, 0, 8) // outermost first
	root := n
	for {
		if m, ok := root.(*Member); ok {
			suffixes, root = append(suffixes, m), m.X
		} else if i, ok := root.(*Index); ok {
			suffixes, root = append(suffixes, i), i.X
		} else {
			break
		}
	}
	if id, ok := root.(*Ident); ok && refRoots[id.Name] {
		// One allocation each, sized for the longest possible path.
		path, spans := make([]string, 0, len(suffixes)), make([]Span, 0, len(suffixes))
		stop := id.End
		for k := len(suffixes) - 1; k >= 0; k-- {
			name, ok := suffixName(suffixes[k])
			if !ok {
				break
			}
			path, spans, stop = append(path, name), append(spans, nameSpan(suffixes[k])), end(suffixes[k])
		}
		if len(path) > 0 {
			*out = append(*out, Ref{Root: id.Name, Path: path, Text: src[id.Start:stop], Start: id.Start, End: stop, Spans: spans})
		}
	} else if !ok {
		walkRefs(src, root, out) // a call, a literal, ...: not a reference, but may hold some
	}
	for k := len(suffixes) - 1; k >= 0; k-- {
		if i, ok := suffixes[k].(*Index); ok {
			walkRefs(src, i.Index, out)
		}
	}
}

// nameSpan is where the name of a .name or ['name'] suffix is written: the name after the
// dot, or the string literal with its quotes.
func nameSpan(n Node) Span {
	if m, ok := n.(*Member); ok {
		return Span{m.NamePos, m.End}
	}
	start, end := n.(*Index).Index.Span()
	return Span{start, end}
}

// suffixName is the property a .name or ['name'] suffix selects.
func suffixName(n Node) (string, bool) {
	switch n := n.(type) {
	case *Member:
		return n.Name, true
	case *Index:
		if l, ok := n.Index.(*Lit); ok && l.Kind == LitString {
			return l.Str, true
		}
	}
	return "", false
}
