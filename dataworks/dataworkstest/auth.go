package dataworkstest

import (
	"crypto/hmac"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/hex"
	"net/http"
	"sort"
	"strings"
	"time"

	"github.com/wfc-dev/wfc/dataworks"
)

// maxSignedHeaders bounds the work a hostile Authorization header can ask for.
const maxSignedHeaders = 64

// requiredSigned are the headers every signed request must sign.
var requiredSigned = []string{"host", dataworks.HeaderAction, dataworks.HeaderContentSha256, dataworks.HeaderDate, dataworks.HeaderNonce, dataworks.HeaderVersion}

// verify checks r's ACS3-HMAC-SHA256 signature the way the gateway does. It shares the
// canonicalisation with the client but hashes the body, computes the HMAC and compares on its
// own, so a client that hashes or signs the wrong bytes is caught. It runs under e.mu (nonces).
func (e *Emulator) verify(r *http.Request, body []byte) *apiError {
	incomplete := func(why string) *apiError { return errf(400, "IncompleteSignature", "%s", why) }
	auth := r.Header.Get(dataworks.HeaderAuthorization)
	rest, ok := strings.CutPrefix(auth, dataworks.SignAlgorithm+" ")
	if !ok {
		return incomplete("The request must carry an Authorization header of the form " + dataworks.SignAlgorithm + " Credential=...,SignedHeaders=...,Signature=...")
	}
	fields := map[string]string{}
	for _, part := range strings.Split(rest, ",") {
		k, v, ok := strings.Cut(strings.TrimSpace(part), "=")
		if !ok {
			return incomplete("The Authorization header is malformed.")
		}
		fields[k] = v
	}
	ak, signedList, got := fields["Credential"], fields["SignedHeaders"], fields["Signature"]
	if ak == "" || signedList == "" || got == "" {
		return incomplete("The Authorization header lacks Credential, SignedHeaders or Signature.")
	}
	key, known := e.opts.Keys[ak]
	if !known {
		return errf(404, "InvalidAccessKeyId.NotFound", "Specified access key is not found.")
	}
	signed := strings.Split(signedList, ";")
	if aerr := checkSignedList(r.Header, signed); aerr != nil {
		return aerr
	}
	if aerr := e.checkFreshness(r.Header); aerr != nil {
		return aerr
	}
	if aerr := checkSecurityToken(r.Header, key); aerr != nil {
		return aerr
	}
	sum := sha256.Sum256(body)
	if r.Header.Get(dataworks.HeaderContentSha256) != hex.EncodeToString(sum[:]) {
		return errf(400, dataworks.CodeSignatureDoesNotMatch, "The x-acs-content-sha256 header does not match the SHA-256 of the request body.")
	}
	toSign := dataworks.StringToSign(dataworks.CanonicalRequest(r, signed, hex.EncodeToString(sum[:])))
	m := hmac.New(sha256.New, []byte(key.Secret))
	m.Write([]byte(toSign))
	if !hmac.Equal([]byte(hex.EncodeToString(m.Sum(nil))), []byte(strings.ToLower(got))) {
		return errf(400, dataworks.CodeSignatureDoesNotMatch, "Specified signature does not match our calculation. server string to sign is:%s", toSign)
	}
	e.rememberNonce(r.Header.Get(dataworks.HeaderNonce), r.Header.Get(dataworks.HeaderDate))
	return nil
}

// maxNonces bounds the nonce memory of a long-running dev server; beyond it, nonces whose date is
// too old to pass checkFreshness anyway are forgotten.
const maxNonces = 10000

func (e *Emulator) rememberNonce(nonce, date string) {
	t, _ := time.Parse(dataworks.SignDateFormat, date) // checked by checkFreshness
	e.nonces[nonce] = t
	if len(e.nonces) <= maxNonces {
		return
	}
	oldest := e.opts.Now().Add(-e.opts.MaxSkew)
	for n, at := range e.nonces {
		if at.Before(oldest) {
			delete(e.nonces, n)
		}
	}
}

// checkSignedList requires a sorted list that includes host, content-type when sent, and every
// x-acs-* header sent.
func checkSignedList(h http.Header, signed []string) *apiError {
	if len(signed) > maxSignedHeaders || !sort.StringsAreSorted(signed) {
		return errf(400, "IncompleteSignature", "SignedHeaders must be sorted, lower-case names (at most %d).", maxSignedHeaders)
	}
	must := append([]string(nil), requiredSigned...)
	for k := range h {
		lk := strings.ToLower(k)
		if lk == "content-type" || strings.HasPrefix(lk, "x-acs-") {
			must = append(must, lk)
		}
	}
	for _, name := range must {
		if h.Get(name) == "" && name != "host" {
			return errf(400, "IncompleteSignature", "The request lacks the %s header.", name)
		}
		if !contains(signed, name) {
			return errf(400, "IncompleteSignature", "The header %s must be signed (listed in SignedHeaders).", name)
		}
	}
	return nil
}

// checkFreshness requires x-acs-date within MaxSkew and a nonce not seen before.
func (e *Emulator) checkFreshness(h http.Header) *apiError {
	t, err := time.Parse(dataworks.SignDateFormat, h.Get(dataworks.HeaderDate))
	if err != nil {
		return errf(400, "InvalidTimeStamp.Format", "Specified time stamp or date value is not well formatted (want %s).", dataworks.SignDateFormat)
	}
	if d := e.opts.Now().Sub(t); d > e.opts.MaxSkew || d < -e.opts.MaxSkew {
		return errf(400, "InvalidTimeStamp.Expired", "Specified time stamp or date value is expired.")
	}
	if _, used := e.nonces[h.Get(dataworks.HeaderNonce)]; used {
		return errf(400, "SignatureNonceUsed", "Specified signature nonce was used already.")
	}
	return nil
}

// checkSecurityToken requires the STS token of a temporary key, and none for a permanent one.
func checkSecurityToken(h http.Header, key Key) *apiError {
	got := h.Get(dataworks.HeaderSecurityToken)
	switch {
	case key.SecurityToken != "" && subtle.ConstantTimeCompare([]byte(got), []byte(key.SecurityToken)) != 1:
		return errf(400, "InvalidSecurityToken.MismatchWithAccessKey", "The security token is missing or does not belong to this access key.")
	case key.SecurityToken == "" && got != "":
		return errf(400, "InvalidSecurityToken.MismatchWithAccessKey", "A security token was sent with a permanent access key.")
	}
	return nil
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
