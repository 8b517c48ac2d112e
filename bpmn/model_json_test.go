package bpmn

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// assertStreamMatchesTree checks that the JSON written straight from defs is byte for byte
// the JSON of Write's tree: compact, in the taskflow envelope, and base64'd.
func assertStreamMatchesTree(t *testing.T, name string, defs *Definitions) {
	t.Helper()
	doc, err := Write(defs)
	if err != nil {
		t.Fatalf("%s: write: %v", name, err)
	}
	want, err := EncodeTreeJSON(doc, "")
	if err != nil {
		t.Fatalf("%s: encode tree: %v", name, err)
	}
	got, err := EncodeModelTreeJSON(defs)
	if err != nil {
		t.Fatalf("%s: stream: %v", name, err)
	}
	if !bytes.Equal(got, want) {
		t.Fatalf("%s: streamed JSON differs from the tree's:\n%s", name, lineDiff(string(want), string(got)))
	}
	// The output is allocated once from jsonSize, which is exact but for escapes: short,
	// and it grows and copies; long, and memory is wasted.
	if w, err := newWriter(defs); err == nil {
		if size, escapes := w.jsonSize(), escapedBytes(want); size > len(want) || size+escapes < len(want) {
			t.Errorf("%s: JSON size counted as %d bytes, but it is %d, %d of them for escapes", name, size, len(want), escapes)
		}
	}
	wantTF, wantErr := EncodeTaskflow(doc)
	gotTF, gotErr := EncodeModelTaskflow(defs)
	if (wantErr == nil) != (gotErr == nil) || wantErr != nil && wantErr.Error() != gotErr.Error() {
		t.Fatalf("%s: taskflow errors differ: tree %v, stream %v", name, wantErr, gotErr)
	}
	if gotTF != wantTF {
		t.Fatalf("%s: streamed taskflow differs from the tree's", name)
	}
	var written strings.Builder
	if err := WriteModelTaskflow(defs, &written); (err == nil) != (gotErr == nil) || written.String() != gotTF && gotErr == nil {
		t.Fatalf("%s: WriteModelTaskflow gives %d bytes (err %v), EncodeModelTaskflow %d (err %v)", name, written.Len(), err, len(gotTF), gotErr)
	}
	if wantErr != nil {
		return
	}
	wantEnv, _ := EncodeTaskflowJSON(doc)
	gotEnv, err := EncodeModelTaskflowJSON(defs)
	if err != nil || !bytes.Equal(gotEnv, wantEnv) {
		t.Fatalf("%s: streamed envelope differs from the tree's (err %v)", name, err)
	}
}

// escapedBytes is an upper bound of the bytes escapes add to a JSON text: 1 for each
// two-character escape, 5 for each \u00xx, and 2 for each U+FFFD (which may stand for an
// invalid byte).
func escapedBytes(js []byte) int {
	n := 2 * bytes.Count(js, []byte("\ufffd"))
	for i := 0; i < len(js); i++ {
		if js[i] != '\\' {
			continue
		}
		i++
		if i < len(js) && js[i] == 'u' {
			n += 5
		} else {
			n++
		}
	}
	return n
}

// Every conformance fixture (bpmnlint's and xml-js's, 400+ documents of every BPMN shape,
// CDATA, extension elements, dangling references, lanes, collaborations) and SecMaster's
// real taskflows stream to the same bytes as their tree.
func TestModelJSONMatchesTreeOnFixtures(t *testing.T) {
	for _, f := range modelConformanceFiles(t) {
		assertStreamMatchesTree(t, filepath.Base(f), readXMLFile(t, f))
	}
	for _, name := range []string{"seed-create-version", "taskFlow1", "taskFlow2"} {
		_, defs := readSample(t, name)
		assertStreamMatchesTree(t, name, defs)
	}
}

// Models built in code (the compiler's path) stream like their tree, strings that need
// JSON escapes included.
func TestModelJSONMatchesTreeOnBuiltModels(t *testing.T) {
	for _, n := range []int{0, 1, 7, 300} {
		assertStreamMatchesTree(t, "chain", buildChain(t, n))
	}
	defs := buildChain(t, 3)
	task := defs.Element.Children[0].Children[1]
	task.SetAttr("name", "quote \" backslash \\ tab \t nl \n ctl \x01 bad \xff utf8 封禁 & <x>")
	task.SetAttr("soar:x", "\u2028\u2029")
	doc := &Element{Type: "Documentation", Body: "line\r\nend"}
	task.Children = append([]*Element{doc}, task.Children...)
	assertStreamMatchesTree(t, "escapes", defs)

	// A value longer than the sink's chunk (16 KiB) outgrows it.
	defs = buildChain(t, 3)
	defs.Element.Children[0].Children[1].SetAttr("name", strings.Repeat("long \"name\" ", 20000))
	assertStreamMatchesTree(t, "long value", defs)
}

