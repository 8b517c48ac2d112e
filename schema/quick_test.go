package schema

import (
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"

	"github.com/wfc-dev/wfc/internal/yamlbound"
)

// quickSeeds are valid workflows that between them use every key of the schema.
var quickSeeds = []string{
	head + "steps:\n  - id: a\n    action: p/a\n",
	head + "x-defaults: {timeout: 60s, on_error: continue}\nx-notes: [1, two]\nsteps:\n  - id: a\n    action: p/a\n",
	`wfc: 1
name: Everything
description: every key once
type: containment
labels: [IP, DOMAIN]
dataclass: Alert
log_level: debug
retry: {times: 2, interval: 30s}
inputs:
  - {name: ip, type: string, required: true, description: the IP, default: 1.2.3.4}
  - name: n
    default: {a: [1, 2]}
outputs:
  - {name: verdict, type: string, required: false, description: d, value: "${steps.a.output.v}"}
steps:
  - id: a
    name: Enrich
    description: look it up
    action: intel/lookup
    with: {ip: "${inputs.ip}", deep: {x: [1, {y: 2}]}, n: 1.5}
    connection: conn
    timeout: 60
    retry: {times: 10}
    on_error: continue
    next: s
  - id: s
    switch:
      - {name: bad, when: "${steps.a.output.v == 'bad'}", next: ok}
      - when: " ${true} "
        next: end
    default: p
  - id: p
    parallel:
      - steps:
          - {id: w, wait: 1h30m}
          - {id: c, workflow: child, with: {x: 1}}
      - steps:
          - id: v
            approval: {approvers: [lead, "bob"], timeout: 4h, on_timeout: pass, form: {why: string}}
  - id: ok
    wait: 0
`,
}

// quickCorpus is the seeds and the examples shipped with wfc.
func quickCorpus(t testing.TB) []string {
	corpus := append([]string{}, quickSeeds...)
	files, err := filepath.Glob("../examples/*.yaml")
	if err != nil || len(files) == 0 {
		t.Fatalf("no examples found: %v", err)
	}
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		corpus = append(corpus, string(src))
	}
	return corpus
}

// Mutations draw keys and values from these pools: every key of the schema, values on both
// sides of every constraint (types, patterns, enums, ranges, lengths), and YAML's odd scalars.
var (
	mutantKeys = []string{
		"wfc", "name", "description", "type", "labels", "dataclass", "retry", "log_level", "inputs",
		"outputs", "steps", "times", "interval", "required", "default", "value", "id", "next", "action",
		"with", "connection", "timeout", "on_error", "approval", "switch", "parallel", "workflow", "wait",
		"approvers", "on_timeout", "on_reject", "form", "when", "Action", "x", "x-a", "<<", "1",
	}
	mutantValues = []string{
		"1", "0", "-1", "10", "11", "2", "1.5", "1.0", "1e3", "0x10", "1_000", "99999999999999999999",
		".inf", "true", "false", "null", "~", `""`, `"1"`, "end", "e", "en", "endx", "Abc", "a_b", "a1",
		"a/b", "a/b/c", `" a/b"`, "30s", "1h30m", "5m10s", "2d12h", "1h1d", "5x", "h", `"${x}"`, `" ${x} "`, `"${x"`, "IP",
		"DOMAIN", "ip", "general", "NORMAL", "debug", "pass", "interrupt", "string", "boolean", "ü",
		"2020-01-01", "!!binary aGk=", "!!str 1", "'[]'", "{}", "[]", "[a]", "[IP, IP, IP, IP]", "[1]",
		"{times: 1}", "{times: 1, interval: 5}", "{approvers: [a], timeout: 1h}", "{approvers: [], timeout: 1h}",
		`[{when: "${x}", next: end}]`, "[{next: end}]", "[{steps: [{id: q, action: a/b}]}]", "[{steps: []}]",
		"[{id: q, action: a/b}]", "[{id: q}]", "[{name: x}]", "{name: x}", "{a: 1}",
	}
)

// parseValue is one pool value as yaml.v3 decodes it.
func parseValue(t testing.TB, text string) *yaml.Node {
	var doc yaml.Node
	if err := yaml.Unmarshal([]byte("v: "+text), &doc); err != nil {
		t.Fatalf("pool value %q: %v", text, err)
	}
	return doc.Content[0].Content[1]
}

