package apiclient

import "strings"

// redactedError replaces a message that contains a credential; it still unwraps to the cause so
// errors.Is/As keep working.
type redactedError struct {
	msg   string
	cause error
}

func (e *redactedError) Error() string { return e.msg }
func (e *redactedError) Unwrap() error { return e.cause }

// Redact returns err unchanged unless its message contains one of secrets or a piece of one, in
// which case each is replaced by *** (see redactString). This is a second line of defence: no code path should put a
// credential into an error in the first place.
func Redact(err error, secrets []string) error {
	if err == nil {
		return nil
	}
	msg, changed := redactString(err.Error(), secrets)
	if !changed {
		return err
	}
	return &redactedError{msg: msg, cause: err}
}

// minSecretLen is the shortest value (bytes) redacted: shorter ones would blank out ordinary words.
const minSecretLen = 4

// fragmentLen is the shortest piece (bytes) of a secret that is redacted on its own, wherever it
// appears and in any ASCII case. 8 bytes of a token, key or secret drawn from [A-Za-z0-9+/=_.-]
// carry about 40 bits even folded to one case, too few to help an attacker who must still guess
// the rest, while an ordinary 8-letter word matching 8 consecutive bytes of a random secret is
// vanishingly rare. 8 bytes also pack into one uint64, so the set of a secret's pieces is cheap.
// A piece of 7 bytes or less may survive; that is the price of not eating ordinary text.
const fragmentLen = 8

// minFragmentSecretLen is the shortest secret (bytes) whose pieces are redacted: a piece of a
// shorter secret is most of it, and short values (test tokens, IDs) look like ordinary words, so
// they are redacted only when they appear whole (in any ASCII case).
const minFragmentSecretLen = 12

// redactString replaces by *** every occurrence, in any ASCII case, of each secret of
// minSecretLen bytes or more, and every run of fragmentLen bytes or more that is made of pieces of
// a secret of minFragmentSecretLen bytes or more: a server that echoes a prefix, a suffix, a middle
// or a lower-cased copy of a token leaks nothing longer than fragmentLen-1 bytes of it. Percent-
// encoding is not undone: tokens and keys made of [A-Za-z0-9-_.~] encode to themselves.
// Cost: O(len(s)) per secret, plus O(len(secret)) to index it.
func redactString(s string, secrets []string) (string, bool) {
	folded := foldASCII(s)
	covered := make([]bool, len(s)) // covered[i]: byte i of s belongs to a secret
	changed := false
	for _, sec := range secrets {
		switch {
		case len(sec) >= minFragmentSecretLen:
			changed = markFragments(folded, sec, covered) || changed
		case len(sec) >= minSecretLen:
			changed = markWhole(folded, foldASCII(sec), covered) || changed
		}
	}
	if !changed {
		return s, false
	}
	return replaceCovered(s, covered), true
}

// foldASCII lower-cases ASCII letters only, so every byte keeps its offset.
func foldASCII(s string) string {
	b := []byte(s)
	for i, c := range b {
		if 'A' <= c && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	return string(b)
}

// markWhole marks every occurrence of sec (folded) in folded.
func markWhole(folded, sec string, covered []bool) bool {
	found := false
	for from := 0; ; {
		i := strings.Index(folded[from:], sec)
		if i < 0 {
			return found
		}
		at := from + i
		for j := at; j < at+len(sec); j++ {
			covered[j] = true
		}
		found, from = true, at+1
	}
}

// markFragments marks every window of fragmentLen bytes of folded that is a window of sec
// (folded); overlapping windows join into one maximal run.
func markFragments(folded, sec string, covered []bool) bool {
	if len(folded) < fragmentLen {
		return false
	}
	pieces := fragmentSet(foldASCII(sec))
	found := false
	var window uint64
	for i := 0; i < len(folded); i++ {
		window = window<<8 | uint64(folded[i])
		start := i + 1 - fragmentLen
		if start < 0 {
			continue
		}
		if _, ok := pieces[window]; ok {
			for j := start; j <= i; j++ {
				covered[j] = true
			}
			found = true
		}
	}
	return found
}

// fragmentSet returns every window of fragmentLen bytes of sec, packed into a uint64.
func fragmentSet(sec string) map[uint64]struct{} {
	set := make(map[uint64]struct{}, len(sec))
	var window uint64
	for i := 0; i < len(sec); i++ {
		window = window<<8 | uint64(sec[i])
		if i+1 >= fragmentLen {
			set[window] = struct{}{}
		}
	}
	return set
}

// replaceCovered replaces each maximal run of covered bytes of s by ***.
func replaceCovered(s string, covered []bool) string {
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); i++ {
		if !covered[i] {
			b.WriteByte(s[i])
			continue
		}
		b.WriteString("***")
		for i+1 < len(s) && covered[i+1] {
			i++
		}
	}
	return b.String()
}

// MaxMessageLen caps a server message in an error (bytes), so a hostile body cannot flood a log.
const MaxMessageLen = 512

// CleanMessage keeps a server-supplied string on one line, free of credentials, and bounded.
// Secrets are redacted in the whole string before it is cut: a cut first would leave the head
// of a long reflected token that no longer matches the whole value.
func CleanMessage(s string, secrets []string) string {
	s, _ = redactString(s, secrets)
	s = strings.Map(func(r rune) rune {
		if r < 0x20 || r == 0x7f {
			return ' '
		}
		return r
	}, s)
	if len(s) > MaxMessageLen {
		s = strings.ToValidUTF8(s[:MaxMessageLen], "") + "…"
	}
	return s
}

// Secrets lists the non-empty values among vals: a client's credentials, for redaction.
func Secrets(vals ...string) []string {
	var s []string
	for _, v := range vals {
		if v != "" {
			s = append(s, v)
		}
	}
	return s
}
