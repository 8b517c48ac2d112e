package lint

import (
	"fmt"
	"math"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Thresholds for a literal under a key that names a secret (password: Summer2024!). Such a
// value is reported when it has at least minSecretLen characters and either mixes character
// classes (two of lower case, upper case, digits, symbols) or, written in one class, has a
// Shannon entropy of at least minOneClassEntropy bits per character: a random lower-case
// string of 12+ characters does, while mode words such as "required" (2.75) or "disabled"
// (2.75) do not.
const (
	minSecretLen       = 6
	minOneClassEntropy = 3.5
	maxSecretSpaces    = 1 // more spaces than this is prose ("set in the console"), not a secret
)

// Thresholds for a random-looking token whatever its key: at least minTokenLen characters,
// upper case, lower case and digits all present, Shannon entropy of at least minTokenEntropy
// bits per character (random base64 of 32+ characters is above 4.5; English-like
// identifiers are below), and few separators (a path or a snake_case name has many). A run
// longer than maxTokenLen is content (an inline base64 image or file), not a key: keys and
// tokens without a format of their own are far shorter, and PEM keys and JWTs have one.
const (
	minTokenLen     = 32
	maxTokenLen     = 1024
	minTokenEntropy = 4.0
)

// Thresholds for a token-like path segment or query value of a URL under a webhook or other
// secret key (https://hooks.example.com/notify/8f3Kq...): long, letters and digits, random.
const (
	minURLTokenLen     = 16
	minURLTokenEntropy = 3.0
)

// secretWords are key fragments (lower case, without separators) that name a secret; they
// are searched for inside the key, so db_password and clientSecret count.
var secretWords = []string{"password", "passwd", "passphrase", "secret", "token", "apikey", "accesskey",
	"privatekey", "authorization", "credential", "webhook", "routingkey", "integrationkey", "servicekey",
	"signingkey", "cookie"}

// secretCJK are the Chinese words for password (密码, 口令), secret key (密钥, 秘钥, 私钥), token
// (令牌) and credential (凭证, 凭据), as SecMaster users name form fields.
var secretCJK = []string{"密码", "口令", "密钥", "秘钥", "私钥", "令牌", "凭证", "凭据"}

// secretSegments are whole words of a key that name a secret but are too short to search
// for inside keys: pwd, pass, sk (secret key), ak (access key), auth, and pinyin mima (密码),
// miyao (密钥), lingpai (令牌).
var secretSegments = map[string]bool{"pwd": true, "pw": true, "pass": true, "sk": true, "ak": true, "auth": true,
	"mima": true, "miyao": true, "lingpai": true}

// notSecretSuffixes end keys that are about a secret without holding one (token_url,
// secret_name, password_policy, auth_type, secret_hash, ...).
var notSecretSuffixes = []string{"url", "uri", "endpoint", "type", "name", "id", "ids", "path", "file",
	"header", "length", "ttl", "expiry", "expires", "expiresin", "policy", "field", "hint", "count", "tokens",
	"mode", "method", "scheme", "kind", "format", "algorithm", "enabled", "required",
	"hash", "digest", "checksum", "fingerprint", "sha1", "sha256", "md5",
	"user", "username", "email", "account", "server", "host", "domain", "realm", "region", "issuer",
	"audience", "scope", "scopes", "provider", "version", "prefix", "maxage"}

// keyWords splits a key into lower-case words at separators and lower-to-upper changes.
func keyWords(key string) []string {
	var words []string
	start := -1
	prev := rune(0)
	for i, r := range key {
		boundary := !unicode.IsLetter(r) && !unicode.IsDigit(r) || unicode.IsUpper(r) && unicode.IsLower(prev)
		if boundary && start >= 0 {
			words = append(words, strings.ToLower(key[start:i]))
			start = -1
		}
		if start < 0 && (unicode.IsLetter(r) || unicode.IsDigit(r)) {
			start = i
		}
		prev = r
	}
	if start >= 0 {
		words = append(words, strings.ToLower(key[start:]))
	}
	return words
}

// normalizedKey is the key in lower case without separators: "Api-Key" → "apikey".
func normalizedKey(key string) string {
	return strings.Join(keyWords(key), "")
}

// secretKey reports whether key names a secret.
func secretKey(key string) bool {
	k := normalizedKey(key)
	if k == "" {
		return false
	}
	webhook := strings.Contains(k, "webhook") || strings.HasSuffix(k, "hookurl")
	if webhook {
		return true // a webhook URL is the secret (hooks.slack.com/..., robot/send?access_token=)
	}
	for _, suffix := range notSecretSuffixes {
		if strings.HasSuffix(k, suffix) {
			return false
		}
	}
	for _, w := range keyWords(key) {
		if secretSegments[w] {
			return true
		}
	}
	return containsAny(k, secretWords) || containsAny(key, secretCJK)
}

// placeholderWords are values (lower case, separators removed) that stand for a secret to
// fill in, not a secret. changeme counts: in a committed file it marks a value to replace.
var placeholderWords = map[string]bool{"changeme": true, "changeit": true, "replaceme": true, "placeholder": true,
	"redacted": true, "example": true, "dummy": true, "todo": true, "tbd": true, "none": true, "null": true,
	"secret": true, "password": true, "token": true, "notset": true, "unset": true}

// notSecretValues are modes and flags that sit under secret-sounding keys (auth: oauth2).
var notSecretValues = map[string]bool{"basic": true, "bearer": true, "oauth": true, "oauth2": true, "digest": true,
	"ntlm": true, "kerberos": true, "hmac": true, "hmacsha256": true, "apikey": true, "required": true,
	"optional": true, "disabled": true, "enabled": true, "true": true, "false": true, "aksk": true, "iam": true}

// placeholder reports values that are obviously not real secrets: <angle-bracketed> or
// {{templated}} text, one character repeated (***, xxxx), your_token_here-style words, and
// the placeholderWords.
func placeholder(v string) bool {
	if strings.HasPrefix(v, "<") && strings.HasSuffix(v, ">") || strings.HasPrefix(v, "{{") && strings.HasSuffix(v, "}}") {
		return true
	}
	if strings.Count(v, v[:1]) == len(v) || strings.Trim(v, "xX*") == "" {
		return true
	}
	k := normalizedKey(v)
	return placeholderWords[k] || strings.HasPrefix(k, "your") || strings.HasSuffix(k, "here")
}

// secretStoreRef matches references to a secret kept elsewhere, which are not secrets:
// vault:secret/db#password, csms://prod/db (Huawei Cloud CSMS), kms:, arn:aws:secretsmanager:...,
// secretsmanager:, ssm:, keyvault:, env:NAME and $NAME.
var secretStoreRef = regexp.MustCompile(`^(?i:(?:vault|csms|kms|arn|secretsmanager|ssm|keyvault|env|secret|secrets)(?::|://))|^\$[A-Za-z_][A-Za-z0-9_]*$`)

// hostName matches a DNS name whose last label is a word (sso.example.com), which a
// secret-sounding key may hold without it being a secret.
var hostName = regexp.MustCompile(`^(?:[a-z0-9-]+\.)+[a-z]{2,}$`)

// passwordLike reports whether a literal under a secret-naming key is worth reporting.
func passwordLike(v string) bool {
	if utf8.RuneCountInString(v) < minSecretLen || strings.Count(v, " ") > maxSecretSpaces {
		return false
	}
	if placeholder(v) || secretStoreRef.MatchString(v) || notSecretValues[normalizedKey(v)] {
		return false
	}
	if strings.Contains(v, "://") {
		return urlHasToken(v)
	}
	if hostName.MatchString(v) {
		return false // auth: sso.example.com names a server
	}
	return charClasses(v) >= 2 || entropy(v) >= minOneClassEntropy
}

// urlHasToken reports whether a path segment or query value of the URL v looks random.
func urlHasToken(v string) bool {
	rest := v[strings.Index(v, "://")+3:]
	for _, part := range strings.FieldsFunc(rest, func(r rune) bool { return strings.ContainsRune("/?&=#", r) }) {
		if len(part) >= minURLTokenLen && hasLetterAndDigit(part) && entropy(part) >= minURLTokenEntropy {
			return true
		}
	}
	return false
}

func hasLetterAndDigit(s string) bool {
	return strings.IndexFunc(s, unicode.IsLetter) >= 0 && strings.IndexFunc(s, unicode.IsDigit) >= 0
}

// charClasses counts the classes among lower case, upper case, digits and other non-space
// characters that s uses.
func charClasses(s string) int {
	var lower, upper, digit, other int
	for _, r := range s {
		switch {
		case unicode.IsSpace(r):
		case unicode.IsLower(r):
			lower = 1
		case unicode.IsUpper(r):
			upper = 1
		case unicode.IsDigit(r):
			digit = 1
		default:
			other = 1
		}
	}
	return lower + upper + digit + other
}

// entropy is the Shannon entropy of s in bits per character.
func entropy(s string) float64 {
	var ascii [128]int // an array, not a map, keeps the sum's order fixed
	var others map[rune]int
	n := 0
	for _, r := range s {
		n++
		if r < 128 {
			ascii[r]++
			continue
		}
		if others == nil {
			others = map[rune]int{}
		}
		others[r]++
	}
	h := 0.0
	add := func(c int) {
		if c > 0 {
			q := float64(c) / float64(n)
			h -= q * math.Log2(q)
		}
	}
	for _, c := range ascii {
		add(c)
	}
	for _, c := range others { // summation order can differ only in the last bits
		add(c)
	}
	return h
}

// randomToken reports whether v holds a long random-looking token (see minTokenLen): a run
// of letters, digits and +/=_- characters.
func randomToken(v string) bool {
	if len(v) < minTokenLen || strings.HasPrefix(v, "data:") { // data:image/png;base64,... is content
		return false
	}
	start := -1
	for i := 0; i <= len(v); i++ {
		if i < len(v) && tokenByte(v[i]) {
			if start < 0 {
				start = i
			}
			continue
		}
		if start >= 0 && looksRandom(v[start:i]) {
			return true
		}
		start = -1
	}
	return false
}

func tokenByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || strings.IndexByte("+/=_-", c) >= 0
}

