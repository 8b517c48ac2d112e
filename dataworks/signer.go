package dataworks

import (
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"net/http"
	"sort"
	"strings"
	"time"

	"github.com/wfc-dev/wfc/internal/apiclient"
)

// Names and formats of the ACS3-HMAC-SHA256 scheme (V3 signature) the Alibaba Cloud SDKs use
// (notes §3).
const (
	SignAlgorithm       = "ACS3-HMAC-SHA256"
	SignDateFormat      = "2006-01-02T15:04:05Z" // UTC, second precision
	HeaderAction        = "x-acs-action"
	HeaderVersion       = "x-acs-version"
	HeaderDate          = "x-acs-date"
	HeaderNonce         = "x-acs-signature-nonce"
	HeaderContentSha256 = "x-acs-content-sha256"
	HeaderSecurityToken = "x-acs-security-token"
	HeaderAccessKeyID   = "x-acs-accesskey-id"
	HeaderAuthorization = "Authorization"
	acsHeaderPrefix     = "x-acs-"
)

// Signer signs requests with an AccessKey pair. Its zero clock is time.Now and its zero nonce
// source is 16 random bytes in hex; both are injectable so fixed vectors can be reproduced.
type Signer struct {
	AccessKeyID     string
	AccessKeySecret string
	SecurityToken   string           // STS only; sent as x-acs-security-token and signed
	Now             func() time.Time // injectable for tests
	Nonce           func() string    // injectable for tests; must differ per request
}

// String keeps the keys out of %v and %+v output.
func (s *Signer) String() string { return "dataworks.Signer{***}" }

// GoString keeps the keys out of %#v output.
func (s *Signer) GoString() string { return s.String() }

// Sign sets x-acs-date, x-acs-signature-nonce, x-acs-content-sha256 (of body, the exact request
// body), the STS headers when a security token is set, and Authorization. The caller sets
// x-acs-action, x-acs-version and content-type before signing.
func (s *Signer) Sign(req *http.Request, body []byte) {
	now, nonce := time.Now, randomNonce
	if s.Now != nil {
		now = s.Now
	}
	if s.Nonce != nil {
		nonce = s.Nonce
	}
	req.Header.Set(HeaderDate, now().UTC().Format(SignDateFormat))
	req.Header.Set(HeaderNonce, nonce())
	req.Header.Set(HeaderContentSha256, HashHex(body))
	if s.SecurityToken != "" {
		req.Header.Set(HeaderSecurityToken, s.SecurityToken)
		req.Header.Set(HeaderAccessKeyID, s.AccessKeyID)
	}
	req.Header.Del(HeaderAuthorization)
	signed := SignedHeaderNames(req.Header)
	canonical := CanonicalRequest(req, signed, req.Header.Get(HeaderContentSha256))
	req.Header.Set(HeaderAuthorization, fmt.Sprintf("%s Credential=%s,SignedHeaders=%s,Signature=%s",
		SignAlgorithm, s.AccessKeyID, strings.Join(signed, ";"), signature(s.AccessKeySecret, canonical)))
}

// SignedHeaderNames lists the headers V3 signs, lower-cased and sorted: host, content-type and
// every x-acs-* header present. host is always included (Go keeps it in req.Host, not Header).
func SignedHeaderNames(h http.Header) []string {
	names := []string{"host"}
	for k := range h {
		lk := strings.ToLower(k)
		if lk == "content-type" || strings.HasPrefix(lk, acsHeaderPrefix) {
			names = append(names, lk)
		}
	}
	sort.Strings(names)
	return names
}

// CanonicalRequest builds METHOD\nURI\nQUERY\nHEADERS\nSIGNED\nPAYLOADHASH, where every header
// line ends in "\n" (so a blank line separates the headers from the signed list).
func CanonicalRequest(req *http.Request, signed []string, payloadHash string) string {
	var b strings.Builder
	b.WriteString(req.Method + "\n")
	b.WriteString(canonicalURI(req.URL.EscapedPath()) + "\n")
	b.WriteString(apiclient.CanonicalQuery(req.URL.Query()) + "\n")
	for _, name := range signed {
		v := strings.Join(req.Header.Values(name), ",")
		if name == "host" {
			v = requestHost(req)
		}
		b.WriteString(name + ":" + strings.TrimSpace(v) + "\n")
	}
	b.WriteString("\n" + strings.Join(signed, ";") + "\n" + payloadHash)
	return b.String()
}

// requestHost is the Host the request carries on the wire: req.Host when set, else the URL's.
func requestHost(req *http.Request) string {
	if req.Host != "" {
		return req.Host
	}
	return req.URL.Host
}

// canonicalURI is the path as sent; an empty path is "/". RPC calls always use "/".
func canonicalURI(escapedPath string) string {
	if escapedPath == "" {
		return "/"
	}
	return escapedPath
}

// StringToSign is "ACS3-HMAC-SHA256\n" + hex(sha256(canonical request)).
func StringToSign(canonical string) string {
	return SignAlgorithm + "\n" + HashHex([]byte(canonical))
}

// signature is hex(HMAC-SHA256(secret, StringToSign(canonical))).
func signature(secret, canonical string) string {
	return apiclient.HMACHex(secret, StringToSign(canonical))
}

// HashHex is the lower-case hex SHA-256 of b (of "" when b is nil).
func HashHex(b []byte) string { return apiclient.HashHex(b) }

// PercentEncode encodes everything but A-Z a-z 0-9 - _ . ~, with upper-case hex (RFC 3986).
func PercentEncode(s string) string { return apiclient.PercentEncode(s) }

// randomNonce is 16 random bytes in hex, the SDK's nonce form.
func randomNonce() string {
	var b [16]byte
	rand.Read(b[:]) // never fails (crypto/rand, Go ≥ 1.24)
	return hex.EncodeToString(b[:])
}