// nodesOf lists every value of the tree under n. Keys are left out: workflow.Load drops
// complex and repeated keys before it validates, and mutants only rename keys by setKey.
func nodesOf(n *yaml.Node) []*yaml.Node {
	out := []*yaml.Node{n}
	for i, c := range n.Content {
		if n.Kind != yaml.MappingNode || i%2 == 1 {
			out = append(out, nodesOf(c)...)
		}
	}
	return out
}

// mutate makes one random change to the document: a key removed, added or renamed, a list
// item removed or repeated, or a value replaced.
func mutate(t testing.TB, rng *rand.Rand, doc *yaml.Node) {
	all := nodesOf(doc.Content[0])
	n := all[rng.IntN(len(all))]
	pick := func(pool []string) string { return pool[rng.IntN(len(pool))] }
	switch op := rng.IntN(6); {
	case op == 0 && n.Kind == yaml.MappingNode && len(n.Content) > 0:
		i := 2 * rng.IntN(len(n.Content)/2)
		n.Content = append(n.Content[:i:i], n.Content[i+2:]...)
	case op == 1 && n.Kind == yaml.MappingNode:
		setKey(n, pick(mutantKeys), parseValue(t, pick(mutantValues)))
	case op == 2 && n.Kind == yaml.MappingNode && len(n.Content) > 0:
		i := 2 * rng.IntN(len(n.Content)/2)
		value := n.Content[i+1]
		n.Content = append(n.Content[:i:i], n.Content[i+2:]...)
		setKey(n, pick(mutantKeys), value)
	case op == 3 && n.Kind == yaml.SequenceNode && len(n.Content) > 0:
		i := rng.IntN(len(n.Content))
		if rng.IntN(2) == 0 {
			n.Content = append(n.Content[:i:i], n.Content[i+1:]...)
		} else {
			n.Content = append(n.Content, n.Content[i])
		}
	default:
		*n = *parseValue(t, pick(mutantValues))
	}
}

// setKey sets the key name of the mapping m to value, adding the key when it is not there
// (workflow.Load drops repeated keys before it validates, so mutants do not repeat them).
func setKey(m *yaml.Node, name string, value *yaml.Node) {
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == name {
			m.Content[i+1] = value
			return
		}
	}
	m.Content = append(m.Content, &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: name}, value)
}

// agree checks the quick check against the JSON Schema validator on one document and returns
// the quick verdict.
func agree(t *testing.T, what string, doc *yaml.Node) verdict {
	t.Helper()
	quick := quickCheck(doc.Content[0])
	full := validate("q.yaml", doc.Content[0])
	switch {
	case quick == valid && len(full) > 0:
		t.Errorf("%s: quick check says valid, the validator says:\n%v", what, full.Error())
	case quick == invalid && len(full) == 0:
		t.Errorf("%s: quick check says invalid, the validator accepts it", what)
	}
	if got, want := Validate("q.yaml", doc).Error(), full.Error(); got != want {
		t.Errorf("%s: Validate says\n%s\nthe validator alone says\n%s", what, got, want)
	}
	return quick
}

func encode(doc *yaml.Node) string {
	out, err := yaml.Marshal(doc)
	if err != nil {
		return "(cannot print: " + err.Error() + ")"
	}
	return string(out)
}

// TestQuickCheckAgreesWithValidator: on valid workflows and thousands of random mutations of
// them, the quick check never contradicts the JSON Schema validator, Validate's diagnostics
// are the validator's to the byte, and the quick check decides nearly every document itself.
func TestQuickCheckAgreesWithValidator(t *testing.T) {
	corpus := quickCorpus(t)
	for i, src := range corpus {
		var doc yaml.Node
		if err := yaml.Unmarshal([]byte(src), &doc); err != nil {
			t.Fatal(err)
		}
		if got := agree(t, "seed", &doc); got != valid {
			t.Errorf("seed %d: the quick check should accept it, says %v", i, got)
		}
	}
	rounds := 1500
	if testing.Short() {
		rounds = 300
	}
	rng := rand.New(rand.NewPCG(8, 20))
	count := map[verdict]int{}
	for round := range rounds {
		var doc yaml.Node
		if err := yaml.Unmarshal([]byte(corpus[round%len(corpus)]), &doc); err != nil {
			t.Fatal(err)
		}
		for range 1 + rng.IntN(3) {
			mutate(t, rng, &doc)
		}
		count[agree(t, "mutant:\n"+encode(&doc), &doc)]++
		if t.Failed() {
			return
		}
	}
	t.Logf("verdicts: %d valid, %d invalid, %d unsure", count[valid], count[invalid], count[unsure])
	if count[valid] < rounds/20 || count[invalid] < rounds/2 || count[unsure] > rounds/10 {
		t.Errorf("want some valid mutants, mostly invalid ones and few undecided: %v", count)
	}
}

