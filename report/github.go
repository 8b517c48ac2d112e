package report

import (
	"bytes"
	"io"
	"strconv"
	"strings"

	"github.com/wfc-dev/wfc/diag"
)

// writeGitHub writes GitHub Actions workflow commands, one per diagnostic:
//
//	::error file=F,line=L,col=C,endLine=L2,endColumn=C2,title=RULE::MESSAGE
//
// Escaping follows actions/toolkit's command.ts: %, \r and \n in the message; those plus
// : and , in property values.
func writeGitHub(w io.Writer, diags diag.List) error {
	var buf bytes.Buffer
	for _, d := range diags {
		buf.WriteString("::" + githubLevel(d.Severity))
		var props []string
		prop := func(k, v string) { props = append(props, k+"="+escapeProperty(v)) }
		if d.Range.File != "" {
			prop("file", d.Range.File)
		}
		if start := d.Range.Start; start.IsValid() {
			prop("line", strconv.Itoa(start.Line))
			if start.Column >= 1 {
				prop("col", strconv.Itoa(start.Column))
			}
			if end := d.Range.End; end.IsValid() && !end.Before(start) {
				prop("endLine", strconv.Itoa(end.Line))
				// GitHub only honours columns when the annotation is on one line.
				if end.Line == start.Line && end.Column >= 1 {
					prop("endColumn", strconv.Itoa(end.Column))
				}
			}
		}
		if d.Rule != "" {
			prop("title", d.Rule)
		}
		if len(props) > 0 {
			buf.WriteString(" " + strings.Join(props, ","))
		}
		msg := d.Message
		if d.Element != "" && !d.Range.Start.IsValid() {
			msg += " (element " + d.Element + ")"
		}
		buf.WriteString("::" + escapeData(msg) + "\n")
	}
	_, err := w.Write(buf.Bytes())
	return err
}

func githubLevel(s diag.Severity) string {
	switch s {
	case diag.Warning:
		return "warning"
	case diag.Info:
		return "notice"
	}
	return "error"
}

var (
	dataEscaper     = strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A")
	propertyEscaper = strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C")
)

func escapeData(s string) string     { return dataEscaper.Replace(s) }
func escapeProperty(s string) string { return propertyEscaper.Replace(s) }
