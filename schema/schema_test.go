package schema

import (
	"encoding/json"
	"sort"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"
)

// TestSchemaCompiles: the embedded schema is valid 2020-12 (the compiler checks it against
// the meta-schema) and carries the $id editors resolve.
func TestSchemaCompiles(t *testing.T) {
	if _, _, err := load(); err != nil {
		t.Fatal(err)
	}
	var doc map[string]any
	if err := json.Unmarshal(JSON(), &doc); err != nil {
		t.Fatal(err)
	}
	if doc["$schema"] != "https://json-schema.org/draft/2020-12/schema" || doc["$id"] != ID {
		t.Errorf("$schema %v, $id %v", doc["$schema"], doc["$id"])
	}
}

// TestEveryPropertyDocumented: hover docs need a title and a description on every property.
func TestEveryPropertyDocumented(t *testing.T) {
	var doc any
	if err := json.Unmarshal(JSON(), &doc); err != nil {
		t.Fatal(err)
	}
	var missing []string
	var walk func(v any, path string)
	walk = func(v any, path string) {
		switch v := v.(type) {
		case map[string]any:
			if props, ok := v["properties"].(map[string]any); ok {
				for name, p := range props {
					if _, ok := p.(bool); ok {
						continue // a boolean subschema only allows or forbids the key; its docs are on the step
					}
					pm, _ := p.(map[string]any)
					if _, ok := pm["title"].(string); !ok {
						missing = append(missing, path+"/properties/"+name+" title")
					}
					if _, ok := pm["description"].(string); !ok {
						missing = append(missing, path+"/properties/"+name+" description")
					}
				}
			}
			for k, c := range v {
				walk(c, path+"/"+k)
			}
		case []any:
			for _, c := range v {
				walk(c, path)
			}
		}
	}
	walk(doc, "")
	sort.Strings(missing)
	if len(missing) > 0 {
		t.Errorf("undocumented properties:\n%s", strings.Join(missing, "\n"))
	}
}

func validateYAML(t *testing.T, src string) string {
	t.Helper()
	var n yaml.Node
	if err := yaml.Unmarshal([]byte(src), &n); err != nil {
		t.Fatal(err)
	}
	return Validate("s.yaml", &n).Error()
}

const head = "wfc: 1\nname: x\ndescription: \"\"\n"

