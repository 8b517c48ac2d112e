package apitest

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"
)

func TestServeLoopbackRefusesOtherAddresses(t *testing.T) {
	for addr, want := range map[string]string{
		"0.0.0.0:0":    "refusing to listen on 0.0.0.0:0: the emulator serves loopback addresses only (e.g. 127.0.0.1:1)",
		"10.1.2.3:80":  "loopback addresses only",
		"127.0.0.1":    `address "127.0.0.1" is not host:port`,
		"example.com:": "loopback addresses only",
	} {
		if _, err := ServeLoopback(addr, "127.0.0.1:1", http.NotFoundHandler(), nil); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("ServeLoopback(%q) = %v, want %q", addr, err, want)
		}
	}
}

func TestServeLoopbackServesUntilClosed(t *testing.T) {
	l, err := ServeLoopback("127.0.0.1:0", "127.0.0.1:1", http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		io.WriteString(w, "hello")
	}), t.Logf)
	if err != nil {
		t.Fatal(err)
	}
	resp, err := http.Get(l.URL)
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if string(body) != "hello" {
		t.Errorf("body %q", body)
	}
	l.Close()
	if _, err := http.Get(l.URL); err == nil {
		t.Error("the server still answers after Close")
	}
}

func TestSleepsRecordsInOrder(t *testing.T) {
	var s Sleeps
	for _, d := range []time.Duration{3, 1, 2} {
		if err := s.Record(context.Background(), d*time.Second); err != nil {
			t.Fatal(err)
		}
	}
	if got := fmt.Sprint(s.All()); got != "[3s 1s 2s]" {
		t.Errorf("All() = %s", got)
	}
}