// looksRandom applies the minTokenLen thresholds to one run of token characters.
func looksRandom(t string) bool {
	if len(t) < minTokenLen || len(t) > maxTokenLen || strings.Count(t, "/")+strings.Count(t, "_")+strings.Count(t, "-") > len(t)/16 {
		return false
	}
	return charClasses(strings.Trim(t, "+/=_-")) >= 3 && entropy(t) >= minTokenEntropy
}

// Shapes of cloud keys that have no prefix, recognised by the key they sit under.
var (
	// Huawei Cloud permanent AK: 20 upper-case letters and digits; SK: 40 letters and digits
	// (support.huaweicloud.com IAM "Access Keys"). AWS secret access keys are 40 base64
	// characters (docs.aws.amazon.com, "Managing access keys").
	cloudAccessKeyID = regexp.MustCompile(`^[A-Z0-9]{20}$`)
	cloudSecretKey   = regexp.MustCompile(`^[A-Za-z0-9/+]{40}$`)
	// PagerDuty Events API v2 routing (integration) keys are 32 characters
	// (developer.pagerduty.com, "Events API v2 Overview"); a truncated one is still secret.
	pagerDutyKey = regexp.MustCompile(`^[A-Za-z0-9+_-]{20,32}$`)
)

// keyedKind names the secret a literal under a secret-naming key looks like.
func keyedKind(key, v string) string {
	k := normalizedKey(key)
	words := strings.Join(keyWords(key), " ") + " "
	switch {
	case (strings.Contains(k, "accesskey") || strings.HasPrefix(words, "ak ") || strings.Contains(words, " ak ")) &&
		!strings.Contains(k, "secret") && cloudAccessKeyID.MatchString(v) && hasLetterAndDigit(v):
		return "a Huawei Cloud access key id (AK)"
	case (strings.Contains(k, "secretkey") || strings.Contains(k, "secretaccesskey") || strings.HasPrefix(words, "sk ") || strings.Contains(words, " sk ")) &&
		cloudSecretKey.MatchString(v):
		return "a Huawei Cloud or AWS secret access key (SK)"
	case (strings.Contains(k, "routingkey") || strings.Contains(k, "integrationkey") || strings.Contains(k, "pagerduty")) &&
		pagerDutyKey.MatchString(v):
		return "a PagerDuty routing (integration) key"
	case strings.Contains(v, "://"):
		return "a URL with a token in it"
	}
	return fmt.Sprintf("a literal secret (the key %q names one)", key)
}
