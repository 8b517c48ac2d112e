package secmaster_test

import (
	"context"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/wfc-dev/wfc/secmaster"
)

func BenchmarkSign(b *testing.B) {
	s := &secmaster.Signer{AccessKey: "AK", SecretKey: "SK", Now: func() time.Time { return serverNow }}
	body := []byte(strings.Repeat(`{"taskflow":"eyJlbGVtZW50VHlwZSI6Int9In0="}`, 1000)) // ~45 KB, a typical version body
	req, _ := http.NewRequest("POST", "https://h.example/v1/p/workspaces/w/soc/workflows/x/versions?a=1&b=2", nil)
	req.Header.Set("User-Agent", "wfc")
	req.Header.Set("X-Project-Id", "p")
	b.SetBytes(int64(len(body)))
	for b.Loop() {
		s.Sign(req, body)
	}
}

func BenchmarkCreateVersionAgainstEmulator(b *testing.B) {
	e := newEnv(b, nil)
	w, err := e.client.CreateWorkflow(context.Background(), secmaster.CreateWorkflowRequest{Name: "bench", AopType: "NORMAL", DataclassID: "dc"})
	if err != nil {
		b.Fatal(err)
	}
	req := versionRequest(b, "v")
	for b.Loop() {
		if _, err := e.client.CreateVersion(context.Background(), w.ID, req); err != nil {
			b.Fatal(err)
		}
	}
}
