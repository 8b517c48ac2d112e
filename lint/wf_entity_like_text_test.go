package lint

import (
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// TestEntityLikeTextPointsAtTheEntity: each warning's range covers exactly the entity it
// quotes, inside plain, single-quoted and double-quoted (escaped) scalars alike.
func TestEntityLikeTextPointsAtTheEntity(t *testing.T) {
	file := filepath.Join(workflowTestdata, wfEntityLikeText.ID, "entities.yaml")
	w, src := loadTestWorkflow(t, file)
	lines := strings.Split(string(src), "\n")
	diags := runOne(wfEntityLikeText, file, src, w, nil)
	if len(diags) < 10 {
		t.Fatalf("only %d diagnostics to check", len(diags))
	}
	for _, d := range diags {
		_, rest, _ := strings.Cut(d.Message, ": ")
		lit, err := strconv.QuotedPrefix(rest)
		if err != nil {
			t.Fatalf("%s: message does not quote the entity", d.Error())
		}
		want, _ := strconv.Unquote(lit)
		line := []rune(lines[d.Range.Start.Line-1])
		from, to := d.Range.Start.Column-1, d.Range.End.Column-1
		if d.Range.End.Line != d.Range.Start.Line || from < 0 || to > len(line) || from >= to {
			t.Errorf("%s: range %v is not a span on one line", d.Error(), d.Range)
			continue
		}
		if got := string(line[from:to]); got != want {
			t.Errorf("%s: points at %q, want %q", d.Error(), got, want)
		}
	}
}

// TestAttributeEntitiesDecodeLikeSaxen: what the warning says an entity turns into is what
// bpmn-moddle's reader makes of it, numeric references keeping their low 16 bits as
// String.fromCharCode does; names it does not know are left alone.
func TestAttributeEntitiesDecodeLikeSaxen(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"&amp;&AMP;&lt;&gt;&quot;&apos;", `&&<>"'`},
		{"&#60;&#x3c;&#X3C;&#x3C;&#0065;", "<<<<A"},
		{"&#65601;", "A"}, // 65601 = 0x10041: fromCharCode keeps 0x0041
		{"&nbsp;&Amp;&#;&#x;&#xg;& amp;&amp", ""},
	} {
		var got strings.Builder
		for _, e := range attributeEntities(c.in) {
			got.WriteString(e.decoded)
		}
		if got.String() != c.want {
			t.Errorf("attributeEntities(%q) decodes to %q, want %q", c.in, got.String(), c.want)
		}
	}
}
