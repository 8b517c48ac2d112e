// Package bpmn holds wfc's view of BPMN 2.0: the xml-js element tree that SecMaster stores,
// codecs between that tree, BPMN XML and the SecMaster taskflow envelope, and a typed graph
// model (model.go) read from and written to the tree.
package bpmn

// NodeType is the kind of an xml-js node, spelled exactly as xml-js writes its "type" key.
type NodeType string

const (
	ElementNode     NodeType = "element"
	TextNode        NodeType = "text"
	CDataNode       NodeType = "cdata"
	CommentNode     NodeType = "comment"
	InstructionNode NodeType = "instruction"
	DoctypeNode     NodeType = "doctype"
)

// Attr is one attribute, its name qualified as written ("xsi:type", "xmlns:bpmn2").
type Attr struct {
	Name  string
	Value string
}

// Node is one node of the xml-js non-compact tree.
//
// Only the fields of its kind are set: an element has Name, Attrs and Children; an
// instruction has Name and Value; text, cdata, comment and doctype nodes have Value.
type Node struct {
	Type     NodeType
	Name     string  // element or instruction name, prefix included ("bpmn2:process")
	Attrs    []Attr  // in document order; xml-js keeps that order and so must we
	Children []*Node // in document order
	Value    string  // text, cdata, comment, doctype or instruction body

	// Line and Col locate the node's start in the XML it was decoded from (1-based,
	// columns in characters); both are 0 for nodes that came from JSON or were built in code.
	Line, Col int
}

// Document is the root object of the tree: an optional XML declaration and the top-level
// nodes (the root element plus any comments, instructions or doctype around it).
type Document struct {
	Declaration *Declaration
	Children    []*Node
}

// Declaration is the XML declaration; xml-js keeps only its attributes.
type Declaration struct {
	Attrs []Attr
}

// Attr returns the value of the named attribute and whether it is present.
func (n *Node) Attr(name string) (string, bool) {
	for _, a := range n.Attrs {
		if a.Name == name {
			return a.Value, true
		}
	}
	return "", false
}

// AttrOr returns the named attribute's value, or def when it is absent.
func (n *Node) AttrOr(name, def string) string {
	if v, ok := n.Attr(name); ok {
		return v
	}
	return def
}

// SetAttr sets an attribute, keeping its place if present and appending it otherwise.
func (n *Node) SetAttr(name, value string) {
	for i := range n.Attrs {
		if n.Attrs[i].Name == name {
			n.Attrs[i].Value = value
			return
		}
	}
	n.Attrs = append(n.Attrs, Attr{Name: name, Value: value})
}

// Root returns the document's first element, or nil when there is none.
func (d *Document) Root() *Node {
	for _, c := range d.Children {
		if c.Type == ElementNode {
			return c
		}
	}
	return nil
}

// Elements returns the element children of n, in order.
func (n *Node) Elements() []*Node {
	out := make([]*Node, 0, len(n.Children))
	for _, c := range n.Children {
		if c.Type == ElementNode {
			out = append(out, c)
		}
	}
	return out
}

// LocalName is the element name without its prefix: "bpmn2:startEvent" -> "startEvent".
func LocalName(qualified string) string {
	for i := len(qualified) - 1; i >= 0; i-- {
		if qualified[i] == ':' {
			return qualified[i+1:]
		}
	}
	return qualified
}

// Prefix is the element name's prefix, or "" when it has none.
func Prefix(qualified string) string {
	for i := len(qualified) - 1; i >= 0; i-- {
		if qualified[i] == ':' {
			return qualified[:i]
		}
	}
	return ""
}

// InnerText concatenates the text and cdata children of n (not recursively), which is how
// BPMN carries ids in <incoming>, expressions in <conditionExpression> and so on.
func (n *Node) InnerText() string {
	var s string
	for _, c := range n.Children {
		if c.Type == TextNode || c.Type == CDataNode {
			s += c.Value
		}
	}
	return s
}
