package apiclient

import (
	"errors"
	"fmt"
	"math/rand"
	"net/url"
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

// partialToken is 40 bytes of [A-Za-z0-9], like a secret access key.
const partialToken = "FAKETOKENabcdefghijklmnopqrstuvwxyz0GHIJ"

// TestRedactPiecesOfASecret: a server that reflects part of a credential, or a copy in another
// letter case, gets every piece of 8 bytes or more replaced, and nothing else.
func TestRedactPiecesOfASecret(t *testing.T) {
	for _, tc := range []struct{ what, msg, want string }{
		{"prefix of 36", "tok=" + partialToken[:36] + " end", "tok=*** end"},
		{"suffix", "tok=" + partialToken[20:] + "!", "tok=***!"},
		{"middle piece of 8", "at x" + partialToken[10:18] + "y", "at x***y"},
		{"lower-cased copy", "lower=" + strings.ToLower(partialToken), "lower=***"},
		{"upper-cased prefix", "upper=" + strings.ToUpper(partialToken[:20]) + ".", "upper=***."},
		{"the reviewer's two echoes", "tok=" + partialToken[:40] + " lower=" + strings.ToLower(partialToken[:12]) + "…",
			"tok=*** lower=***…"},
		{"two pieces side by side", partialToken[:10] + partialToken[30:], "***"},
		{"a percent-encoded copy of an unreserved token is the token", "q=" + url.QueryEscape(partialToken), "q=***"},
		{"7 bytes stay", "x" + partialToken[5:12] + "x", "x" + partialToken[5:12] + "x"},
		{"ordinary text", "the workspace abcdefg does not exist; token invalid", "the workspace abcdefg does not exist; token invalid"},
	} {
		if got := CleanMessage(tc.msg, []string{partialToken}); got != tc.want {
			t.Errorf("%s: CleanMessage = %q, want %q", tc.what, got, tc.want)
		}
	}
}

// TestShortSecretsAreRedactedWholeOnly: a secret under 12 bytes is redacted only when whole
// (any case), so that its pieces, which look like ordinary words, are left alone.
func TestShortSecretsAreRedactedWholeOnly(t *testing.T) {
	const short = "Password1" // 9 bytes
	got := CleanMessage("a PASSWORD1 b Password c password1", []string{short})
	if want := "a *** b Password c ***"; got != want {
		t.Errorf("CleanMessage = %q, want %q", got, want)
	}
}

// TestNoPieceOfASecretSurvives is a property test: random secrets, messages that embed random
// slices of 8 bytes or more of them in random case among random text, and no window of 8 bytes
// of any secret (folded) may remain in the output.
func TestNoPieceOfASecretSurvives(t *testing.T) {
	const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_./+="
	rng := rand.New(rand.NewSource(8))
	randText := func(n int) string {
		b := make([]byte, n)
		for i := range b {
			b[i] = alphabet[rng.Intn(len(alphabet))]
		}
		return string(b)
	}
	randCase := func(s string) string {
		b := []byte(s)
		for i, c := range b {
			if rng.Intn(2) == 0 {
				b[i] = strings.ToUpper(string(c))[0]
			} else {
				b[i] = strings.ToLower(string(c))[0]
			}
		}
		return string(b)
	}
	for round := 0; round < 2000; round++ {
		secrets := make([]string, 1+rng.Intn(4))
		for i := range secrets {
			secrets[i] = randText(minFragmentSecretLen + rng.Intn(100))
		}
		var msg strings.Builder
		for piece := 0; piece < 1+rng.Intn(6); piece++ {
			msg.WriteString(randText(rng.Intn(12)))
			sec := secrets[rng.Intn(len(secrets))]
			from := rng.Intn(len(sec) - fragmentLen + 1)
			to := from + fragmentLen + rng.Intn(len(sec)-from-fragmentLen+1)
			msg.WriteString(randCase(sec[from:to]))
		}
		got, changed := redactString(msg.String(), secrets)
		folded := foldASCII(got)
		for _, sec := range secrets {
			sec = foldASCII(sec)
			for i := 0; i+fragmentLen <= len(sec); i++ {
				if strings.Contains(folded, sec[i:i+fragmentLen]) {
					t.Fatalf("round %d: %q survives in %q (message %q, secrets %q)",
						round, sec[i:i+fragmentLen], got, msg.String(), secrets)
				}
			}
		}
		if !changed {
			t.Fatalf("round %d: nothing redacted in %q", round, msg.String())
		}
	}
}
