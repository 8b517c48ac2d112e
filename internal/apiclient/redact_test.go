package apiclient

import (
	"errors"
	"fmt"
	"strings"
	"testing"
)

// TestCleanMessageRedactsBeforeCutting: a secret that straddles the 512-byte cut must not
// survive in part, and the message stays on one line.
func TestCleanMessageRedactsBeforeCutting(t *testing.T) {
	msg := strings.Repeat("m", MaxMessageLen-8) + testSecret + "\nnext line"
	got := CleanMessage(msg, []string{testSecret})
	if strings.Contains(got, testSecret[:8]) {
		t.Errorf("part of the secret survived the cut: %q", got[len(got)-20:])
	}
	if len(got) > MaxMessageLen+len("…") || strings.ContainsAny(got, "\n\r") {
		t.Errorf("not bounded to one line: %d bytes", len(got))
	}
	if got := CleanMessage("a\x00b\tc", nil); got != "a b c" {
		t.Errorf("control characters kept: %q", got)
	}
}

func TestRedactKeepsTheCause(t *testing.T) {
	cause := fmt.Errorf("wrapped: %w", ErrAmbiguous)
	err := Redact(fmt.Errorf("key %s: %w", testSecret, cause), []string{testSecret, "abc"})
	if err.Error() != "key ***: wrapped: "+ErrAmbiguous.Error() || !errors.Is(err, ErrAmbiguous) {
		t.Errorf("err = %v", err)
	}
	if plain := errors.New("abc is short"); Redact(plain, []string{"abc"}) != plain {
		t.Error("a value shorter than 4 bytes was redacted")
	}
	if Redact(nil, []string{testSecret}) != nil {
		t.Error("Redact(nil) is not nil")
	}
}

func TestSecretsSkipsEmptyValues(t *testing.T) {
	if got := fmt.Sprint(Secrets("", "a", "", "b")); got != "[a b]" {
		t.Errorf("Secrets = %s", got)
	}
}
