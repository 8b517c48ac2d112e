package lint

import (
	"encoding/base64"
	"regexp"
	"strings"
	"sync"

	"github.com/wfc-dev/wfc/workflow"
)

// secretFormat is one well-known credential format. The patterns are written for wfc from
// the vendors' published formats; gitleaks (github.com/gitleaks/gitleaks, cmd/generate/
// config/rules) was read to learn which formats matter, and is cited where it was the source.
type secretFormat struct {
	kind string // what the message says it looks like: "a Slack webhook URL"
	// keywords are fixed substrings of every match; the pattern runs only when the value holds
	// one of them, so most strings cost a few Contains and no regexp at all. A lower-case
	// keyword is looked for in the lower-cased value, any other as written.
	keywords []string
	re       func() *regexp.Regexp // compiled on first use (lazyRegexp)
	// verify, when set, rejects a match the pattern alone cannot (nil accepts every match).
	verify func(match string) bool
}

// secretFormats are tried in order; the first that matches names the kind, so the specific
// webhook formats come before the generic "URL with a credential" ones.
var secretFormats = []secretFormat{
	// RFC 7468 section 10-11 and OpenSSH/PGP armour: RSA, EC, DSA, OPENSSH, ENCRYPTED, PGP ... BLOCK.
	{"a PEM private key", []string{"private key"},
		lazyRegexp(`-----BEGIN[ A-Z0-9]*PRIVATE KEY(?: BLOCK)?-----`), nil},
	// Slack incoming webhooks: https://api.slack.com/messaging/webhooks ("Keep it secret"):
	// services/T<team>/B<bot>/<24 alphanumerics>; workflow and trigger URLs carry a secret too.
	{"a Slack webhook URL", []string{"hooks.slack.com"},
		lazyRegexp(`https://hooks\.slack\.com/(?:services/T[A-Z0-9]{6,}/B[A-Z0-9]{6,}/[A-Za-z0-9]{20,}|(?:workflows|triggers)/T[A-Z0-9]{6,}/[A-Za-z0-9/]{20,})`), nil},
	// Slack tokens: https://api.slack.com/authentication/token-types (xoxb bot, xoxp user,
	// xoxa/xoxr/xoxs/xoxo, xapp app-level); gitleaks slack.go uses the same prefixes.
	{"a Slack token", []string{"xox", "xapp-"},
		lazyRegexp(`\b(?:xox[abposr]|xapp)-[0-9A-Za-z-]{10,}`), nil},
	// Microsoft Teams incoming webhook (Office 365 connector), new and legacy hosts; gitleaks
	// teams.go: webhookb2/<guid>@<guid>/IncomingWebhook/<32 hex>/<guid>.
	{"a Microsoft Teams webhook URL", []string{"webhook.office.com", "outlook.office.com/webhook"},
		lazyRegexp(`https://(?:[A-Za-z0-9-]+\.webhook\.office\.com/webhookb2|outlook\.office\.com/webhook)/[0-9a-fA-F-]{36}@[0-9a-fA-F-]{36}/IncomingWebhook/[0-9a-fA-F]{32}/[0-9a-fA-F-]{36}`), nil},
	// Teams "Workflows" (Power Automate) webhooks, which replace connectors: the sig= query
	// parameter is the shared signature (learn.microsoft.com, "Create incoming webhooks with
	// Workflows for Microsoft Teams").
	{"a Microsoft Teams workflow URL with its signature", []string{"logic.azure.com", "powerplatform.com"},
		lazyRegexp(`https://[A-Za-z0-9.-]+\.(?:logic\.azure\.com|powerplatform\.com)(?::443)?/[^\s?]*workflows/[0-9a-zA-Z]{20,}/triggers/[^\s?]+\?[^\s]*\bsig=[A-Za-z0-9_%-]{20,}`), nil},
	// Feishu / Lark custom bot: https://open.feishu.cn/document/client-docs/bot-v3/add-custom-bot,
	// open-apis/bot/v2/hook/<token> (a UUID), on open.feishu.cn or open.larksuite.com.
	{"a Feishu (Lark) bot webhook URL", []string{"open.feishu.cn", "open.larksuite.com"},
		lazyRegexp(`https://open\.(?:feishu\.cn|larksuite\.com)/open-apis/bot/v2/hook/[0-9A-Za-z-]{16,}`), nil},
	// DingTalk custom robot: https://open.dingtalk.com/document/robots/custom-robot-access,
	// robot/send?access_token=<64 hex>.
	{"a DingTalk robot webhook URL", []string{"oapi.dingtalk.com"},
		lazyRegexp(`https://oapi\.dingtalk\.com/robot/send\?(?:[^\s]*&)?access_token=[0-9a-fA-F]{64}`), nil},
	// DingTalk robot signing secret (加签): "SEC" and 64 hex digits, same page.
	{"a DingTalk robot signing secret", []string{"SEC"},
		lazyRegexp(`\bSEC[0-9a-f]{64}\b`), nil},
	// AWS access key ids: AKIA (long-term), ASIA (STS), ABIA, ACCA and 16 base32 characters
	// (docs.aws.amazon.com IAM "Unique identifier prefixes"; gitleaks aws.go).
	{"an AWS access key id", []string{"AKIA", "ASIA", "ABIA", "ACCA"},
		lazyRegexp(`\b(?:AKIA|ASIA|ABIA|ACCA)[A-Z2-7]{16}\b`), nil},
	// Alibaba Cloud AccessKey ID: LTAI and 12-20 alphanumerics (alibabacloud.com RAM "Create
	// an AccessKey pair"; gitleaks alibaba.go uses 20, older keys have 12).
	{"an Alibaba Cloud AccessKey ID", []string{"LTAI"},
		lazyRegexp(`\bLTAI[A-Za-z0-9]{12,20}\b`), nil},
	// GitHub: ghp_ (classic PAT), gho_ (OAuth), ghu_/ghs_ (app user/server), ghr_ (refresh),
	// 36 alphanumerics; github_pat_ fine-grained: 22 + "_" + 59. github.blog 2021-04-05
	// "Behind GitHub's new authentication token formats".
	{"a GitHub token", []string{"ghp_", "gho_", "ghu_", "ghs_", "ghr_", "github_pat_"},
		lazyRegexp(`\b(?:gh[pousr]_[A-Za-z0-9]{36}|github_pat_[A-Za-z0-9]{22}_[A-Za-z0-9]{59})\b`), nil},
	// GitLab: glpat- personal, glptt- trigger, gldt- deploy, glrt- runner tokens
	// (docs.gitlab.com/ee/security/token_overview.html, "Token prefixes"); 20+ characters.
	{"a GitLab token", []string{"glpat-", "glptt-", "gldt-", "glrt-"},
		lazyRegexp(`\bgl(?:pat|ptt|dt|rt)-[A-Za-z0-9_.-]{20,}`), nil},
	// JSON web tokens (RFC 7519): base64url header and payload that both start with `{"`
	// (eyJ), and a signature.
	{"a JSON web token", []string{"eyJ"},
		lazyRegexp(`\beyJ[A-Za-z0-9_-]{10,}\.eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}`), nil},
	// RFC 3986 section 3.2.1 user:password@ in a URL (deprecated there for this reason); the
	// user may be empty, as in redis://:password@host.
	{"a URL with a user name and password in it", []string{"@"},
		lazyRegexp(`\b[a-zA-Z][a-zA-Z0-9+.-]*://[^/\s:@]*:[^/\s@]+@`), noExpression},
	// A credential in a query string: DingTalk-like access_token=, sig=, api_key=, ...
	{"a URL with a credential in its query", []string{"token=", "key=", "sig=", "signature=", "secret=", "password=", "passwd=", "pwd="},
		lazyRegexp(`(?i)[?&](?:access_token|token|api_?key|key|sig|signature|secret|client_secret|password|passwd|pwd)=[^&#\s]{8,}`), noExpression},
	// RFC 6750 Bearer credentials: only a value mixing letters and digits, so prose such as
	// "Bearer authentication" is not one.
	{"a Bearer token", []string{"bearer"},
		lazyRegexp(`(?i)\bbearer\s+[A-Za-z0-9._~+/-]{16,}=*`), func(m string) bool {
			return noExpression(m) && charClasses(m[strings.LastIndexAny(m, " \t")+1:]) >= 2
		}},
	// RFC 7617 Basic credentials: base64 of "user:password", checked by decoding it.
	{"Basic authentication credentials", []string{"basic"},
		lazyRegexp(`(?i)\bbasic\s+[A-Za-z0-9+/]{12,}={0,2}`), basicCredentials},
}

