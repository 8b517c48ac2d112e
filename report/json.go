package report

import (
	"encoding/json"
	"io"

	"github.com/wfc-dev/wfc/diag"
)

// jsonDiagnostic fixes the key order of the json format. Positions are 1-based; 0 means
// unknown. end_line/end_column are exclusive, as in diag.Range.
type jsonDiagnostic struct {
	File      string `json:"file"`
	Line      int    `json:"line"`
	Column    int    `json:"column"`
	EndLine   int    `json:"end_line"`
	EndColumn int    `json:"end_column"`
	Severity  string `json:"severity"`
	Rule      string `json:"rule"`
	Message   string `json:"message"`
	Element   string `json:"element,omitempty"`
	More      int    `json:"more,omitempty"` // on a "… and N more" line: N
}

func writeJSON(w io.Writer, diags diag.List) error {
	out := make([]jsonDiagnostic, 0, len(diags)) // non-nil, so no diagnostics encode as []
	for _, d := range diags {
		out = append(out, jsonDiagnostic{
			File:      d.Range.File,
			Line:      d.Range.Start.Line,
			Column:    d.Range.Start.Column,
			EndLine:   d.Range.End.Line,
			EndColumn: d.Range.End.Column,
			Severity:  severityName(d.Severity),
			Rule:      d.Rule,
			Message:   d.Message,
			Element:   d.Element,
			More:      d.More,
		})
	}
	return encodeIndented(w, out)
}

// encodeIndented writes v as 2-space indented JSON with a final newline. HTML escaping is off
// so messages keep their <, > and & readable.
func encodeIndented(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}
