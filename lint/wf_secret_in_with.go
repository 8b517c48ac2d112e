package lint

import (
	"fmt"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/wfc-dev/wfc/diag"
	"github.com/wfc-dev/wfc/workflow"
)

// The id stays secret-in-with although the rule now looks at every string the compiler
// writes into the taskflow: ids are what wfc.yaml and suppression comments name, and wfc
// has no aliases, so a new id would silently turn off the rule for whoever relaxed it.
var wfSecretInWith = &Rule{
	ID:          "secret-in-with",
	Severity:    diag.Error,
	Recommended: true,
	Scope:       ScopeWorkflow,
	Sensitive:   true,
	Summary:     "no password, token, key or webhook URL is written into a workflow",
	Doc: "A workflow file is committed, reviewed, and compiled into a taskflow every SecMaster " +
		"user of the workspace can read, so a password, token or webhook URL written into it " +
		"leaks. The id keeps its historical name (wfc.yaml files and suppressions use it) but the " +
		"rule covers every string the compiler writes: `with` and approval `form` values (nested " +
		"maps and lists too), a step's `platform` block, input `default`s, output `value`s, `switch` conditions, and names, " +
		"descriptions, approvers, connections and the dataclass. Everywhere it recognises " +
		"well-known formats: Slack, Microsoft Teams, Feishu (Lark) and DingTalk webhook URLs and " +
		"the DingTalk signing secret (SEC...), Slack, GitHub (ghp_, gho_, ghs_, github_pat_...) " +
		"and GitLab (glpat-...) tokens, AWS (AKIA...) and Alibaba Cloud (LTAI...) access key ids, " +
		"JSON web tokens, PEM private keys, Bearer and Basic credentials, user:password@ in a " +
		"URL, credentials in a URL's query (access_token=, sig=), and a string literal compared " +
		"with a reference that names a secret (${inputs.password == 'a literal'}). In values (not " +
		"in names, descriptions or conditions) it also reports long random-looking strings (32+ " +
		"characters mixing upper case, lower case and digits, 4+ bits of entropy per character), " +
		"and a literal under a key that names a secret (password, passwd, pwd, secret, token, " +
		"api_key, access_key, ak, sk, private_key, authorization, credential, webhook, cookie, " +
		"routing_key, service_key, 密码, 口令, 密钥, 令牌, 凭证, pinyin mima, miyao, lingpai; for an input default, the " +
		"input's name) when it has 6+ characters and mixes letters, digits or symbols, or has " +
		"3.5+ bits of entropy per character; there it names Huawei Cloud AK/SK, AWS secret keys " +
		"and PagerDuty routing keys by their shape. Not reported: ${...} expressions, " +
		"placeholders (<token>, {{x}}, xxxx, changeme, your_token_here), references to a secret " +
		"store (vault:, csms:, kms:, arn:, $NAME), UUIDs and hex hashes, values under hash and id " +
		"keys, data: URLs and base64 runs over 1024 characters (content, not keys). Keep the " +
		"secret in a SecMaster asset connection and name it with connection:, or declare a " +
		"required input with no default and pass the value when the workflow runs; an input " +
		"default is compiled into the taskflow like any other literal. The message says what the " +
		"value looks like, never the value, and the text format shows no source line for it.",
	Check: func(p *Pass) {
		w := p.Input.Workflow
		check := secretChecker{p: p}
		for _, s := range w.AllSteps() {
			for _, e := range s.With() {
				check.value(e.Value, "with."+e.Key.Value, e.Key.Value, adviceValue)
			}
			if a, ok := s.Body.(*workflow.Approval); ok {
				for _, e := range a.Form {
					check.value(e.Value, "approval.form."+e.Key.Value, e.Key.Value, adviceValue)
				}
			}
			if p := s.Platform; p != nil && p.SecMaster != nil { // compiled in verbatim
				for _, part := range []struct {
					path    string
					entries []*workflow.Entry
				}{{"attributes", p.SecMaster.Attributes}, {"taskconfig", p.SecMaster.Taskconfig}} {
					for _, e := range part.entries {
						check.value(e.Value, "platform.secmaster."+part.path+"."+e.Key.Value, e.Key.Value, adviceValue)
					}
				}
			}
			if p := s.Platform; p != nil && p.DataWorks != nil { // merged into the node verbatim
				for _, e := range p.DataWorks.Members {
					check.value(e.Value, "platform.dataworks."+e.Key.Value, e.Key.Value, adviceValue)
				}
			}
			check.stepText(s)
		}
		for i, in := range w.Inputs {
			check.value(in.Default, fmt.Sprintf("inputs[%d].default", i), in.Name.Value, adviceDefault)
			check.text(in.Description, fmt.Sprintf("inputs[%d].description", i))
		}
		for i, out := range w.Outputs {
			if out.Value.IsSet() {
				check.scalar(out.Value.Value, out.Value.Range, fmt.Sprintf("outputs[%d].value", i), out.Name.Value, adviceValue)
			}
			check.text(out.Description, fmt.Sprintf("outputs[%d].description", i))
		}
		check.text(w.Name, "name")
		check.text(w.Description, "description")
		check.text(w.Dataclass, "dataclass")
	},
}