// lazyRegexp compiles pattern the first time it is asked for: most runs of wfc never need a
// credential format (compile, push and package run no lint rule; a value is matched only
// when it holds a keyword), and compiling the 19 at start-up cost every run 0.4 ms and
// 300 KB.
func lazyRegexp(pattern string) func() *regexp.Regexp {
	return sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(pattern) })
}

func noExpression(m string) bool { return !workflow.HasExpression(m) }

// basicCredentials reports whether the token after "Basic " decodes to user:password.
func basicCredentials(m string) bool {
	token := m[strings.LastIndexAny(m, " \t")+1:]
	raw, err := base64.StdEncoding.DecodeString(token)
	if err != nil {
		raw, err = base64.RawStdEncoding.DecodeString(strings.TrimRight(token, "="))
	}
	return err == nil && strings.IndexByte(string(raw), ':') > 0
}

// formatKind says which well-known credential format v holds, or "".
func formatKind(v string) string {
	lower := strings.ToLower(v) // no copy when v has no upper case
	for i := range secretFormats {
		f := &secretFormats[i]
		if !f.mayMatch(v, lower) {
			continue
		}
		for _, m := range f.re().FindAllString(v, -1) {
			if f.verify == nil || f.verify(m) {
				return f.kind
			}
		}
	}
	return ""
}

// mayMatch is the prefilter: whether v (lower: v lower-cased) holds one of f's keywords.
func (f *secretFormat) mayMatch(v, lower string) bool {
	for _, k := range f.keywords {
		in := v
		if k == strings.ToLower(k) {
			in = lower
		}
		if strings.Contains(in, k) {
			return true
		}
	}
	return false
}

func containsAny(s string, subs []string) bool {
	for _, sub := range subs {
		if strings.Contains(s, sub) {
			return true
		}
	}
	return false
}
