package diff

import (
	"path/filepath"
	"testing"

	"gopkg.in/yaml.v3"
)

// TestExamplesReformattedAreNoChange re-writes every example with no comments, block style,
// default quoting and every mapping's keys reversed: the diff must be empty both ways, and a
// workflow against itself too.
func TestExamplesReformattedAreNoChange(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("..", "examples", "*.yaml"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no examples found: %v", err)
	}
	files = append(files, filepath.Join("testdata", "old.yaml"), filepath.Join("testdata", "new.yaml"))
	for _, file := range files {
		src := string(readFile(t, file))
		again := reformat(t, src)
		if again == src {
			t.Fatalf("%s: reformatting changed nothing", file)
		}
		p, q := program(t, file, src), program(t, "reformatted.yaml", again)
		for _, pair := range [][2]string{{"itself", src}, {"reformatted", again}} {
			if got := Programs(p, program(t, pair[0], pair[1])); len(got) > 0 {
				t.Errorf("%s against %s: want no change, got %q", file, pair[0], lines(got))
			}
		}
		if got := Programs(q, p); len(got) > 0 {
			t.Errorf("%s reformatted against the original: want no change, got %q", file, lines(got))
		}
	}
}

// reformat writes src again without comments, in block style with default quoting, and
// with the keys of every mapping in reverse order.
func reformat(t *testing.T, src string) string {
	t.Helper()
	var doc yaml.Node
	if err := yaml.Unmarshal([]byte(src), &doc); err != nil {
		t.Fatal(err)
	}
	var walk func(n *yaml.Node)
	walk = func(n *yaml.Node) {
		n.HeadComment, n.LineComment, n.FootComment = "", "", ""
		n.Style &^= yaml.FlowStyle | yaml.DoubleQuotedStyle | yaml.SingleQuotedStyle
		if n.Kind == yaml.MappingNode {
			c := n.Content
			for i, j := 0, len(c)-2; i < j; i, j = i+2, j-2 {
				c[i], c[i+1], c[j], c[j+1] = c[j], c[j+1], c[i], c[i+1]
			}
		}
		for _, child := range n.Content {
			walk(child)
		}
	}
	walk(&doc)
	out, err := yaml.Marshal(&doc)
	if err != nil {
		t.Fatal(err)
	}
	return string(out)
}
