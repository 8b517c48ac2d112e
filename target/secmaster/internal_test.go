package secmaster

import (
	"bytes"
	"encoding/json"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/wfc-dev/wfc/bpmn"
	"github.com/wfc-dev/wfc/internal/jsonobj"
	"github.com/wfc-dev/wfc/workflow"
)

var suffixPattern = regexp.MustCompile(`^[01][0-9a-z]{6}$`)

func TestIDSuffixShape(t *testing.T) {
	for _, key := range []string{"", "@start", "enrich", "decide/case/2", "approve/join", "x#1"} {
		if s := idSuffix(key); !suffixPattern.MatchString(s) {
			t.Errorf("idSuffix(%q) = %q, not [01][0-9a-z]{6}", key, s)
		}
	}
	if idSuffix("enrich") != idSuffix("enrich") || idSuffix("enrich") == idSuffix("enrich/next") {
		t.Errorf("idSuffix is not a function of its key")
	}
}

// newTestAllocator returns an id allocator with room for n ids of idArenaBytes and a
// function that adds a task with the id of a key, as emit adds its elements, so that the
// next id of the key sees it taken.
func newTestAllocator(t testing.TB, n int) (*idAllocator, func(prefix, key string) string) {
	defs := bpmn.NewDefinitions("Defs_1", "bpmn2", nil)
	proc, err := defs.AddProcess("Process_1", "")
	if err != nil {
		t.Fatal(err)
	}
	em := &emitter{defs: defs, proc: proc, ids: newIDAllocator(n * idArenaBytes)}
	return em.ids, func(prefix, key string) string {
		el, err := em.withID(prefix, keyOf(key), func(id string) (*bpmn.Element, error) {
			return defs.AddNode(proc, "Task", id, "")
		})
		if err != nil {
			t.Fatal(err)
		}
		return el.ID
	}
}

// TestIDCollision forces a collision by pre-claiming an id and wants a deterministic,
// different, well-formed id for the later key.
func TestIDCollision(t *testing.T) {
	_, claim := newTestAllocator(t, 0)
	taken := claim("Activity_", "enrich")
	again := claim("Activity_", "enrich")
	if again == taken || !suffixPattern.MatchString(again[len("Activity_"):]) {
		t.Errorf("colliding key got %q after %q", again, taken)
	}
	if want := "Activity_" + idSuffix("enrich#1"); again != want {
		t.Errorf("colliding key got %q, want the id of its rehash enrich#1, %q", again, want)
	}
	_, claimB := newTestAllocator(t, 0)
	claimB("Activity_", "enrich")
	if got := claimB("Activity_", "enrich"); got != again {
		t.Errorf("collision handling is not deterministic: %q then %q", again, got)
	}
	// Prefixes are separate spaces: the same key under another prefix is no collision.
	if got := claim("Flow_", "enrich"); got != "Flow_"+idSuffix("enrich") {
		t.Errorf("Flow_ id for enrich = %q", got)
	}
}

// TestIDSuffixIsPaddedBase36: a suffix is the key's hash modulo idSpace as strconv writes
// it in base 36, zero-padded to seven digits.
func TestIDSuffixIsPaddedBase36(t *testing.T) {
	for i := range 2000 {
		key := "k" + strconv.Itoa(i)
		want := strconv.FormatUint(fnv64(key)%idSpace, 36)
		want = strings.Repeat("0", idSuffixLen-len(want)) + want
		if got := idSuffix(key); got != want {
			t.Fatalf("idSuffix(%q) = %q, want %q", key, got, want)
		}
	}
}

// TestRoleKeyExtendsText: extending a key hashes as the text it stands for, so ids keep the
// values they had when keys were strings.
func TestRoleKeyExtendsText(t *testing.T) {
	if got, want := keyOf("decide").with("/case/").withInt(12).with("/next"), keyOf("decide/case/12/next"); got != want {
		t.Errorf("extended key = %x, the key of the whole text = %x", got, want)
	}
	if got, want := fnv64("a"), uint64(0xaf63dc4c8601ec8c); got != want { // FNV-1a's published test vector
		t.Errorf("fnv64(\"a\") = %x, want %x", got, want)
	}
}