// What the message tells the user to do. An input default is compiled into the taskflow, so
// the advice never suggests one.
const (
	adviceValue   = "keep it in an asset connection (connection:) or declare a required input with no default and pass the value when the workflow runs"
	adviceDefault = "a default is compiled into the taskflow for every workspace user to read: remove it, make the input required and pass the value when the workflow runs, or keep it in an asset connection (connection:)"
)

// maxSecretWalkDepth bounds how deep into nested values the rule looks.
const maxSecretWalkDepth = 32

type secretChecker struct{ p *Pass }

// value checks every string scalar under v (a with or form value, an input default); key is
// the mapping key (or input name) it sits under, field the path for messages.
func (c secretChecker) value(v *workflow.Value, field, key, advice string) {
	if v == nil || v.Node == nil {
		return
	}
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
			if n.ShortTag() == "!!str" {
				c.scalar(n.Value, diag.Range{Start: diag.Pos{Line: n.Line, Column: n.Column}}, path, key, advice)
			}
		}
	}
	walk(v.Node, field, key, 0)
}

// scalar checks one value string: formats, a literal under a secret key, a random token.
func (c secretChecker) scalar(value string, at diag.Range, field, key, advice string) {
	v := strings.TrimSpace(value)
	if v == "" {
		return
	}
	what := formatKind(v)
	if what == "" && !workflow.HasExpression(v) && secretKey(key) && passwordLike(v) {
		what = keyedKind(key, v)
	}
	if what == "" {
		what = comparedKind(v)
	}
	if what == "" && randomToken(v) && !hashKey(key) {
		what = "a key or token (a long random-looking string)"
	}
	if what != "" {
		c.report(at, field, what, advice)
	}
}

// text checks a name, description or condition: only well-known formats, since prose and
// expressions are not values under a key.
func (c secretChecker) text(s workflow.String, field string) {
	if !s.IsSet() || s.Value == "" {
		return
	}
	what := formatKind(s.Value)
	if what == "" {
		what = comparedKind(s.Value)
	}
	if what != "" {
		c.report(s.Range, field, what, adviceValue)
	}
}

// stepText checks the strings of s other than with and form that land in the taskflow.
func (c secretChecker) stepText(s *workflow.Step) {
	c.text(s.Name, "name")
	c.text(s.Description, "description")
	s.Values(secretTextSink{c})
}

// secretTextSink checks a step body's strings (Step.Values) as text; with and form values
// are checked as values under their keys (value), and durations, policies and counts cannot
// hold a secret.
type secretTextSink struct{ c secretChecker }

func (k secretTextSink) String(path string, s workflow.String) { k.c.text(s, path) }
func (k secretTextSink) Set(path string, items []workflow.String, _ diag.Range) {
	for i, s := range items {
		k.c.text(s, fmt.Sprintf("%s[%d]", path, i))
	}
}
func (k secretTextSink) Case(i int, cs *workflow.Case) {
	k.c.text(cs.Name, workflow.CasePath(i, "name"))
	k.c.text(cs.When, workflow.CasePath(i, "when"))
}
func (secretTextSink) Duration(string, *workflow.Duration) {}
func (secretTextSink) Retry(*workflow.Retry)               {}
func (secretTextSink) Entries(string, []*workflow.Entry)   {}
func (secretTextSink) Policy(string, string, diag.Range)   {}
func (secretTextSink) Count(string, int, diag.Range)       {}

// report records the finding, which the rule's Sensitive marks so that the text format shows
// no source line (the line holds the secret). The message names the field and the kind, never
// the value.
func (c secretChecker) report(at diag.Range, field, what, advice string) {
	c.p.Report(at, "%s looks like %s; do not write secrets in a workflow: %s", field, what, advice)
}

// comparedKind names a literal compared with a secret reference (see comparedSecret), or "".
func comparedKind(v string) string {
	if ref, ok := comparedSecret(v); ok {
		return "a literal secret (compared with " + ref + ")"
	}
	return ""
}

// hashKey reports keys whose values are digests or ids, not secrets (file_hash, sha256,
// projectId): their last word names one, or the key ends in hash, digest or checksum.
func hashKey(key string) bool {
	words := keyWords(key)
	if len(words) > 0 && digestWords[words[len(words)-1]] {
		return true
	}
	k := strings.Join(words, "")
	return strings.HasSuffix(k, "hash") || strings.HasSuffix(k, "digest") || strings.HasSuffix(k, "checksum")
}

var digestWords = map[string]bool{"hash": true, "digest": true, "checksum": true, "fingerprint": true, "sha1": true,
	"sha256": true, "sha512": true, "md5": true, "id": true, "ids": true, "uuid": true, "etag": true}
