package lint

import (
	"fmt"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"gopkg.in/yaml.v3"

	"github.com/wfc-dev/wfc/workflow"
)

// TestSecretNeverPrinted: every message of secret-in-with on the bad test files is made of
// the field path (YAML keys, indices and wfc's field names), a kind from the rule's fixed list
// and the advice, so no part of a value can be in it; and every diagnostic is marked
// Sensitive, so the text format leaves its source line out.
func TestSecretNeverPrinted(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join(workflowTestdata, "secret-in-with", "*.yaml"))
	files = slices.DeleteFunc(files, func(f string) bool { return strings.HasPrefix(filepath.Base(f), "ok") })
	if len(files) == 0 {
		t.Fatal("no bad test files")
	}
	shape := regexp.MustCompile(`^(\S+) looks like (.+?); do not write secrets in a workflow: (.+)$`)
	fieldPart := regexp.MustCompile(`\[\d+\]|[^.\[\]]+`)
	kinds := map[string]bool{"a key or token (a long random-looking string)": true, "a URL with a token in it": true,
		"a Huawei Cloud access key id (AK)": true, "a Huawei Cloud or AWS secret access key (SK)": true,
		"a PagerDuty routing (integration) key": true}
	for _, f := range secretFormats {
		kinds[f.kind] = true
	}
	for _, file := range files {
		w, src := loadTestWorkflow(t, file)
		keys := mappingKeys(t, src)
		got := runOne(wfSecretInWith, file, src, w, nil)
		if len(got) == 0 {
			t.Fatalf("%s: no diagnostics", file)
		}
		for _, d := range got {
			if !d.Sensitive {
				t.Errorf("%s: not marked Sensitive", d.Error())
			}
			m := shape.FindStringSubmatch(d.Message)
			if m == nil || (m[3] != adviceValue && m[3] != adviceDefault) {
				t.Errorf("%s: message is not field, kind and advice", d.Error())
				continue
			}
			for _, part := range fieldPart.FindAllString(m[1], -1) {
				if !keys[part] && !strings.HasPrefix(part, "[") {
					t.Errorf("%s: field part %q is not a key of the file", d.Error(), part)
				}
			}
			if ref, ok := strings.CutPrefix(m[2], "a literal secret (compared with "); ok {
				if !reference.MatchString(strings.TrimSuffix(ref, ")")) {
					t.Errorf("%s: %q is not a reference (names and dots, no literal)", d.Error(), ref)
				}
			} else if key, ok := strings.CutPrefix(m[2], "a literal secret (the key "); ok {
				if k, err := strconv.Unquote(strings.TrimSuffix(key, " names one)")); err != nil || !keys[k] {
					t.Errorf("%s: %q is not a key of the file", d.Error(), key)
				}
			} else if !kinds[m[2]] {
				t.Errorf("%s: kind %q is not one of the rule's", d.Error(), m[2])
			}
		}
	}
}

// reference is a reference without quotes: the literal it is compared with cannot be in it.
var reference = regexp.MustCompile(`^(?:inputs|steps|workflow)(?:\.[A-Za-z_][A-Za-z0-9_]*)+$`)

// mappingKeys are the mapping keys of a YAML file and the values of its name: keys (input
// names), which messages may quote.
func mappingKeys(t *testing.T, src []byte) map[string]bool {
	var root yaml.Node
	if err := yaml.Unmarshal(src, &root); err != nil {
		t.Fatal(err)
	}
	keys := map[string]bool{}
	var walk func(n *yaml.Node)
	walk = func(n *yaml.Node) {
		if n.Kind == yaml.MappingNode {
			for i := 0; i+1 < len(n.Content); i += 2 {
				keys[n.Content[i].Value] = true
				if n.Content[i].Value == "name" && !strings.ContainsAny(n.Content[i+1].Value, " ") {
					keys[n.Content[i+1].Value] = true
				}
			}
		}
		for _, c := range n.Content {
			walk(c)
		}
	}
	walk(&root)
	return keys
}

// TestSecretThresholds pins the documented thresholds at their edges.
func TestSecretThresholds(t *testing.T) {
	cases := []struct {
		key, value string
		want       bool
	}{
		{"password", "Summer2024!", true},         // the example
		{"password", "Ab1!x", false},              // 5 characters: below minSecretLen
		{"password", "Ab1!xy", true},              // 6
		{"password", "required", false},           // one class, 2.75 bits
		{"token", "qwhvzkpmjtxr", true},           // one class, 12 distinct letters: 3.58 bits
		{"token", "abcabcabcabc", false},          // one class, 1.58 bits
		{"password", "changeme", false},           // placeholder
		{"password", "<db password>", false},      // placeholder
		{"password", "your_password_here", false}, // placeholder
		{"password", "vault:secret/db#pw", false}, // secret store
		{"password", "csms://prod/db", false},     // Huawei Cloud CSMS
		{"password", "$DB_PASSWORD", false},       // environment reference
		{"auth", "oauth2", false},                 // a mode
		{"password", "set it in the console", false},
		{"webhook", "https://hooks.example.com/notify", false},
		{"webhook", "https://hooks.example.com/notify/8fK2qLm9Zx7TbW4v", true},
		{"password_policy", "Str0ng!Pass", false}, // the key is about a secret, not one
		{"密码", "Summer2024!", true},
		{"mima", "Summer2024!", true},
		{"db_mima_hint", "Summer2024!", false},
		{"auth", "sso.example.com", false},  // a host name
		{"password", "pass.word2024", true}, // dots, but not a host name
		{"auth_user", "soc-bot01", false},   // the key names the user, not the secret
	}
	for _, c := range cases {
		got := secretKey(c.key) && passwordLike(c.value)
		if got != c.want {
			t.Errorf("key %q value %q: reported %v, want %v", c.key, c.value, got, c.want)
		}
	}
}

