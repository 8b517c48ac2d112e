package expr_test

import (
	"strings"
	"testing"

	"github.com/wfc-dev/wfc/workflow"
	"github.com/wfc-dev/wfc/workflow/expr"
)

// benchValues are typical values: a reference, a condition, text with two expressions,
// and a long generated value (50 parts).
var benchValues = map[string]string{
	"ref":       "${steps.enrich.output.severity}",
	"condition": "${steps.score.output.score >= 40 && inputs.level == 'high' || !empty steps.a.output['x']}",
	"text":      "ip=${inputs.src_ip} blocked by ${workflow.name}",
	"long":      strings.Repeat("host ${steps.find_hosts.output.hosts[0].name} ", 50),
}

// BenchmarkParseTemplate parses a value and lists its references (what the reference
// checks need); BenchmarkOldScanner is today's workflow.Expressions on the same values.
func BenchmarkParseTemplate(b *testing.B) {
	for name, v := range benchValues {
		b.Run(name, func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(len(v)))
			for b.Loop() {
				tp, _ := expr.ParseTemplate(v)
				tp.Refs()
			}
		})
	}
}

func BenchmarkOldScanner(b *testing.B) {
	for name, v := range benchValues {
		b.Run(name, func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(len(v)))
			s := workflow.String{Value: v}
			for b.Loop() {
				workflow.Expressions(s)
			}
		})
	}
}
