package lint

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"github.com/wfc-dev/wfc/diag"
	"github.com/wfc-dev/wfc/workflow"
)

var wfEntityLikeText = &Rule{
	ID:          "entity-like-text",
	Severity:    diag.Warning,
	Recommended: true,
	Scope:       ScopeWorkflow,
	Target:      "secmaster", // SecMaster's editor rewrites the text, not BPMN at large
	Summary:     "no text that SecMaster's canvas would read back as an XML entity",
	Doc: "Any character is fine in a name: wfc escapes `&`, `<` and `>`, and SecMaster's canvas " +
		"(xml-js and bpmn-moddle) reads a raw `&` or `<` back exactly. What changes when the " +
		"console saves the diagram is an `&` that spells an entity: the canvas writes attribute " +
		"values unescaped and then decodes `&amp;` `&lt;` `&gt;` `&quot;` `&apos;` `&#60;` `&#x3c;` " +
		"and the like, so a step or case name, connection, workflow, approver or action holding " +
		"one turns into the character it names. In text (a step's description, a named case's " +
		"condition) only `&amp;` changes: it becomes `&`. Write the character itself instead; " +
		"wfc escapes it.",
	Check: func(p *Pass) {
		for _, s := range p.Input.Workflow.AllSteps() {
			checkEntityLikeStep(p, s)
		}
	},
}

// checkEntityLikeStep reports the entity-like spellings in the values of s that land in
// the BPMN: whole entities in attributes, &amp; in text.
func checkEntityLikeStep(p *Pass, s *workflow.Step) {
	attrs, texts := bpmnValues(p, s)
	for _, f := range attrs {
		for _, e := range attributeEntities(f.s.Value) {
			p.Report(f.s.Span(e.start, e.end), "%s: %q turns into %q when SecMaster's canvas saves the diagram (it writes attribute values unescaped and reads entities back); write %q instead, which wfc escapes",
				f.field, f.s.Value[e.start:e.end], e.decoded, e.decoded)
		}
	}
	const amp = "&amp;"
	for _, f := range texts {
		for off := 0; ; {
			i := strings.Index(f.s.Value[off:], amp)
			if i < 0 {
				break
			}
			off += i + len(amp)
			p.Report(f.s.Span(off-len(amp), off), "%s: \"&amp;\" turns into \"&\" when SecMaster's canvas saves the diagram (it unescapes &amp; in text before escaping it again); write \"&\" instead, which wfc escapes",
				f.field)
		}
	}
}

// bpmnValues are the values of s the compiler writes into BPMN attributes (names, the
// serviceTask's soar: attributes, the userTask's handlers, the callActivity's target, an
// unnamed case's label) and into text (documentation, a named case's condition). A
// condition that does not parse is left to expression-syntax.
func bpmnValues(p *Pass, s *workflow.Step) (attrs, texts []fieldString) {
	sink := &attributeSink{attrs: []fieldString{{"name", s.Name}}}
	s.Values(sink)
	attrs, cases := sink.attrs, sink.cases
	texts = []fieldString{{"description", s.Description}}
	for i, c := range cases {
		attrs = append(attrs, fieldString{fmt.Sprintf("switch[%d].name", i), c.Name})
		when := fieldString{fmt.Sprintf("switch[%d].when", i), c.When}
		if ps := p.parsed(c.When); ps != nil && ps.hasSyntaxError() {
			continue // an entity in an expression is a syntax error, and expression-syntax says so
		}
		if c.Name.IsSet() {
			texts = append(texts, when)
		} else {
			when.field += " (the flow's label)"
			attrs = append(attrs, when)
		}
	}
	return attrs, texts
}

// fieldString is a value and the field it is written in, for messages.
type fieldString struct {
	field string
	s     workflow.String
}

// entity is an entity reference found in a value: bytes start..end, and what it decodes to.
type entity struct {
	start, end int
	decoded    string
}

// entityPattern and xmlEntityNames are saxen's (bpmn-moddle's XML reader): it decodes
// decimal and hex references and the five XML names, in lower or upper case, and leaves
// any other &name; as written.
var (
	entityPattern  = regexp.MustCompile(`(?i)&#(\d+);|&#x([0-9a-f]+);|&(\w+);`)
	xmlEntityNames = map[string]string{"amp": "&", "apos": "'", "gt": ">", "lt": "<", "quot": `"`,
		"AMP": "&", "APOS": "'", "GT": ">", "LT": "<", "QUOT": `"`}
)

// attributeEntities finds the references in an attribute value that SecMaster's canvas
// would decode, in order.
func attributeEntities(v string) []entity {
	if !strings.Contains(v, "&") {
		return nil
	}
	var out []entity
	for _, m := range entityPattern.FindAllStringSubmatchIndex(v, -1) {
		e := entity{start: m[0], end: m[1]}
		switch {
		case m[2] >= 0:
			e.decoded = fromCharCode(v[m[2]:m[3]], 10)
		case m[4] >= 0:
			e.decoded = fromCharCode(v[m[4]:m[5]], 16)
		default:
			var known bool
			if e.decoded, known = xmlEntityNames[v[m[6]:m[7]]]; !known {
				continue
			}
		}
		out = append(out, e)
	}
	return out
}

// fromCharCode is the character JavaScript's String.fromCharCode gives for a numeric
// reference: the low 16 bits of the number (a lone surrogate shows as U+FFFD).
func fromCharCode(digits string, base int) string {
	var code uint16
	for _, d := range digits {
		n, _ := strconv.ParseUint(string(d), 16, 8)
		code = code*uint16(base) + uint16(n)
	}
	return string(rune(code))
}

// attributeSink collects the strings of a step body that SecMaster's compiler writes into
// BPMN attributes (Step.Values): every string and set member (the soar: attributes, the
// handlers, the call's target); a switch's cases, whose label and condition bpmnValues sorts
// into attributes or text.
type attributeSink struct {
	attrs []fieldString
	cases []*workflow.Case
}

func (a *attributeSink) String(path string, s workflow.String) {
	a.attrs = append(a.attrs, fieldString{path, s})
}
func (a *attributeSink) Set(path string, items []workflow.String, _ diag.Range) {
	for i, s := range items {
		a.attrs = append(a.attrs, fieldString{fmt.Sprintf("%s[%d]", path, i), s})
	}
}
func (a *attributeSink) Case(_ int, c *workflow.Case)      { a.cases = append(a.cases, c) }
func (*attributeSink) Duration(string, *workflow.Duration) {}
func (*attributeSink) Retry(*workflow.Retry)               {}
func (*attributeSink) Entries(string, []*workflow.Entry)   {}
func (*attributeSink) Policy(string, string, diag.Range)   {}
func (*attributeSink) Count(string, int, diag.Range)       {}