func TestValidateMessages(t *testing.T) {
	for _, tc := range []struct{ name, src, want string }{
		{"valid", head + "steps: [{id: a, wait: 5}]\n", ""},
		{"unknown key without a close match lists the allowed keys", head + "steps:\n  - id: a\n    action: p/a\n    with: {a.b: {c: 1}}\n    bogus: 1\n",
			`s.yaml:8:5: step "a": unknown key "bogus"; allowed keys are action, approval, connection, datasource, default, description, id, name, next, on_error, parallel, platform, resource_group, retry, run, switch, timeout, wait, with, workflow [schema]`},
		{"two kinds name both", head + "steps: [{id: a, switch: [{when: '${x}', next: end}], parallel: [{steps: [{id: b, wait: 1}]}], default: end}]\n",
			`s.yaml:4:9: step "a": step must have exactly one of action, approval, switch, parallel, workflow, wait, run; it has switch and parallel [schema]`},
		{"negative duration", head + "steps: [{id: a, wait: -5}]\n",
			`s.yaml:4:23: step "a".wait: expected a duration like 30s, 5m, 1h30m or a whole number of seconds, got the number -5 [schema]`},
		{"bool where a string goes", head + "steps: [{id: a, action: true}]\n",
			`s.yaml:4:25: step "a".action: expected a string, got the boolean true; put it in quotes [schema]`},
		{"wrong version", "wfc: \"1\"\nname: x\ndescription: \"\"\nsteps: [{id: a, wait: 1}]\n",
			`s.yaml:1:6: wfc: must be 1, got the string "1" [schema]`},
		{"too many labels", head + "labels: [IP, ACCOUNT, DOMAIN, IP]\nsteps: [{id: a, wait: 1}]\n",
			`s.yaml:4:9: labels: has 4 items; at most 3 are allowed [schema]`},
		// A workflow saved in the console before anything was drawn is start → end.
		{"empty steps", head + "steps: []\n", ``},
		{"approval without approvers", head + "steps: [{id: a, approval: {timeout: 1h}}]\n",
			`s.yaml:4:27: step "a".approval: missing required key "approvers" [schema]`},
		// What the console saved without approvers or due date, carried verbatim (issue 11).
		{"approval carried", head + "steps: [{id: a, approval: {}, platform: {secmaster: {attributes: {soar:handlers: '[]', flowable:dueDate: ''}}}}]\n", ``},
		// The cases below pin the rules the schema writes without oneOf (step kinds, with,
		// durations, the reserved id end) to the messages the oneOf form gave.
		{"three kinds name all", head + "steps: [{id: a, action: p/a, approval: {approvers: [x], timeout: 1h}, wait: 5s}]\n",
			`s.yaml:4:9: step "a": step must have exactly one of action, approval, switch, parallel, workflow, wait, run; it has action and approval and wait [schema]`},
		{"no kind", head + "steps: [{id: a, name: n}]\n",
			`s.yaml:4:9: step "a": step must have exactly one of action, approval, switch, parallel, workflow, wait, run [schema]`},
		{"with on a step without kind", head + "steps: [{id: a, with: {x: 1}}]\n",
			`s.yaml:4:9: step "a": step must have exactly one of action, approval, switch, parallel, workflow, wait, run [schema]`},
		// One typo, one error: a misspelt kind key is the mistake; the kind error and the
		// keys that are out of place only because the kind is missing are its consequences.
		{"misspelt kind key", head + "steps:\n  - id: enrich\n    actoin: p/a\n    with: {ip: 1}\n    retry: {times: 2}\n    timeout: 5s\n    on_error: continue\n    connection: c\n",
			`s.yaml:6:5: step "enrich": unknown key "actoin"; did you mean "action"? [schema]`},
		{"misspelt kind key keeps real errors", head + "steps:\n  - id: w\n    wiat: 5s\n    retry: {times: 20}\n",
			"s.yaml:6:5: step \"w\": unknown key \"wiat\"; did you mean \"wait\"? [schema]\n" +
				`s.yaml:7:20: step "w".retry.times: must be at most 10, got the number 20 [schema]`},
		{"out of place key on a step with a kind", head + "steps: [{id: w, wait: 5s, with: {x: 1}}]\n",
			`s.yaml:4:27: step "w": "with" is only allowed on action, workflow and run steps [schema]`},
		{"a step without a usable id is named by its place", head + "steps: [{id: a, wait: 1}, {id: 'B', wait: x}, {wait: y}]\n",
			"s.yaml:4:32: steps[1].id: \"B\" is not a valid step id (lower-case letters, digits and _, starting with a letter) [schema]\n" +
				"s.yaml:4:43: steps[1].wait: expected a duration like 30s, 5m, 1h30m or a whole number of seconds, got the string \"x\" [schema]\n" +
				"s.yaml:4:47: steps[2]: missing required key \"id\" [schema]\n" +
				`s.yaml:4:54: steps[2].wait: expected a duration like 30s, 5m, 1h30m or a whole number of seconds, got the string "y" [schema]`},
		{"nested steps are named by id", head + "steps:\n  - id: p\n    parallel:\n      - steps: [{id: inner, wait: x}, {wait: 1, bogus: 2}]\n",
			"s.yaml:7:35: step \"inner\".wait: expected a duration like 30s, 5m, 1h30m or a whole number of seconds, got the string \"x\" [schema]\n" +
				"s.yaml:7:39: step \"p\".parallel[0].steps[1]: missing required key \"id\" [schema]\n" +
				`s.yaml:7:49: step "p".parallel[0].steps[1]: unknown key "bogus"; allowed keys are action, approval, connection, datasource, default, description, id, name, next, on_error, parallel, platform, resource_group, retry, run, switch, timeout, wait, with, workflow [schema]`},
		{"a steps key inside with is no step list", head + "steps: [{id: a, action: p/a, with: {steps: [{id: b}]}, retry: {times: x}}]\n",
			`s.yaml:4:71: step "a".retry.times: expected a whole number, got the string "x" [schema]`},
		{"with on a workflow step", head + "steps: [{id: a, workflow: w, with: {x: 1}}]\n", ""},
		{"on_error on a workflow step", head + "steps: [{id: a, workflow: w, on_error: b}, {id: b, wait: 1}]\n", ""},
		{"on_error on a wait step", head + "steps: [{id: a, wait: 1, on_error: b}, {id: b, wait: 1}]\n",
			`s.yaml:4:26: step "a": "on_error" is only allowed on action, workflow and run steps [schema]`},
		{"on_reject in an approval", head + "steps: [{id: a, approval: {approvers: [x], timeout: 1h, on_reject: end}}]\n", ""},
		{"on_reject on the step", head + "steps: [{id: a, approval: {approvers: [x], timeout: 1h}, on_reject: end}]\n",
			`s.yaml:4:58: step "a": unknown key "on_reject"; allowed keys are action, approval, connection, datasource, default, description, id, name, next, on_error, parallel, platform, resource_group, retry, run, switch, timeout, wait, with, workflow [schema]`},
		{"fractional duration", head + "steps: [{id: a, wait: 1.5}]\n",
			`s.yaml:4:23: step "a".wait: expected a duration like 30s, 5m, 1h30m or a whole number of seconds, got the number 1.5 [schema]`},
		{"whole float duration", head + "steps: [{id: a, wait: 30.0}]\n", ""},
		{"duration without unit order", head + "steps: [{id: a, wait: 5x}]\n",
			`s.yaml:4:23: step "a".wait: expected a duration like 30s, 5m, 1h30m or a whole number of seconds, got the string "5x" [schema]`},
		{"durations in days", head + "steps: [{id: a, wait: 1d}, {id: b, wait: 2d12h}, {id: c, wait: 1d30m}, {id: d, wait: 1d2h3m4s}]\n", ""},
		{"days after hours", head + "steps: [{id: a, wait: 1h1d}]\n",
			`s.yaml:4:23: step "a".wait: expected a duration like 30s, 5m, 1h30m or a whole number of seconds, got the string "1h1d" [schema]`},
		{"boolean duration", head + "steps: [{id: a, wait: true}]\n",
			`s.yaml:4:23: step "a".wait: expected a duration like 30s, 5m, 1h30m or a whole number of seconds, got the boolean true [schema]`},
		{"extension keys at the top level are ignored", "x-defaults: {timeout: 1h, bogus: [1]}\nx-: 1\n" + head + "steps: [{id: a, wait: 1}]\n", ""},
		{"an unknown key beside an extension key", "x-defaults: {}\n" + head + "bogus: 1\nsteps: [{id: a, wait: 1}]\n",
			`s.yaml:5:1: unknown key "bogus"; allowed keys are dataclass, description, inputs, labels, log_level, name, outputs, path, retry, schedule, steps, target, type, wfc [schema]`},
		{"extension keys only at the top level", head + "steps: [{id: a, wait: 1, x-note: 1}]\n",
			`s.yaml:4:26: step "a": unknown key "x-note"; allowed keys are action, approval, connection, datasource, default, description, id, name, next, on_error, parallel, platform, resource_group, retry, run, switch, timeout, wait, with, workflow [schema]`},
		{"id end", head + "steps: [{id: end, wait: 1}]\n",
			`s.yaml:4:14: steps[0].id: "end" is reserved for the end of the workflow; choose another step id [schema]`},
		{"ids that start like end", head + "steps: [{id: endx, wait: 1}, {id: en, wait: 1}, {id: e, wait: 1}]\n", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := validateYAML(t, tc.src); got != tc.want {
				t.Errorf("got  %s\nwant %s", got, tc.want)
			}
		})
	}
}

// TestValidateAliasBomb: called directly (without workflow.Load's expansion), Validate
// still stops at the alias limit.
func TestValidateAliasBomb(t *testing.T) {
	src := "a: &a [x, x, x, x, x, x, x, x, x, x]\n"
	prev := "a"
	for _, name := range []string{"b", "c", "d", "e", "f", "g"} {
		src += name + ": &" + name + " [" + strings.TrimSuffix(strings.Repeat("*"+prev+", ", 10), ", ") + "]\n"
		prev = name
	}
	got := validateYAML(t, src)
	if !strings.Contains(got, "aliases expand to more than 100000 values") {
		t.Errorf("got %s", got)
	}
}
