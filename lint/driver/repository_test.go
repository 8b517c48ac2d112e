package driver

import (
	"fmt"
	"path/filepath"
	"reflect"
	"runtime"
	"testing"

	"github.com/wfc-dev/wfc/lint"
)

const calleeBlockIP = `wfc: 1
name: Block IP
description: ""
inputs:
  - name: ip
    required: true
  - name: duration
    type: number
steps:
  - id: block
    action: huawei_cfw/block_ip
    with: { ip: "${inputs.ip}", duration: "${inputs.duration}" }
`

// callerRespond calls Block IP with a typo (line 8) and so without its required ip (line 6),
// and calls Isolate host, defined in a subdirectory, without its required input (line 12).
// A suppression (line 9) silences the type finding its next line would have.
const callerRespond = `wfc: 1
name: Respond
description: ""
steps:
  - id: block
    workflow: Block IP
    with:
      ipp: 10.0.0.1
      # wfc-disable-next-line workflow-input-type
      duration: soon
  - id: isolate
    workflow: Isolate host
`

const calleeIsolate = `wfc: 1
name: Isolate host
description: ""
inputs:
  - name: host
    required: true
steps:
  - id: isolate
    action: edr/isolate
    with: { host: "${inputs.host}" }
`

func callTree(t *testing.T) string {
	t.Helper()
	root := t.TempDir()
	writeTree(t, root, map[string]string{
		"block.yaml":       calleeBlockIP,
		"respond.yaml":     callerRespond,
		"broken.yaml":      "wfc: [\n",
		"sub/isolate.yaml": calleeIsolate,
	})
	return root
}

// Linting a directory checks each call against the workflow of the run it names, with the
// suppressions of the calling file applied once (none reported unused).
func TestPathsChecksCallsAcrossFiles(t *testing.T) {
	root := callTree(t)
	want := "broken.yaml:1:1 error syntax\n" +
		"respond.yaml:6:15 error missing-workflow-input\n" +
		"respond.yaml:8:7 error unknown-workflow-input\n" +
		"respond.yaml:12:15 error missing-workflow-input\n"
	for range 3 { // the same on every run, whatever order the workers finish in
		diags, sum, err := Paths([]string{root}, lint.Settings{})
		if err != nil {
			t.Fatal(err)
		}
		if got := summarize(diags); got != want {
			t.Fatalf("got:\n%swant:\n%s", got, want)
		}
		if sum.Checked != 4 {
			t.Errorf("checked %d files; want 4", sum.Checked)
		}
	}
	// Alone, the caller has no repository: no call is checked.
	caller := filepath.Join(root, "respond.yaml")
	diags, err := File(caller, []byte(callerRespond), lint.Settings{})
	if err != nil || len(diags) != 0 {
		t.Errorf("File(respond.yaml) = %v, %v; want nothing", diags, err)
	}
}

// A file named alone brings the workflows beside it into the index (not those of
// subdirectories, and without reporting the broken one or counting any): Isolate host, in
// sub/, is then a name the run does not know, a warning.
func TestPathsNamedFileIndexesItsSiblings(t *testing.T) {
	root := callTree(t)
	diags, sum, err := Paths([]string{filepath.Join(root, "respond.yaml")}, lint.Settings{})
	if err != nil {
		t.Fatal(err)
	}
	want := "respond.yaml:6:15 error missing-workflow-input\nrespond.yaml:8:7 error unknown-workflow-input\n" +
		"respond.yaml:12:15 warning unknown-workflow\n"
	if got := summarize(diags); got != want {
		t.Errorf("got:\n%swant:\n%s", got, want)
	}
	if sum.Checked != 1 || sum.Skipped != 0 {
		t.Errorf("summary %+v; want 1 checked, 0 skipped: siblings are read for the index only", sum)
	}
}

// Paths on files that call each other gives what File gives for files that call nothing,
// and the files' own findings as File gives them for callers: holding a caller back changes
// nothing but the index it is linted with.
func TestPathsHeldCallerKeepsItsOwnFindings(t *testing.T) {
	root := t.TempDir()
	caller := callerRespond + "    next: end\n  - id: unreachable\n    wait: 2s\n"
	writeTree(t, root, map[string]string{"respond.yaml": caller})
	alone, err := File(filepath.Join(root, "respond.yaml"), []byte(caller), lint.Settings{})
	if err != nil || len(alone) == 0 {
		t.Fatalf("File = %v, %v; want the unreachable step", alone, err)
	}
	got, _, err := Paths([]string{root}, lint.Settings{})
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, alone) {
		t.Errorf("Paths = %s\nFile = %s", got.Error(), alone.Error())
	}
}

// The bytes a run allocates per file do not grow with the number of files when every file
// calls another: the index is built once, in one pass, not per caller (runtime.MemStats
// TotalAlloc, a count load cannot change).
func TestCallIndexCostIsLinear(t *testing.T) {
	perFile := func(n int) float64 {
		jobs := callJobs(n)
		var before, after runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&before)
		diags, _, errs := run(jobs, lint.Settings{})
		runtime.ReadMemStats(&after)
		if len(errs) > 0 || diags.HasErrors() {
			t.Fatalf("%d files: %v %s", n, errs, diags.Error())
		}
		return float64(after.TotalAlloc-before.TotalAlloc) / float64(2*n)
	}
	small, large := perFile(100), perFile(800)
	t.Logf("bytes per file: %.0f at 200 files, %.0f at 1,600", small, large)
	if large > 1.5*small {
		t.Errorf("a run of 1,600 files allocated %.0f bytes per file, of 200 %.0f: more than linear", large, small)
	}
}

// callJobs is n workflows and n callers, each calling one of the workflows correctly, held
// in memory.
func callJobs(n int) []job {
	jobs := make([]job, 0, 2*n)
	for i := range n {
		callee := []byte(fmt.Sprintf("wfc: 1\nname: Callee %d\ndescription: \"\"\ninputs:\n  - name: host\n    required: true\nsteps:\n  - id: w\n    action: edr/isolate\n    with: { host: \"${inputs.host}\" }\n", i))
		caller := []byte(fmt.Sprintf("wfc: 1\nname: Caller %d\ndescription: \"\"\nsteps:\n  - id: c\n    workflow: Callee %d\n    with: { host: h%d }\n", i, (i+1)%n, i))
		jobs = append(jobs,
			job{path: fmt.Sprintf("callee%05d.yaml", i), explicit: true, read: func() ([]byte, error) { return callee, nil }},
			job{path: fmt.Sprintf("caller%05d.yaml", i), explicit: true, read: func() ([]byte, error) { return caller, nil }})
	}
	return jobs
}

// BenchmarkLintCalls lints 500 and 4,000 small files, half of them calling the other half,
// through the worker pool of a run. files/s stays flat when indexing and holding callers is
// linear in the number of files.
func BenchmarkLintCalls(b *testing.B) {
	for _, n := range []int{250, 2000} {
		jobs := callJobs(n)
		b.Run(fmt.Sprint(2*n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if diags, _, errs := run(jobs, lint.Settings{}); len(diags) != 0 || len(errs) != 0 {
					b.Fatalf("the calls should be clean: %v %v", diags.Error(), errs)
				}
			}
			b.ReportMetric(float64(2*n)*float64(b.N)/b.Elapsed().Seconds(), "files/s")
		})
	}
}
