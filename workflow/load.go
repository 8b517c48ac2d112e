package workflow

import (
	"bytes"
	"errors"
	"io"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"gopkg.in/yaml.v3"

	"github.com/wfc-dev/wfc/diag"
	"github.com/wfc-dev/wfc/internal/readlimit"
	"github.com/wfc-dev/wfc/schema"
)

// MaxFileSize is the largest workflow file Load reads, in bytes (8 MiB); real workflows are
// a few kilobytes, so anything near this is a mistake or an attack.
const MaxFileSize = readlimit.Workflow

// Load parses one workflow file: YAML, then the JSON Schema, then the AST. It returns every
// problem it finds, sorted; it never panics. The workflow is nil only when the file is not a
// YAML mapping at all (unreadable, a syntax error, empty, a list, ...); otherwise it is the
// part of the workflow that could be read, even when there are schema errors. Semantic checks
// that need the whole graph (unknown next targets, duplicate step ids) are the compiler's.
func Load(filename string, src []byte) (*Workflow, diag.List) {
	w, diags := load(filename, src)
	return w, diags.Cap(diag.DefaultLimits) // so a garbage file cannot flood the terminal
}

// sizeOver says how big a file over MaxFileSize is. Readers stop one byte past the limit
// (io.LimitReader(r, MaxFileSize+1)), so that length means "more than the limit", not a size.
func sizeOver(n int) string {
	if n == MaxFileSize+1 {
		return "more than " + diag.Size(MaxFileSize)
	}
	return diag.Size(int64(n))
}

func load(file string, src []byte) (*Workflow, diag.List) {
	whole := diag.Range{File: file}
	if len(src) > MaxFileSize {
		return nil, diag.List{diag.Errorf(whole, diag.RuleSyntax,
			"file is %s; a workflow file may be at most %s, split it into smaller workflows", sizeOver(len(src)), diag.Size(MaxFileSize))}
	}
	src = bytes.TrimPrefix(src, []byte("\xef\xbb\xbf")) // a UTF-8 byte order mark is harmless
	if d, bad := checkEncoding(file, src); bad {
		return nil, diag.List{d}
	}
	text := newSource(src)

	dec := yaml.NewDecoder(bytes.NewReader(src))
	var doc yaml.Node
	if err := dec.Decode(&doc); err != nil {
		if errors.Is(err, io.EOF) {
			return nil, diag.List{emptyFile(file)}
		}
		return nil, diag.List{syntaxError(file, text, err)}
	}
	var diags diag.List
	var second yaml.Node
	if err := dec.Decode(&second); err == nil {
		if !isEmptyDocument(&second) {
			diags = append(diags, diag.Errorf(rangeAt(file, &second), diag.RuleSyntax,
				"only one workflow per file; this '---' starts a second YAML document, move it to its own file"))
		}
	} else if !errors.Is(err, io.EOF) {
		diags = append(diags, syntaxError(file, text, err))
	}

	if isEmptyDocument(&doc) {
		return nil, append(diags, emptyFile(file))
	}
	top := doc.Content[0]
	if top.Kind == yaml.AliasNode && top.Alias != nil {
		top = top.Alias
	}
	if top.Kind != yaml.MappingNode {
		return nil, append(diags, diag.Errorf(rangeAt(file, top), diag.RuleSchema,
			"the top level must be a mapping of workflow keys (wfc, name, description, steps, ...), got %s", describeNode(top)))
	}

	root, nd := normalize(file, doc.Content[0])
	diags = append(diags, nd...)
	if root == nil {
		return nil, diags
	}
	diags = append(diags, schema.Validate(file, root)...)
	b := &builder{file: file, src: text}
	w := b.workflow(root)
	return w, append(diags, b.diags...)
}

func rangeAt(file string, n *yaml.Node) diag.Range {
	return diag.Range{File: file, Start: diag.Pos{Line: n.Line, Column: n.Column}}
}

func emptyFile(file string) diag.Diagnostic {
	return diag.Errorf(diag.Range{File: file}, diag.RuleSyntax,
		"file has no workflow; start with wfc: 1, name, description and steps")
}

// isEmptyDocument reports whether a document holds nothing (only comments, or a bare ---).
func isEmptyDocument(doc *yaml.Node) bool {
	if len(doc.Content) == 0 {
		return true
	}
	c := doc.Content[0]
	return c.Kind == yaml.ScalarNode && c.ShortTag() == "!!null" && c.Value == "" && c.Style == 0
}

func describeNode(n *yaml.Node) string {
	switch n.Kind {
	case yaml.SequenceNode:
		return "a list"
	case yaml.ScalarNode:
		if n.ShortTag() == "!!null" {
			return "an empty value"
		}
		return "the value " + strconv.Quote(truncate(n.Value, 40))
	}
	return "something else"
}

func truncate(s string, max int) string {
	if r := []rune(s); len(r) > max {
		return string(r[:max]) + "…"
	}
	return s
}

