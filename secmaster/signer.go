package secmaster

import (
	"crypto/hmac"
	"errors"
	"fmt"
	"net/http"
	"sort"
	"strings"
	"time"

	"github.com/wfc-dev/wfc/internal/apiclient"
)

// Names and formats of the SDK-HMAC-SHA256 scheme the Huawei Cloud SDKs use (notes §2).
const (
	SignAlgorithm        = "SDK-HMAC-SHA256"
	SignDateFormat       = "20060102T150405Z" // UTC, second precision
	HeaderSdkDate        = "X-Sdk-Date"
	HeaderContentSha256  = "X-Sdk-Content-Sha256"
	HeaderSecurityToken  = "X-Security-Token"
	HeaderAuthToken      = "X-Auth-Token"
	HeaderProjectID      = "X-Project-Id"
	UnsignedPayload      = "UNSIGNED-PAYLOAD"
	headerAuthorization  = "Authorization"
	authorizationPrefix  = SignAlgorithm + " "
	maxSignedHeaderCount = 64 // a hostile Authorization header cannot make Verify do unbounded work
)

// Signer signs requests with an access key pair. Its zero clock is time.Now.
type Signer struct {
	AccessKey     string
	SecretKey     string
	SecurityToken string           // temporary credentials only; sent as X-Security-Token and signed
	Now           func() time.Time // injectable for tests
}

// String keeps the keys out of %v and %+v output.
func (s *Signer) String() string { return "secmaster.Signer{***}" }

// GoString keeps the keys out of %#v output.
func (s *Signer) GoString() string { return s.String() }

// Sign adds X-Sdk-Date, X-Security-Token (when set) and Authorization to req. body is the exact
// request body; it is ignored when req carries X-Sdk-Content-Sha256: UNSIGNED-PAYLOAD (multipart
// uploads), which the caller sets before signing.
func (s *Signer) Sign(req *http.Request, body []byte) {
	now := time.Now
	if s.Now != nil {
		now = s.Now
	}
	req.Header.Set(HeaderSdkDate, now().UTC().Format(SignDateFormat))
	if s.SecurityToken != "" {
		req.Header.Set(HeaderSecurityToken, s.SecurityToken)
	}
	req.Header.Del(headerAuthorization)
	signed := signedHeaderNames(req.Header)
	sig := signature(s.SecretKey, stringToSign(req.Header.Get(HeaderSdkDate), canonicalRequest(req, signed, body)))
	req.Header.Set(headerAuthorization, fmt.Sprintf("%sAccess=%s, SignedHeaders=%s, Signature=%s",
		authorizationPrefix, s.AccessKey, strings.Join(signed, ";"), sig))
}

// Verify checks req's SDK-HMAC-SHA256 signature the way the API gateway does: secretFor maps the
// access key to its secret key, and X-Sdk-Date must be within maxSkew of now. The error never
// contains key material, so it may be shown to the caller.
func Verify(req *http.Request, body []byte, secretFor func(accessKey string) (string, bool), now time.Time, maxSkew time.Duration) error {
	auth := req.Header.Get(headerAuthorization)
	if !strings.HasPrefix(auth, authorizationPrefix) {
		return errors.New("missing or unsupported Authorization header (want " + SignAlgorithm + ")")
	}
	fields := map[string]string{}
	for _, part := range strings.Split(strings.TrimPrefix(auth, authorizationPrefix), ",") {
		k, v, ok := strings.Cut(strings.TrimSpace(part), "=")
		if !ok {
			return errors.New("malformed Authorization header")
		}
		fields[k] = v
	}
	ak, signedList, got := fields["Access"], fields["SignedHeaders"], fields["Signature"]
	if ak == "" || signedList == "" || got == "" {
		return errors.New("authorization header lacks Access, SignedHeaders or Signature")
	}
	sk, ok := secretFor(ak)
	if !ok {
		return errors.New("unknown access key")
	}
	signed := strings.Split(signedList, ";")
	if len(signed) > maxSignedHeaderCount {
		return errors.New("too many signed headers")
	}
	if !sort.StringsAreSorted(signed) || !contains(signed, "x-sdk-date") {
		return errors.New("signed headers must be sorted and include x-sdk-date")
	}
	date := req.Header.Get(HeaderSdkDate)
	t, err := time.Parse(SignDateFormat, date)
	if err != nil {
		return fmt.Errorf("X-Sdk-Date %q is not in %s form", date, SignDateFormat)
	}
	if d := now.Sub(t); d > maxSkew || d < -maxSkew {
		return fmt.Errorf("X-Sdk-Date %s is more than %s away from the server clock", date, maxSkew)
	}
	if req.Header.Get(HeaderSecurityToken) != "" && !contains(signed, "x-security-token") {
		return errors.New("x-security-token must be signed")
	}
	want := signature(sk, stringToSign(date, canonicalRequest(req, signed, body)))
	if !hmac.Equal([]byte(want), []byte(strings.ToLower(got))) {
		return errors.New("signature does not match")
	}
	return nil
}

// signedHeaderNames lists the header names the SDK signs: all of them lower-cased and sorted,
// except content-type* and names containing "_".
func signedHeaderNames(h http.Header) []string {
	var names []string
	for k := range h {
		lk := strings.ToLower(k)
		if strings.HasPrefix(lk, "content-type") || strings.Contains(lk, "_") || lk == "authorization" {
			continue
		}
		names = append(names, lk)
	}
	sort.Strings(names)
	return names
}

// canonicalRequest builds METHOD\nURI\nQUERY\nHEADERS\n\nSIGNED\nPAYLOADHASH.
func canonicalRequest(req *http.Request, signed []string, body []byte) string {
	payload := req.Header.Get(HeaderContentSha256)
	if payload == "" {
		payload = apiclient.HashHex(body)
	}
	var b strings.Builder
	b.WriteString(req.Method + "\n")
	b.WriteString(canonicalURI(req.URL.Path) + "\n")
	b.WriteString(apiclient.CanonicalQuery(req.URL.Query()) + "\n")
	for _, name := range signed {
		values := append([]string(nil), req.Header.Values(name)...)
		if name == "host" && len(values) == 0 {
			values = []string{req.Host}
		}
		sort.Strings(values)
		for _, v := range values {
			b.WriteString(name + ":" + strings.TrimSpace(v) + "\n")
		}
	}
	b.WriteString("\n" + strings.Join(signed, ";") + "\n" + payload)
	return b.String()
}

// canonicalURI escapes every path segment and always ends in "/".
func canonicalURI(path string) string {
	segs := strings.Split(path, "/")
	for i, s := range segs {
		segs[i] = apiclient.PercentEncode(s)
	}
	uri := strings.Join(segs, "/")
	if !strings.HasSuffix(uri, "/") {
		uri += "/"
	}
	return uri
}

func stringToSign(date, canonical string) string {
	return SignAlgorithm + "\n" + date + "\n" + apiclient.HashHex([]byte(canonical))
}

func signature(secretKey, toSign string) string { return apiclient.HMACHex(secretKey, toSign) }

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
