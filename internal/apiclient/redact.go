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

// Redact returns err unchanged unless its message contains one of secrets, in which case every
// occurrence is replaced by ***. This is a second line of defence: no code path should put a
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

// redactString replaces every occurrence of each secret (of minSecretLen bytes or more) in s by ***.
func redactString(s string, secrets []string) (string, bool) {
	changed := false
	for _, sec := range secrets {
		if len(sec) >= minSecretLen && strings.Contains(s, sec) {
			s = strings.ReplaceAll(s, sec, "***")
			changed = true
		}
	}
	return s, changed
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