// A model whose root is not a definitions element is refused as EncodeTaskflow refuses its
// tree, and a model Write refuses is refused alike.
func TestModelJSONRefusesWhatTheTreeRefuses(t *testing.T) {
	defs := buildChain(t, 1)
	defs.Element = defs.Element.Children[0] // the process
	if _, err := EncodeModelTaskflow(defs); !errors.Is(err, ErrNotBPMN) {
		t.Errorf("process as root: err = %v, want ErrNotBPMN", err)
	}
	assertStreamMatchesTree(t, "process root", defs)

	defs = buildChain(t, 1)
	defs.Element.Children[0].Children[0].Type = ""
	if _, err := EncodeModelTaskflow(defs); err == nil {
		t.Error("an element with no type was written")
	}
	if _, err := EncodeModelTaskflow(nil); err == nil {
		t.Error("nil definitions were written")
	}
}

// A write that fails ends the taskflow with the writer's error, and nothing is written after
// it: a full disk or a closed pipe stops compile at once.
func TestWriteModelTaskflowStopsAtTheFirstFailedWrite(t *testing.T) {
	defs := buildChain(t, 300)
	full := &failAfter{room: 10 << 10, err: errors.New("disk full")}
	if err := WriteModelTaskflow(defs, full); !errors.Is(err, full.err) {
		t.Fatalf("err = %v, want the writer's %v", err, full.err)
	}
	if full.calls != full.failedAt {
		t.Errorf("%d writes were made after the one that failed", full.calls-full.failedAt)
	}
}

// failAfter accepts room bytes, then fails every write with err.
type failAfter struct {
	room, calls, failedAt int
	err                   error
}

func (f *failAfter) Write(p []byte) (int, error) {
	f.calls++
	if len(p) > f.room {
		if f.failedAt == 0 {
			f.failedAt = f.calls
		}
		return 0, f.err
	}
	f.room -= len(p)
	return len(p), nil
}

// The taskflow of a model costs a number of allocations that does not grow with its size
// (a few per distinct element name): the output is sized once and nothing is allocated per
// element. Through a tree it cost one allocation per ~16 nodes, and an estimate too low
// makes the output grow and copy.
func TestModelTaskflowAllocationsDoNotGrow(t *testing.T) {
	small, large := buildChain(t, 100), buildChain(t, 2000)
	allocs := func(defs *Definitions) float64 {
		return testing.AllocsPerRun(3, func() {
			if _, err := EncodeModelTaskflow(defs); err != nil {
				t.Fatal(err)
			}
		})
	}
	a, b := allocs(small), allocs(large)
	if b > a+1 {
		t.Errorf("taskflow allocations: %v for 100 nodes, %v for 2000; want the same", a, b)
	}
}

// FuzzModelJSON: for any document Read accepts, the streamed JSON is the tree's.
func FuzzModelJSON(f *testing.F) {
	for _, name := range []string{"edge__secmaster-gateway-cdata.xml"} {
		data, err := os.ReadFile(filepath.Join(xmljsFixtures, name))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Add([]byte(`<b:definitions xmlns:b="` + bpmnModelURI + `" id="D"><b:process id="P"><b:task id="A" name="a&amp;&quot;"/></b:process></b:definitions>`))
	f.Fuzz(func(t *testing.T, data []byte) {
		doc, err := DecodeXML(data)
		if err != nil {
			return
		}
		defs, err := Read(doc)
		if err != nil {
			return
		}
		assertStreamMatchesTree(t, "fuzz", defs)
	})
}

// BenchmarkModelTaskflow writes a chain's taskflow straight from the model (stream) and, for
// comparison, through Write's tree (tree), as compiling did before.
func BenchmarkModelTaskflow(b *testing.B) {
	defs := buildChain(b, 5000)
	b.Run("stream", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, err := EncodeModelTaskflow(defs); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("tree", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			doc, err := Write(defs)
			if err != nil {
				b.Fatal(err)
			}
			if _, err := EncodeTaskflow(doc); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// plainPrefix tests words, and the last word of a string overlapping the one before: it
// must stop at the first byte appendJSString escapes wherever that byte is.
func TestPlainPrefixFindsEveryEscape(t *testing.T) {
	for n := 0; n <= 40; n++ {
		plain := strings.Repeat("a", n)
		if got := plainPrefix(plain); got != n {
			t.Fatalf("plainPrefix(%q) = %d, want %d", plain, got, n)
		}
		for at := 0; at < n; at++ {
			for _, c := range []byte{'"', '\\', '\n', 0x7f - 0x60, 0xc3} {
				s := []byte(plain)
				s[at] = c
				if got := plainPrefix(string(s)); got != at {
					t.Fatalf("plainPrefix(%q) = %d, want %d", s, got, at)
				}
			}
		}
	}
}