// checkEncoding rejects UTF-16 and invalid UTF-8, pointing at the first bad byte.
func checkEncoding(file string, src []byte) (diag.Diagnostic, bool) {
	if bytes.HasPrefix(src, []byte{0xff, 0xfe}) || bytes.HasPrefix(src, []byte{0xfe, 0xff}) {
		return diag.Errorf(diag.Range{File: file}, diag.RuleSyntax, "file is UTF-16; save it as UTF-8"), true
	}
	if utf8.Valid(src) {
		return diag.Diagnostic{}, false
	}
	line, col := 1, 1
	for i := 0; i < len(src); {
		r, size := utf8.DecodeRune(src[i:])
		if r == utf8.RuneError && size <= 1 {
			return diag.Errorf(diag.Range{File: file, Start: diag.Pos{Line: line, Column: col}}, diag.RuleSyntax,
				"file is not valid UTF-8 (byte 0x%02x); save it as UTF-8", src[i]), true
		}
		if r == '\n' {
			line, col = line+1, 1
		} else {
			col++
		}
		i += size
	}
	return diag.Diagnostic{}, false
}

var yamlErrLine = regexp.MustCompile(`^yaml: line (\d+): (.*)$`)

// syntaxHints replaces yaml.v3's terse messages with what to do about them.
var syntaxHints = map[string]string{
	"mapping values are not allowed in this context": "unexpected ':'; quote a value that contains ': ', or fix the indentation",
	"found unexpected end of stream":                 "the file ends inside a quoted string or a [ ] / { } collection; close it",
	"did not find expected key":                      "expected a key at this indentation; check that the items of this mapping or list line up",
	"could not find expected ':'":                    "expected ':' after a key; quote a value that spans lines, or use | for a block",
	"did not find expected '-' indicator":            "expected a list item ('- ...') at this indentation; a list and a mapping cannot be mixed at one level",
}

// syntaxError rewrites a yaml.v3 error as a positioned diagnostic. yaml.v3 gives only a
// line, and for some errors none; the column is the first non-blank character of the line
// (or the offending tab or control character, when that is the problem).
func syntaxError(file string, text *source, err error) diag.Diagnostic {
	msg := strings.TrimPrefix(err.Error(), "yaml: ")
	line := 0
	if m := yamlErrLine.FindStringSubmatch(err.Error()); m != nil {
		line, _ = strconv.Atoi(m[1])
		msg = m[2]
	}
	if line < 1 {
		line = 1
	}
	if n := len(text.starts); line > n {
		line = n
	}
	// yaml.v3 sometimes reports the line after the problem (at the end of the file): step
	// back over blank lines so the position names something the user wrote.
	for line > 1 && strings.TrimSpace(text.line(line)) == "" {
		line--
	}
	if len(text.src) <= maxRefineSize {
		line = refineLine(text, line, err.Error())
	}
	col := firstNonBlank(text.line(line))
	if d, isTab := tabError(file, line, text.line(line), msg); isTab {
		return d
	}
	switch {
	case msg == "control characters are not allowed":
		if l, c, ok := findControl(text); ok {
			line, col = l, c
		}
		msg = "control character in the file; remove it or write it as an escape in a double-quoted string"
	case strings.HasPrefix(msg, "exceeded max depth"):
		msg = "the YAML is nested too deeply (" + msg + ")"
	case syntaxHints[msg] != "":
		msg = syntaxHints[msg]
	default:
		msg = "invalid YAML: " + msg
	}
	return diag.Errorf(diag.Range{File: file, Start: diag.Pos{Line: line, Column: col}}, diag.RuleSyntax, "%s", msg)
}

func firstNonBlank(line string) int {
	col := 1
	for _, r := range line {
		if r != ' ' && r != '\t' {
			return col
		}
		col++
	}
	return 1
}

// findControl finds the first character YAML forbids (C0 controls other than tab and line
// breaks, DEL, C1 controls).
func findControl(text *source) (line, col int, ok bool) {
	for n := 1; n <= len(text.starts); n++ {
		c := 1
		for _, r := range text.line(n) {
			if (r < 0x20 && r != '\t') || (r >= 0x7f && r <= 0x9f && r != 0x85) {
				return n, c, true
			}
			c++
		}
	}
	return 0, 0, false
}

// maxRefineSize bounds the files refineLine works on (bytes): it parses the file up to
// about 20 more times, which is instant for a workflow and pointless for a huge file.
const maxRefineSize = 1 << 20

// refineLine finds the line a YAML error is really on. yaml.v3 reports the line where the
// enclosing block started (its "context"), often lines above the mistake; the first prefix
// of the file that fails to parse with the same message ends at the mistake. The prefixes are
// searched by bisection between the reported line and the end of the file.
func refineLine(text *source, reported int, want string) int {
	fails := func(lines int) bool {
		end := len(text.src)
		if lines < len(text.starts) {
			end = text.starts[lines]
		}
		dec := yaml.NewDecoder(bytes.NewReader(text.src[:end]))
		for {
			var n yaml.Node
			err := dec.Decode(&n)
			if err == nil {
				continue
			}
			return !errors.Is(err, io.EOF) && sameProblem(err.Error(), want)
		}
	}
	lo, hi := reported, len(text.starts)
	if lo < 1 || lo > hi || !fails(hi) {
		return reported
	}
	for lo < hi {
		mid := lo + (hi-lo)/2
		if fails(mid) {
			hi = mid
		} else {
			lo = mid + 1
		}
	}
	return lo
}

// sameProblem compares two yaml.v3 errors without their "line N:" part.
func sameProblem(a, b string) bool {
	strip := func(s string) string {
		if m := yamlErrLine.FindStringSubmatch(s); m != nil {
			return m[2]
		}
		return strings.TrimPrefix(s, "yaml: ")
	}
	return strip(a) == strip(b)
}
