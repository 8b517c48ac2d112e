package main

import (
	"bytes"
	"regexp"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"
)

// workflowEntry is one line of wfc.yaml's workflows: mapping: a file, relative to the
// config's directory with forward slashes, and the id of the workflow it updates.
type workflowEntry struct{ File, ID string }

// plainYAML is what a key or value may be without quotes: nothing YAML reads specially.
var plainYAML = regexp.MustCompile(`^[A-Za-z0-9_][A-Za-z0-9_./-]*$`)

func yamlScalar(s string) string {
	if plainYAML.MatchString(s) {
		return s
	}
	return strconv.Quote(s) // a JSON string, which YAML reads as a double-quoted scalar
}

// entryLines are the entries as the lines of a block mapping indented by indent.
func entryLines(entries []workflowEntry, indent, eol string) string {
	var b strings.Builder
	for _, en := range entries {
		b.WriteString(indent + yamlScalar(en.File) + ": " + yamlScalar(en.ID) + eol)
	}
	return b.String()
}

// addWorkflowEntries returns src, a wfc.yaml, with entries added to its top-level
// workflows: mapping (made at the end when there is none), every other byte kept as it was:
// comments, order, quoting and line endings. ok is false when that cannot be done by adding
// lines (the file is not a block mapping, or workflows: is written in flow style or holds
// something else); the caller then prints the entries for people to add.
func addWorkflowEntries(src []byte, entries []workflowEntry) (out []byte, ok bool) {
	eol := "\n"
	if bytes.Contains(src, []byte("\r\n")) {
		eol = "\r\n"
	}
	if len(bytes.TrimSpace(src)) == 0 {
		return []byte("workflows:" + eol + entryLines(entries, "  ", eol)), true
	}
	var root yaml.Node
	if yaml.Unmarshal(src, &root) != nil || len(root.Content) != 1 {
		return nil, false
	}
	top := root.Content[0]
	if top.Kind != yaml.MappingNode || top.Style&yaml.FlowStyle != 0 || top.Column != 1 {
		return nil, false
	}
	for i := 0; i+1 < len(top.Content); i += 2 {
		if top.Content[i].Value != "workflows" {
			continue
		}
		key, val := top.Content[i], top.Content[i+1]
		switch {
		case val.Kind == yaml.ScalarNode && val.Tag == "!!null" && val.Value == "":
			return insertAfterLine(src, key.Line, entryLines(entries, "  ", eol), eol), true
		case val.Kind == yaml.MappingNode && val.Style&yaml.FlowStyle == 0 && len(val.Content) > 0:
			indent := strings.Repeat(" ", val.Content[0].Column-1)
			return insertAfterLine(src, lastLine(val), entryLines(entries, indent, eol), eol), true
		}
		return nil, false
	}
	if !bytes.HasSuffix(src, []byte("\n")) {
		src = append(append([]byte(nil), src...), eol...)
	}
	return append(src, "workflows:"+eol+entryLines(entries, "  ", eol)...), true
}

// lastLine is the last line (1-based) a node or any node inside it starts on.
func lastLine(n *yaml.Node) int {
	last := n.Line
	for _, c := range n.Content {
		last = max(last, lastLine(c))
	}
	return last
}

// insertAfterLine returns src with text inserted after its line number line (1-based);
// a last line with no line ending gets eol first.
func insertAfterLine(src []byte, line int, text, eol string) []byte {
	at := 0
	for n := 0; n < line && at < len(src); n++ {
		i := bytes.IndexByte(src[at:], '\n')
		if i < 0 {
			at = len(src)
			break
		}
		at += i + 1
	}
	var b bytes.Buffer
	b.Write(src[:at])
	if at > 0 && src[at-1] != '\n' {
		b.WriteString(eol)
	}
	b.WriteString(text)
	b.Write(src[at:])
	return b.Bytes()
}
