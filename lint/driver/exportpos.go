package driver

import (
	"bytes"
	"encoding/json"

	"github.com/wfc-dev/wfc/diag"
)

// exportEntryPositions returns where each top-level element of an export file (a JSON array of
// workflows) starts, in order, so that findings inside a workflow's taskflow, which has no
// lines of its own, point at the workflow's entry. It returns what it found before any syntax
// error; the caller falls back to no position for the rest.
func exportEntryPositions(src []byte) []diag.Pos {
	dec := json.NewDecoder(bytes.NewReader(src))
	if tok, err := dec.Token(); err != nil || tok != json.Delim('[') {
		return nil
	}
	var out []diag.Pos
	for dec.More() {
		start := int(dec.InputOffset())
		for start < len(src) && (src[start] == ',' || isJSONSpace(src[start])) {
			start++
		}
		var skip json.RawMessage
		if err := dec.Decode(&skip); err != nil {
			return out
		}
		out = append(out, posAt(src, start))
	}
	return out
}

func isJSONSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

// posAt is the 1-based line and column (in runes) of byte offset off in src.
func posAt(src []byte, off int) diag.Pos {
	before := src[:off]
	line := bytes.Count(before, []byte("\n")) + 1
	lineStart := bytes.LastIndexByte(before, '\n') + 1
	return diag.Pos{Line: line, Column: len(bytes.Runes(before[lineStart:])) + 1}
}
