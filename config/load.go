package config

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"regexp"
	"strconv"

	"github.com/wfc-dev/wfc/internal/suggest"

	"gopkg.in/yaml.v3"

	"github.com/wfc-dev/wfc/diag"
	"github.com/wfc-dev/wfc/internal/readlimit"
)

// Load reads and checks the config at path. It returns every problem it finds, positioned in
// the file; the Config is nil whenever the list has an error.
func Load(path string) (*Config, diag.List) {
	data, err := readLimited(path)
	if err != nil {
		return nil, diag.List{{Severity: diag.Error, Rule: diag.RuleIO, Message: err.Error(), Range: diag.Range{File: path}}}
	}
	c, diags := Parse(path, data)
	if diags.HasErrors() {
		return nil, diags
	}
	return c, diags
}

// readLimited reads the config, refusing more than readlimit.Config bytes and anything but
// a regular file.
func readLimited(path string) ([]byte, error) {
	data, err := readlimit.File(path, readlimit.Config, FileName+" files")
	var tl *readlimit.TooLargeError
	var re *readlimit.ReadError
	switch {
	case errors.As(err, &tl):
		return nil, fmt.Errorf("the config is larger than %s; %s holds settings, not data", readlimit.Size(tl.Limit), FileName)
	case errors.As(err, &re):
		return nil, fmt.Errorf("cannot read the config: %w", re.Err) // the diagnostic names the file
	case err != nil:
		return nil, err
	}
	return data, nil
}

// Parse checks the bytes of a config file named path (used for positions and to resolve
// relative paths). Unlike Load it returns the partial Config even when there are errors.
func Parse(path string, data []byte) (*Config, diag.List) {
	c := Default(filepath.Dir(path))
	c.Path = path
	p := &parser{file: path, cfg: c}
	root, ok := p.document(data)
	if ok && root != nil {
		p.top(root)
	}
	p.diags.Sort()
	return c, p.diags
}

type parser struct {
	file  string
	cfg   *Config
	diags diag.List
}

// yamlLine finds the line yaml.v3 puts in its syntax errors: "yaml: line 3: did not find ...".
var yamlLine = regexp.MustCompile(`^yaml: line (\d+): (.*)$`)

// document decodes the single YAML document of the file. root is nil for an empty file.
func (p *parser) document(data []byte) (root *yaml.Node, ok bool) {
	dec := yaml.NewDecoder(bytes.NewReader(data))
	var doc yaml.Node
	if err := dec.Decode(&doc); err != nil {
		if err == io.EOF {
			return nil, true
		}
		p.syntaxError(err)
		return nil, false
	}
	var extra yaml.Node
	switch err := dec.Decode(&extra); {
	case err == io.EOF:
	case err != nil:
		p.syntaxError(err)
		return nil, false
	default:
		p.errorf(&extra, "%s holds more than one YAML document; keep only the first", FileName)
		return nil, false
	}
	if len(doc.Content) == 0 {
		return nil, true
	}
	root = resolve(doc.Content[0])
	if root.Kind == yaml.ScalarNode && root.Tag == "!!null" {
		return nil, true
	}
	return root, true
}

func (p *parser) syntaxError(err error) {
	r := diag.Range{File: p.file}
	msg := err.Error()
	if m := yamlLine.FindStringSubmatch(msg); m != nil {
		line, _ := strconv.Atoi(m[1])
		// yaml.v3 gives only the line; column 1 keeps the position well-formed.
		r.Start = diag.Pos{Line: line, Column: 1}
		msg = m[2]
	}
	p.diags = append(p.diags, diag.Diagnostic{Severity: diag.Error, Rule: diag.RuleSyntax, Message: "invalid YAML: " + msg, Range: r})
}

