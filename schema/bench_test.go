package schema

import (
	"strconv"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"
)

// largeWorkflow is a valid workflow of n action steps, each with a with mapping and a timeout.
func largeWorkflow(n int) []byte {
	var sb strings.Builder
	sb.WriteString("wfc: 1\nname: big\ndescription: \"\"\nsteps:\n")
	for i := range n {
		sb.WriteString("  - id: s" + strconv.Itoa(i) + "\n    action: p/a\n    with: {ip: \"${inputs.ip}\", n: 1}\n    timeout: 30s\n")
	}
	return []byte(sb.String())
}

// BenchmarkValidate measures schema validation alone (YAML parsed once, outside the loop).
func BenchmarkValidate(b *testing.B) {
	src := largeWorkflow(2000)
	var doc yaml.Node
	if err := yaml.Unmarshal(src, &doc); err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(src)))
	for b.Loop() {
		if diags := Validate("big.yaml", &doc); len(diags) > 0 {
			b.Fatal(diags)
		}
	}
}

func BenchmarkYAMLOnly(b *testing.B) {
	src := largeWorkflow(2000)
	b.SetBytes(int64(len(src)))
	for b.Loop() {
		var doc yaml.Node
		if err := yaml.Unmarshal(src, &doc); err != nil {
			b.Fatal(err)
		}
	}
}
