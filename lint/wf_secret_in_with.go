package lint

import (
	"fmt"
	"math"
	"regexp"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/wfc-dev/wfc/diag"
	"github.com/wfc-dev/wfc/workflow"
)

var wfSecretInWith = &Rule{
	ID:          "secret-in-with",
	Severity:    diag.Error,
	Recommended: true,
	Scope:       ScopeWorkflow,
	Summary:     "no secret is written into a step's with",
	Doc: "A workflow file is committed, reviewed, and compiled into a taskflow every SecMaster " +
		"user of the workspace can read, so a password or token written into with leaks. " +
		"Reported: a literal (not ${...}) value under a key that names a secret (password, " +
		"secret, token, api_key, access_key, private_key, authorization, credential, ...), " +
		"and any value that looks like a key whatever its key: AWS access key ids, GitHub and " +
		"Slack tokens, PEM private keys, JSON web tokens, Bearer and Basic credentials, " +
		"user:password@ in a URL, and long random-looking strings (32+ characters mixing " +
		"upper case, lower case and digits). Pass the secret in as an input parameter, or " +
		"configure it in an asset connection and name it with connection:. The message never " +
		"repeats the secret.",
	Check: func(p *Pass) {
		for _, s := range p.Input.Workflow.AllSteps() {
			for _, e := range s.With {
				if e.Value == nil || e.Value.Node == nil {
					continue
				}
				walkSecrets(e.Value.Node, "with."+e.Key.Value, e.Key.Value, func(n *yaml.Node, path, what string) {
					p.Report(diag.Range{Start: diag.Pos{Line: n.Line, Column: n.Column}},
						"%s looks like %s; do not write secrets in a workflow: pass it in as an input parameter, or use an asset connection (connection:) instead", path, what)
				})
			}
		}
	},
}

// maxSecretWalkDepth bounds how deep into nested with values the rule looks.
const maxSecretWalkDepth = 32

// walkSecrets visits the string scalars under n (key is the mapping key they sit under) and
// calls report for each that looks like a secret.
func walkSecrets(n *yaml.Node, path, key string, report func(n *yaml.Node, path, what string)) {
	var walk func(n *yaml.Node, path, key string, depth int)
	walk = func(n *yaml.Node, path, key string, depth int) {
		if depth > maxSecretWalkDepth {
			return
		}
		switch n.Kind {
		case yaml.MappingNode:
			for i := 0; i+1 < len(n.Content); i += 2 {
				k := n.Content[i].Value
				walk(n.Content[i+1], path+"."+k, k, depth+1)
			}
		case yaml.SequenceNode:
			for i, item := range n.Content {
				walk(item, fmt.Sprintf("%s[%d]", path, i), key, depth+1)
			}
		case yaml.ScalarNode:
			if n.ShortTag() != "!!str" {
				return
			}
			if what := secretKind(key, n.Value); what != "" {
				report(n, path, what)
			}
		}
	}
	walk(n, path, key, 0)
}

// secretKind says what kind of secret value looks like under key, or "".
func secretKind(key, value string) string {
	v := strings.TrimSpace(value)
	if v == "" {
		return ""
	}
	if !workflow.HasExpression(v) && secretKey(key) && !placeholder(v) {
		return fmt.Sprintf("a literal secret (the key %q names one)", key)
	}
	for _, pat := range secretPatterns {
		for _, m := range pat.re.FindAllString(v, -1) {
			if !workflow.HasExpression(m) {
				return pat.what
			}
		}
	}
	if randomToken(v) {
		return "a key or token (a long random-looking string)"
	}
	return ""
}

// secretWords are the key fragments (lower case, without _ - .) that name a secret.
var secretWords = []string{"password", "passwd", "passphrase", "secret", "token", "apikey", "accesskey",
	"privatekey", "authorization", "credential"}

// secretExact are whole keys that name a secret but are too short to search for inside keys.
var secretExact = map[string]bool{"pwd": true, "pass": true, "sk": true, "auth": true}

// notSecretSuffixes end keys that are about a secret without holding one (token_url,
// secret_name, password_policy, ...).
var notSecretSuffixes = []string{"url", "uri", "endpoint", "type", "name", "id", "ids", "path", "file",
	"header", "length", "ttl", "expiry", "expires", "expiresin", "policy", "field", "hint", "count", "tokens"}

func secretKey(key string) bool {
	k := strings.NewReplacer("_", "", "-", "", ".", "").Replace(strings.ToLower(key))
	if secretExact[k] {
		return true
	}
	for _, suffix := range notSecretSuffixes {
		if strings.HasSuffix(k, suffix) {
			return false
		}
	}
	for _, w := range secretWords {
		if strings.Contains(k, w) {
			return true
		}
	}
	return false
}

// placeholder reports values that are obviously not real secrets: one character repeated
// (***, xxxx) or <angle-bracketed> text.
func placeholder(v string) bool {
	if strings.HasPrefix(v, "<") && strings.HasSuffix(v, ">") {
		return true
	}
	return strings.Count(v, v[:1]) == len(v)
}

type secretPattern struct {
	what string
	re   *regexp.Regexp
}

// secretPatterns recognise well-known credential formats whatever key they sit under.
var secretPatterns = []secretPattern{
	{"an AWS access key id", regexp.MustCompile(`\b(AKIA|ASIA)[0-9A-Z]{16}\b`)},
	{"a GitHub token", regexp.MustCompile(`\b(gh[pousr]_[A-Za-z0-9]{36,}|github_pat_[A-Za-z0-9_]{22,})`)},
	{"a Slack token", regexp.MustCompile(`\bxox[baprs]-[A-Za-z0-9-]{10,}`)},
	{"a private key", regexp.MustCompile(`-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----`)},
	{"a JSON web token", regexp.MustCompile(`\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}`)},
	{"a Bearer token", regexp.MustCompile(`(?i)\bbearer\s+[A-Za-z0-9._~+/-]{16,}=*`)},
	{"Basic authentication credentials", regexp.MustCompile(`(?i)\bbasic\s+[A-Za-z0-9+/]{16,}={0,2}`)},
	{"a URL with a password in it", regexp.MustCompile(`\b[a-zA-Z][a-zA-Z0-9+.-]*://[^/\s:@]+:[^/\s@]+@`)},
}

// Thresholds for a random-looking token: at least minTokenLen characters, upper case, lower
// case and digits all present, Shannon entropy of at least minTokenEntropy bits per character
// (random base64 of 32+ characters is above 4.5; English-like identifiers are below), and few
// separators (a path or a snake_case name has many).
const (
	minTokenLen     = 32
	minTokenEntropy = 4.0
)

func randomToken(v string) bool {
	tokens := strings.FieldsFunc(v, func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || strings.ContainsRune("+/=_-", r))
	})
	for _, t := range tokens {
		if len(t) < minTokenLen || strings.Count(t, "/")+strings.Count(t, "_")+strings.Count(t, "-") > len(t)/16 {
			continue
		}
		var upper, lower, digit bool
		var counts [128]int // tokens are ASCII; an array keeps the sum's order fixed
		for _, r := range t {
			upper = upper || r >= 'A' && r <= 'Z'
			lower = lower || r >= 'a' && r <= 'z'
			digit = digit || r >= '0' && r <= '9'
			counts[r]++
		}
		if !upper || !lower || !digit {
			continue
		}
		entropy := 0.0
		for _, c := range counts {
			if c == 0 {
				continue
			}
			q := float64(c) / float64(len(t))
			entropy -= q * math.Log2(q)
		}
		if entropy >= minTokenEntropy {
			return true
		}
	}
	return false
}