// TestSecretFormatPrefilter: ordinary workflow strings run no format's regexp at all (the
// keyword prefilter rejects them), and strings with a format's keyword run only that one's.
func TestSecretFormatPrefilter(t *testing.T) {
	runs := func(v string) (n int) {
		for i := range secretFormats {
			if secretFormats[i].mayMatch(v, strings.ToLower(v)) {
				n++
			}
		}
		return n
	}
	for _, v := range []string{"${inputs.ip}", "${steps.enrich.output.score > 80}", "Block the IP in SecMaster",
		"https://soc.example.com/alerts/42", "3f786850e387550fdab836ed7e6dc881de23001b", "6e3a4d1c-2b1f-4f0e-9a7c-8d5b3e2f1a0c",
		"封禁恶意 IP 并通知值班人员", "Asia/Shanghai"} {
		if n := runs(v); n != 0 {
			t.Errorf("%q runs %d regexps; want none", v, n)
		}
	}
	if n := runs("contact alice@example.com"); n != 1 {
		t.Errorf("an e-mail address runs %d regexps; want 1 (user:password@)", n)
	}
}

// TestSecretFormatsCompile: the patterns are compiled on first use, so a broken one would
// only panic in the run that first needs it; compile every one here.
func TestSecretFormatsCompile(t *testing.T) {
	for _, f := range secretFormats {
		if f.re() == nil {
			t.Errorf("%s: no regexp", f.kind)
		}
	}
}

// BenchmarkSecretInWith runs the rule on a workflow of n steps, each with a with map of
// ordinary values and expressions, to show the cost grows linearly with the input.
func BenchmarkSecretInWith(b *testing.B) {
	for _, n := range []int{200, 2000} {
		var sb strings.Builder
		sb.WriteString("wfc: 1\nname: bench\ndescription: \"Isolate the host and notify the SOC team\"\ninputs:\n  - name: ip\nsteps:\n")
		for i := range n {
			fmt.Fprintf(&sb, "  - id: s%d\n    name: Step number %d enriches the alert\n    action: p/a\n    with:\n      ip: \"${inputs.ip}\"\n      note: \"blocked by the SOC at https://soc.example.com/alerts/%d\"\n      token: \"${inputs.ip}\"\n      hash: 3f786850e387550fdab836ed7e6dc881de23001b\n      nested: {list: [a, b, c], url: \"https://example.com/a?b=c\"}\n", i, i, i)
		}
		src := []byte(sb.String())
		w, diags := workflow.Load("bench.yaml", src)
		if w == nil || diags.HasErrors() {
			b.Fatalf("bench workflow does not load: %v", diags)
		}
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			in := &Input{File: "bench.yaml", Source: src, Workflow: w, Settings: Settings{Extends: All}}
			b.SetBytes(int64(len(src)))
			b.ReportAllocs()
			for b.Loop() {
				if d := runRules(in, []*Rule{wfSecretInWith}); len(d) != 0 {
					b.Fatalf("unexpected: %v", d)
				}
			}
		})
	}
}

// FuzzSecretValue: any key and value go through every check without a panic, and the
// documented minimum lengths hold whatever the input.
func FuzzSecretValue(f *testing.F) {
	for _, seed := range [][2]string{{"password", "Summer2024!"}, {"webhook", "https://a/b?token=${x}"},
		{"密码", "密码密码密码"}, {"token", "${inputs.a == 'Bb1!xyzq'}"}, {"auth", "Basic Zm9vOmJhcg=="}, {"sk", "\xff\xfe"}} {
		f.Add(seed[0], seed[1])
	}
	f.Fuzz(func(t *testing.T, key, value string) {
		_ = formatKind(value)
		if secretKey(key) && passwordLike(value) {
			if utf8.RuneCountInString(value) < minSecretLen {
				t.Errorf("%q is reported with fewer than %d characters", value, minSecretLen)
			}
			_ = keyedKind(key, value)
		}
		if randomToken(value) && len(value) < minTokenLen {
			t.Errorf("%q is a random token with fewer than %d characters", value, minTokenLen)
		}
		if ref, ok := comparedSecret(value); ok && !strings.Contains(value, ref) {
			t.Errorf("reference %q is not written in %q", ref, value)
		}
	})
}
