package diff

import (
	"sort"
	"strconv"
	"strings"

	"github.com/wfc-dev/wfc/diag"
	"github.com/wfc-dev/wfc/workflow"
)

// fieldSink collects a step body's values (workflow.Step.Values) as fields to compare.
type fieldSink struct{ out []field }

func (f *fieldSink) String(path string, s workflow.String)      { f.out = str(f.out, path, s) }
func (f *fieldSink) Duration(path string, d *workflow.Duration) { f.out = duration(f.out, path, d) }
func (f *fieldSink) Retry(r *workflow.Retry)                    { f.out = retry(f.out, r) }
func (f *fieldSink) Entries(path string, es []*workflow.Entry)  { f.out = entries(f.out, path, es) }

func (f *fieldSink) Policy(path, value string, at diag.Range) {
	f.out = append(f.out, same(path, value, at))
}

func (f *fieldSink) Count(path string, n int, at diag.Range) {
	f.out = append(f.out, same(path, strconv.Itoa(n), at))
}

// Set is shown sorted: who may approve is a set.
func (f *fieldSink) Set(path string, items []workflow.String, at diag.Range) {
	values := make([]string, len(items))
	for i, s := range items {
		values[i] = s.Value
	}
	sort.Strings(values)
	f.out = append(f.out, same(path, "["+strings.Join(values, ", ")+"]", at))
}

// Case is where control goes: flowFields pairs and compares the cases.
func (f *fieldSink) Case(int, *workflow.Case) {}
