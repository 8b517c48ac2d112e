package schema_test

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/wfc-dev/wfc/schema"
	"github.com/wfc-dev/wfc/workflow"
)

// The schema is a static file (editors read it as it is) and cannot import workflow, so
// these tests derive from workflow.Kinds, the one list of kinds, what the schema and its
// messages must say about kinds, and compare: a kind added to the table but not to the
// schema, or given other keys there, fails here.

// commonKeys are the keys a step of every kind may have besides its kind key.
var commonKeys = []string{"id", "name", "description", "platform"}

func defs(t *testing.T) map[string]any {
	t.Helper()
	var doc map[string]any
	if err := json.Unmarshal(schema.JSON(), &doc); err != nil {
		t.Fatal(err)
	}
	return doc["$defs"].(map[string]any)
}

func kindKeys() []string {
	var keys []string
	for _, info := range workflow.Kinds {
		keys = append(keys, info.Key)
	}
	return keys
}

// TestSchemaKindsAreTheTable: the kind keys, in the table's order, in the kind rule's
// if/then chain, in the "needs one of" rule, in the descriptions and in the messages.
func TestSchemaKindsAreTheTable(t *testing.T) {
	d := defs(t)
	keys := kindKeys()
	if !slices.Equal(schema.StepKinds, keys) {
		t.Errorf("schema's stepKinds %q; workflow.Kinds %q", schema.StepKinds, keys)
	}
	list := strings.Join(keys, ", ")
	if want := "step must have exactly one of " + list; schema.KindMessage != want {
		t.Errorf("kind message %q, want %q", schema.KindMessage, want)
	}
	for _, def := range []string{"step", "step_kind", "step_has_kind"} {
		if desc, _ := d[def].(map[string]any)["description"].(string); !strings.Contains(desc, " one of "+list) {
			t.Errorf("$defs/%s's description %q does not list the kinds %s", def, desc, list)
		}
	}
	// step_kind: if KEY then KEY_step else ..., one per kind in order, ending in step_has_kind.
	rule := d["step_kind"].(map[string]any)
	for _, key := range keys {
		cond, _ := rule["if"].(map[string]any)
		then, _ := rule["then"].(map[string]any)
		if cond == nil || then == nil {
			t.Fatalf("step_kind: the chain has no if/then for kind %s", key)
		}
		required, _ := json.Marshal(cond["required"])
		ref, _ := then["$ref"].(string)
		if string(required) != `["`+key+`"]` || ref != "#/$defs/"+key+"_step" {
			t.Fatalf("step_kind: at kind %s the chain asks for %s and applies %s", key, required, ref)
		}
		rule, _ = rule["else"].(map[string]any)
	}
	if ref, _ := rule["$ref"].(string); ref != "#/$defs/step_has_kind" {
		t.Errorf("step_kind: the chain ends in %v, want step_has_kind", rule)
	}
	var anyOf []string
	for _, alt := range d["step_has_kind"].(map[string]any)["anyOf"].([]any) {
		required := alt.(map[string]any)["required"].([]any)
		anyOf = append(anyOf, fmt.Sprint(required...))
	}
	if !slices.Equal(anyOf, keys) {
		t.Errorf("step_has_kind asks for one of %q, want %q", anyOf, keys)
	}
}

// TestSchemaKindKeysAreTheTable: each kind's KIND_step object allows exactly id, name,
// description, the kind key and the row's Keys, and says so in its description; being a
// closed list that names no other kind key is what makes the kind keys exclude each other.
func TestSchemaKindKeysAreTheTable(t *testing.T) {
	d := defs(t)
	stepProps := d["step"].(map[string]any)["properties"].(map[string]any)
	for _, info := range workflow.Kinds {
		obj, ok := d[info.Key+"_step"].(map[string]any)
		if !ok {
			t.Errorf("no $defs/%s_step", info.Key)
			continue
		}
		want := append(slices.Clone(commonKeys), info.Key)
		want = append(want, info.Keys...)
		var got []string
		for k := range obj["properties"].(map[string]any) {
			got = append(got, k)
			if stepProps[k] == nil {
				t.Errorf("%s_step allows %q, which step does not define", info.Key, k)
			}
		}
		slices.Sort(got)
		sorted := slices.Sorted(slices.Values(want))
		if !slices.Equal(got, sorted) || obj["additionalProperties"] != false {
			t.Errorf("%s_step allows %q (closed: %v), want exactly %q", info.Key, got, obj["additionalProperties"] == false, sorted)
		}
		// The description lists them as the docs do: the common keys, next, the kind key, the rest.
		order := slices.Clone(commonKeys)
		rest := slices.DeleteFunc(slices.Clone(info.Keys), func(k string) bool { return k == "next" })
		if len(rest) < len(info.Keys) {
			order = append(order, "next")
		}
		order = append(append(order, info.Key), rest...)
		desc := "The keys a step with " + info.Key + " may have: " + strings.Join(order, ", ") + "."
		if obj["description"] != desc {
			t.Errorf("%s_step's description %q, want %q", info.Key, obj["description"], desc)
		}
	}
}

// TestOutOfPlaceMessagesAreTheTable: the message for a key on a kind that does not allow it
// names the kinds that do (or, when only one kind does not, that kind).
func TestOutOfPlaceMessagesAreTheTable(t *testing.T) {
	var keys []string
	for _, info := range workflow.Kinds {
		for _, k := range info.Keys {
			if !slices.Contains(keys, k) {
				keys = append(keys, k)
			}
		}
	}
	for _, key := range keys {
		var allowed, refused []string
		for _, info := range workflow.Kinds {
			if slices.Contains(info.Keys, key) {
				allowed = append(allowed, info.Key)
			} else {
				refused = append(refused, info.Key)
			}
		}
		list := allowed[len(allowed)-1]
		if len(allowed) > 1 {
			list = strings.Join(allowed[:len(allowed)-1], ", ") + " and " + list
		}
		want := fmt.Sprintf("%q is only allowed on %s steps", key, list)
		if len(refused) == 1 {
			want = fmt.Sprintf("%q is not allowed on a %s step", key, refused[0])
		}
		if got := schema.OutOfPlace(key); !strings.HasPrefix(got, want) {
			t.Errorf("out-of-place message for %s: %q, want it to begin %q", key, got, want)
		}
	}
}
