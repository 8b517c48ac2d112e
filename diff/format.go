package diff

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"
)

// Report is a diff with the names of the two sides, as the formatters print it.
type Report struct {
	Old     string   `json:"old"`
	New     string   `json:"new"`
	Changes []Change `json:"changes"`
}

// Subject names what a change is about: "workflow", "input host", "step enrich".
func (c Change) Subject() string {
	if c.Scope == ScopeWorkflow {
		return string(ScopeWorkflow)
	}
	return string(c.Scope) + " " + c.Name
}

// Values is the change's value part: `old → new`, or the one value a field added or
// removed has.
func (c Change) Values() string {
	switch c.Op {
	case Added:
		return c.New
	case Removed:
		return c.Old
	}
	return c.Old + " → " + c.New
}

// Line is the change as one line of text, without colour:
//
//	~ step enrich: with.ip "${inputs.ip}" → "${inputs.src_ip}"
//	+ step notify (action slack/post_message) after enrich
func (c Change) Line() string {
	if c.Field == "" {
		return strings.TrimSpace(string(c.Op) + " " + c.Subject() + " " + c.Note)
	}
	return string(c.Op) + " " + c.Subject() + ": " + c.Field + " " + c.Values()
}

// ANSI colours of the text form: green added, red removed, yellow changed.
var opColor = map[Op]string{Added: "\x1b[32m", Removed: "\x1b[31m", Changed: "\x1b[33m"}

const ansiReset = "\x1b[0m"

// WriteText writes one line per change, in order; color paints each line by its op.
func WriteText(w io.Writer, r Report, color bool) error {
	var b strings.Builder
	for _, c := range r.Changes {
		if color {
			b.WriteString(opColor[c.Op] + c.Line() + ansiReset + "\n")
		} else {
			b.WriteString(c.Line() + "\n")
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// WriteJSON writes the report as indented JSON: the two sides and the changes, in order.
func WriteJSON(w io.Writer, r Report) error {
	return writeIndented(w, r.nonNil())
}

// WriteJSONList writes several reports as one indented JSON array, each as WriteJSON
// writes it (wfc diff --remote of several files).
func WriteJSONList(w io.Writer, rs []Report) error {
	out := make([]Report, len(rs))
	for i, r := range rs {
		out[i] = r.nonNil()
	}
	return writeIndented(w, out)
}

// nonNil is r with [] for "no changes", never null.
func (r Report) nonNil() Report {
	if r.Changes == nil {
		r.Changes = []Change{}
	}
	return r
}

func writeIndented(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}

// WriteMarkdown writes the report for a pull-request comment: a heading naming the sides and
// a table with one row per change.
func WriteMarkdown(w io.Writer, r Report) error {
	var b strings.Builder
	fmt.Fprintf(&b, "#### wfc diff %s → %s\n\n", mdCode(r.Old), mdCode(r.New))
	if len(r.Changes) == 0 {
		b.WriteString("No changes.\n")
	} else {
		b.WriteString("| | Where | Field | Old | New |\n|---|---|---|---|---|\n")
		for _, c := range r.Changes {
			field, old, new := c.Field, c.Old, c.New
			switch {
			case field == "" && c.Op == Removed:
				old = c.Note
			case field == "":
				new = c.Note
			}
			fmt.Fprintf(&b, "| %s | %s | %s | %s | %s |\n", c.Op, mdCell(c.Subject()), mdCell(field), mdCell(old), mdCell(new))
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// mdCell is a value inside a table cell: a code span, with pipes escaped so they do not end
// the cell (GitHub reads \| inside a table's code span as |).
func mdCell(s string) string {
	if s == "" {
		return ""
	}
	return mdCode(strings.ReplaceAll(s, "|", `\|`))
}

// mdCode is s on one line as a code span, fenced with more backticks than s holds in a row
// (and padded when s starts or ends with one), so s is shown exactly.
func mdCode(s string) string {
	s = strings.NewReplacer("\n", " ", "\r", " ").Replace(s)
	run, longest := 0, 0
	for _, r := range s {
		if r == '`' {
			run++
			longest = max(longest, run)
		} else {
			run = 0
		}
	}
	fence := strings.Repeat("`", longest+1)
	if longest > 0 {
		return fence + " " + s + " " + fence
	}
	return fence + s + fence
}