// TestIDsShareAnArena: ids keep their values when the allocator's arena fills and a new one
// starts, and a presized allocator hands out ids without an allocation each (issue 8,
// item 20: one string per id was ~2,800 allocations per 1,000 steps).
func TestIDsShareAnArena(t *testing.T) {
	keys := make([]roleKey, 500)
	for i := range keys {
		keys[i] = keyOf("step").withInt(i)
	}
	a, _ := newTestAllocator(t, 1) // far too small: the arena restarts many times
	ids := make([]string, len(keys))
	for i, k := range keys {
		ids[i] = a.id("Activity_", k, 0)
	}
	for i := range keys {
		if want := "Activity_" + idSuffix("step"+strconv.Itoa(i)); ids[i] != want {
			t.Fatalf("id %d = %q after more ids were handed out, want %q", i, ids[i], want)
		}
	}
	allocs := testing.AllocsPerRun(3, func() {
		a, _ := newTestAllocator(t, len(keys))
		for _, k := range keys {
			a.id("Activity_", k, 0)
		}
	})
	if allocs > 20 {
		t.Errorf("%d ids from a presized allocator made %.0f allocations, want at most 20", len(keys), allocs)
	}
}

// encodesAsReflection fails t unless e.EncodeTo writes what encoding/json writes for
// reflected, the same value as a type without the method.
func encodesAsReflection(t *testing.T, e jsonobj.Encoder, reflected any) {
	t.Helper()
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := e.EncodeTo(enc, &b); err != nil {
		t.Fatal(err)
	}
	want, err := marshal(reflected)
	if err != nil {
		t.Fatal(err)
	}
	if b.String() != string(want) {
		t.Errorf("%T.EncodeTo =\n%s\nencoding/json =\n%s", e, b.String(), want)
	}
}

func TestISODuration(t *testing.T) {
	for _, c := range []struct {
		seconds int64
		want    string
	}{
		{0, "PT0S"}, {30, "PT30S"}, {60, "PT1M"}, {4 * 3600, "PT4H"}, {5400, "PT1H30M"},
		{3661, "PT1H1M1S"}, {48 * 3600, "PT48H"}, {-5, "PT0S"},
	} {
		if got := isoDuration(c.seconds); got != c.want {
			t.Errorf("isoDuration(%d) = %s, want %s", c.seconds, got, c.want)
		}
	}
}

// Taskconfig.marshal writes node_info and usertask_info in place; it must stay the bytes
// encoding/json writes for the struct, a new field included.
func TestTaskconfigMarshalIsEncodingJSONs(t *testing.T) {
	src := `wfc: 1
name: Escapes
description: strings that JSON escapes
retry: { times: 2, interval: 10s }
steps:
  - id: act
    name: "Check <a & b> \u00e9\u2028"
    action: plugin/act
    with: { q: "<a & b>", u: "\u00e9\u2028\"\\", n: 1.5, ok: true, none: null, list: [1, "x", { k: v }], nested: { a: { b: c } } }
  - id: ask
    approval: { approvers: [lead, "o'neil"], timeout: 1h, form: { reason: "why & how" } }
  - id: call
    workflow: Other
    with: { x: "${steps.act.output.y}" }
  - id: timed
    action: plugin/timed
    timeout: 90s
    retry: { times: 3, interval: 5s }
    on_error: act
  - id: bare
    action: plugin/bare
    on_error: continue
`
	w, diags := workflow.Load("escapes.yaml", []byte(src))
	if w == nil || diags.HasErrors() {
		t.Fatalf("workflow does not load: %v", diags)
	}
	res, diags := Compile(w, Options{})
	if res == nil {
		t.Fatalf("workflow does not compile: %v", diags)
	}
	got, err := res.Taskconfig.marshal()
	if err != nil {
		t.Fatal(err)
	}
	want, err := marshal(res.Taskconfig)
	if err != nil {
		t.Fatal(err)
	}
	if string(got) != string(want) {
		t.Errorf("Taskconfig.marshal =\n%s\nencoding/json =\n%s", got, want)
	}
	// Plugin and approval entries write themselves (EncodeTo), on both sides above: hold
	// each against encoding/json's reflection on the same fields, a type without the method.
	type reflectedPlugin pluginNode
	type reflectedApproval approvalInfo
	plugins := 0
	for _, m := range res.Taskconfig.NodeInfo {
		if p, ok := m.Value.(*pluginNode); ok {
			plugins++
			encodesAsReflection(t, p, reflectedPlugin(*p))
		}
	}
	if plugins != 3 {
		t.Errorf("%d plugin entries, want 3", plugins)
	}
	if n := len(res.Taskconfig.UsertaskInfo); n != 1 {
		t.Errorf("%d approval entries, want 1", n)
	}
	for _, m := range res.Taskconfig.UsertaskInfo {
		a := m.Value.(*approvalInfo)
		encodesAsReflection(t, a, reflectedApproval(*a))
	}
	bare := approvalInfo{Name: "no approvers, no form"} // null approvers, {} form
	encodesAsReflection(t, bare, reflectedApproval(bare))
}
