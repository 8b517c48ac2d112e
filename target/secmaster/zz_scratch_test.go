package secmaster_test

import (
	"fmt"
	"testing"

	"github.com/wfc-dev/wfc/workflow"
)

func BenchmarkZZLoadResolve(b *testing.B) {
	for _, n := range benchSizes {
		src := generateWorkflow(n)
		b.Run(fmt.Sprintf("steps=%d", n), func(b *testing.B) {
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				w, _ := workflow.Load("gen.yaml", src)
				workflow.Resolve(w)
			}
		})
	}
}