// TestQuickCheckUnsure: what the quick check does not model goes to the validator.
func TestQuickCheckUnsure(t *testing.T) {
	steps := "steps:\n  - id: a\n    action: p/a\n"
	for _, src := range []string{
		head + "x: &v 1\ny: *v\n" + steps,                                     // an alias
		head + "retry: {times: 1.0}\n" + steps,                                // a float where an integer is wanted
		head + steps + "  - id: b\n    action: p/b\n    with: {a: 1, a: 2}\n", // a repeated key
		head + "[a]: 1\n" + steps,                                             // a complex key
		head + steps + "    with: " + strings.Repeat("[", yamlbound.MaxDepth) + strings.Repeat("]", yamlbound.MaxDepth) + "\n",
	} {
		var doc yaml.Node
		if err := yaml.Unmarshal([]byte(src), &doc); err != nil {
			t.Fatal(err)
		}
		if got := quickCheck(doc.Content[0]); got != unsure {
			t.Errorf("quick check says %v on\n%s", got, src)
		}
	}
}

// TestValidWorkflowSkipsValidator: a valid workflow is not converted to JSON values nor run
// through the validator; allocation counts show it (a tenth of the validator's or less).
func TestValidWorkflowSkipsValidator(t *testing.T) {
	var doc yaml.Node
	if err := yaml.Unmarshal(largeWorkflow(200), &doc); err != nil {
		t.Fatal(err)
	}
	quick := testing.AllocsPerRun(5, func() { Validate("big.yaml", &doc) })
	full := testing.AllocsPerRun(5, func() { validate("big.yaml", doc.Content[0]) })
	if quick*10 > full {
		t.Errorf("Validate of a valid workflow allocates %v times, the validator %v: the quick check is not used", quick, full)
	}
}

// FuzzQuickCheck: on any YAML, the quick check agrees with the validator.
func FuzzQuickCheck(f *testing.F) {
	for _, src := range quickCorpus(f) {
		f.Add(src)
	}
	f.Fuzz(func(t *testing.T, src string) {
		if len(src) > 1<<16 {
			return
		}
		var doc yaml.Node
		if yaml.Unmarshal([]byte(src), &doc) != nil || len(doc.Content) != 1 {
			return
		}
		agree(t, src, &doc)
	})
}

// TestQuickCheckExtensionKeys: the quick check models patternProperties, so a workflow with
// x- keys is judged without the validator, and an unknown key beside them is still invalid.
func TestQuickCheckExtensionKeys(t *testing.T) {
	steps := "steps:\n  - id: a\n    action: p/a\n"
	for src, want := range map[string]verdict{
		"x-defaults: {timeout: 60s}\nx-list: [1, 2]\n" + head + steps: valid,
		"x-defaults: {}\nbogus: 1\n" + head + steps:                   invalid,
		head + "steps:\n  - id: a\n    action: p/a\n    x-note: 1\n":  invalid,
	} {
		var doc yaml.Node
		if err := yaml.Unmarshal([]byte(src), &doc); err != nil {
			t.Fatal(err)
		}
		if got := quickCheck(doc.Content[0]); got != want {
			t.Errorf("quick check says %v, want %v on\n%s", got, want, src)
		}
	}
}

// TestQuickRulesThroughReferences: a schema that is only a $ref checks as its target, also
// in a cycle of references where the target is still being compiled (c → a → b → c).
func TestQuickRulesThroughReferences(t *testing.T) {
	doc := map[string]any{
		"$ref": "#/$defs/a",
		"$defs": map[string]any{
			"a": map[string]any{"$ref": "#/$defs/b", "title": "A"},
			"b": map[string]any{"type": "object", "properties": map[string]any{"x": map[string]any{"$ref": "#/$defs/c"}}},
			"c": map[string]any{"$ref": "#/$defs/a"},
		},
	}
	rules, err := compileRules(doc)
	if err != nil {
		t.Fatal(err)
	}
	for text, want := range map[string]verdict{"{x: {x: {}}}": valid, "{x: {x: 5}}": invalid, "{x: 5}": invalid, "7": invalid} {
		if got := rules.check(parseValue(t, text)); got != want {
			t.Errorf("%s: verdict %d, want %d", text, got, want)
		}
	}
}