// rangeOf is the span of a node: its start, and for a one-line scalar its end.
func (p *parser) rangeOf(n *yaml.Node) diag.Range {
	r := diag.Range{File: p.file, Start: diag.Pos{Line: n.Line, Column: n.Column}}
	if n.Kind == yaml.ScalarNode && n.Style&(yaml.LiteralStyle|yaml.FoldedStyle) == 0 && !containsNewline(n.Value) {
		width := len([]rune(n.Value))
		if n.Style&(yaml.DoubleQuotedStyle|yaml.SingleQuotedStyle) != 0 {
			width += 2 // the quotes (escapes inside make this approximate)
		}
		if width > 0 {
			r.End = diag.Pos{Line: n.Line, Column: n.Column + width}
		}
	}
	return r
}

func containsNewline(s string) bool { return bytes.IndexByte([]byte(s), '\n') >= 0 }

func (p *parser) errorf(n *yaml.Node, format string, args ...any) {
	p.diags = append(p.diags, diag.Errorf(p.rangeOf(n), Rule, format, args...))
}

// resolve follows an alias to the node it names.
func resolve(n *yaml.Node) *yaml.Node {
	if n != nil && n.Kind == yaml.AliasNode && n.Alias != nil {
		return n.Alias
	}
	return n
}

func kindName(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "a mapping"
	case yaml.SequenceNode:
		return "a list"
	case yaml.ScalarNode:
		if n.Tag == "!!null" {
			return "empty"
		}
		return "a single value"
	}
	return "something else"
}

// entries calls fn for each key/value pair of the mapping n, after reporting what makes a
// pair unusable: n not being a mapping, a non-scalar key, a merge key, a duplicate key.
// what names the mapping in messages ("lint", "target prod").
func (p *parser) entries(n *yaml.Node, what string, fn func(key, val *yaml.Node)) {
	n = resolve(n)
	if n.Kind == yaml.ScalarNode && n.Tag == "!!null" {
		return // "lint:" with nothing under it is an empty section
	}
	if n.Kind != yaml.MappingNode {
		p.errorf(n, "%s must be a mapping, not %s", what, kindName(n))
		return
	}
	seen := make(map[string]int, len(n.Content)/2) // key -> line first seen
	for i := 0; i+1 < len(n.Content); i += 2 {
		key, val := resolve(n.Content[i]), resolve(n.Content[i+1])
		if key.Kind != yaml.ScalarNode {
			p.errorf(key, "keys in %s must be plain words, not %s", what, kindName(key))
			continue
		}
		if key.Tag == "!!merge" {
			p.errorf(key, "merge keys (<<) are not supported in %s; write the keys out", FileName)
			continue
		}
		if line, dup := seen[key.Value]; dup {
			p.errorf(key, "%q is set twice in %s (first on line %d); keep one", key.Value, what, line)
			continue
		}
		seen[key.Value] = key.Line
		fn(key, val)
	}
}

// unknownKey reports a key that is not in allowed, or a credential, which gets its own error.
func (p *parser) unknownKey(key *yaml.Node, what string, allowed []string) {
	if isCredentialKey(key.Value) {
		p.errorf(key, "credentials do not belong in %s: remove %q from %s and set %s in the environment instead", FileName, key.Value, what, credentialEnvs())
		return
	}
	if s, ok := suggest.Closest(key.Value, allowed); ok {
		p.errorf(key, "unknown key %q in %s; did you mean %q?", key.Value, what, s)
		return
	}
	p.errorf(key, "unknown key %q in %s; expected %s", key.Value, what, oneOf(allowed))
}

// str reads a scalar value that must not be empty.
func (p *parser) str(val *yaml.Node, what string) (string, bool) {
	switch {
	case val.Kind != yaml.ScalarNode:
		p.errorf(val, "%s must be a single value, not %s", what, kindName(val))
	case val.Tag == "!!null" || val.Value == "":
		p.errorf(val, "%s is empty; give a value or remove the key", what)
	default:
		return val.Value, true
	}
	return "", false
}

// oneOf renders a list of words as "a, b or c".
func oneOf(words []string) string {
	switch len(words) {
	case 0:
		return "nothing"
	case 1:
		return words[0]
	}
	out := ""
	for i, w := range words[:len(words)-1] {
		if i > 0 {
			out += ", "
		}
		out += w
	}
	return out + " or " + words[len(words)-1]
}
