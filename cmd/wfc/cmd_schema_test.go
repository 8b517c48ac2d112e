package main

import (
	"bytes"
	"encoding/json"
	"testing"
)

// TestSchemaCommandPrintsJSON checks what the testscript cannot: the output is one JSON
// document, and it is the 2020-12 schema with completion-relevant parts present.
func TestSchemaCommandPrintsJSON(t *testing.T) {
	var stdout, stderr bytes.Buffer
	code := run(&env{stdout: &stdout, stderr: &stderr, getenv: func(string) string { return "" }}, []string{"schema"})
	if code != exitOK {
		t.Fatalf("wfc schema exited %d; stderr: %s", code, stderr.String())
	}
	var doc struct {
		Schema     string                     `json:"$schema"`
		Properties map[string]json.RawMessage `json:"properties"`
	}
	if err := json.Unmarshal(stdout.Bytes(), &doc); err != nil {
		t.Fatalf("wfc schema output is not JSON: %v", err)
	}
	if doc.Schema != "https://json-schema.org/draft/2020-12/schema" {
		t.Errorf("$schema = %q, want the 2020-12 URI", doc.Schema)
	}
	for _, key := range []string{"wfc", "name", "description", "steps"} {
		if _, ok := doc.Properties[key]; !ok {
			t.Errorf("schema has no property %q", key)
		}
	}
}
