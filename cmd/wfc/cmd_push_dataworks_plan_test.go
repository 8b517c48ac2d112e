package main

import (
	"encoding/json"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/wfc-dev/wfc/dataworks/deploy"
)

// TestTextChange: a change inside a long or multi-line text shows the first differing line
// from just before the difference, where cutting both values to 60 characters would show two
// equal excerpts (found trying the README walk-through on an edited SQL file).
func TestTextChange(t *testing.T) {
	raw := func(v any) json.RawMessage { b, _ := json.Marshal(v); return b }
	sql := "-- Yesterday's orders, from the raw order log into the partitioned orders table.\nINSERT OVERWRITE TABLE dwd_orders PARTITION (ds = '${bizdate}')\nFROM ods_order_log\nWHERE ds = '${bizdate}' AND status = 'PAID';\n"
	edited := "-- Yesterday's orders, from the raw order log into the partitioned orders table.\nINSERT OVERWRITE TABLE dwd_orders PARTITION (ds = '${bizdate}')\nFROM ods_order_log\nWHERE ds = '${bizdate}' AND status IN ('PAID', 'SHIPPED');\n"
	got := map[string]string{}
	for name, c := range map[string]deploy.Change{
		"edited line":   {Field: "script.content", Old: raw(sql), New: raw(edited)},
		"line added":    {Field: "script.content", Old: raw("a\nb"), New: raw("a\nb\nc")},
		"long one line": {Field: "description", Old: raw("Load yesterday's orders into MaxCompute and then rebuild the reports"), New: raw("Load yesterday's orders into MaxCompute and then rebuild the sales reports")},
		"short":         {Field: "description", Old: raw("a"), New: raw("b")},
		"not text":      {Field: "timeout", Old: raw(60), New: raw(120)},
		"added":         {Field: "description", New: raw("a\nb")},
	} {
		if text, ok := textChange(c); ok {
			got[name] = text
		}
	}
	want := map[string]string{
		"edited line":   `script.content: line 4: "…izdate}' AND status = 'PAID';" → "…izdate}' AND status IN ('PAID', 'SHIPPED');"`,
		"line added":    `script.content: line 3: (none) → "c"`,
		"long one line": `description: line 1: "…nd then rebuild the reports" → "…nd then rebuild the sales reports"`,
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("textChange (-want +got):\n%s", diff)
	}
}
