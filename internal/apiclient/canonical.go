package apiclient

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"sort"
	"strings"
)

// The pieces of a canonical request that Huawei Cloud's SDK-HMAC-SHA256 and Alibaba Cloud's
// ACS3-HMAC-SHA256 share (both follow AWS Signature V4). What each signer puts in its canonical
// request and string to sign stays in its own package.

// PercentEncode encodes everything but A-Z a-z 0-9 - _ . ~, with upper-case hex (RFC 3986:
// space as %20, * as %2A, ~ kept).
func PercentEncode(s string) string {
	const hexDigits = "0123456789ABCDEF"
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if 'A' <= c && c <= 'Z' || 'a' <= c && c <= 'z' || '0' <= c && c <= '9' || c == '-' || c == '_' || c == '.' || c == '~' {
			b.WriteByte(c)
			continue
		}
		b.WriteByte('%')
		b.WriteByte(hexDigits[c>>4])
		b.WriteByte(hexDigits[c&15])
	}
	return b.String()
}

// CanonicalQuery sorts keys, then each key's values, as k=v pairs joined by "&", both
// PercentEncoded.
func CanonicalQuery(q map[string][]string) string {
	keys := make([]string, 0, len(q))
	for k := range q {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var pairs []string
	for _, k := range keys {
		vs := append([]string(nil), q[k]...)
		sort.Strings(vs)
		for _, v := range vs {
			pairs = append(pairs, PercentEncode(k)+"="+PercentEncode(v))
		}
	}
	return strings.Join(pairs, "&")
}

// HashHex is the lower-case hex SHA-256 of b (of "" when b is nil).
func HashHex(b []byte) string {
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}

// HMACHex is the lower-case hex HMAC-SHA256 of msg under key.
func HMACHex(key, msg string) string {
	m := hmac.New(sha256.New, []byte(key))
	m.Write([]byte(msg))
	return hex.EncodeToString(m.Sum(nil))
}
