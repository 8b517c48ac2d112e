package check

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"sync"

	"github.com/wfc-dev/wfc/diag"
	"github.com/wfc-dev/wfc/internal/readlimit"
	"github.com/wfc-dev/wfc/lint"
)

// skippedDirs are never walked into: dependencies, not the project's own files.
var skippedDirs = map[string]bool{"node_modules": true, "vendor": true}

// lintedExts are the extensions a directory walk considers.
var lintedExts = map[string]bool{".yaml": true, ".yml": true, ".bpmn": true, ".xml": true, ".json": true}

// Paths lints files and directories (walked recursively, skipping hidden directories,
// node_modules and vendor) in parallel and returns every problem, sorted. Files that are not
// workflows are skipped (see the package doc). The error joins, sorted by path, every file or
// directory that could not be read or is over MaxFileSize; the other files are still linted.
func Paths(paths []string, s lint.Settings) (diag.List, error) {
	jobs, walkErrs := collect(paths)
	diags, errs := run(jobs, s)
	return diags, joinSorted(append(walkErrs, errs...))
}

// job is one file to lint. read is nil for files on disk; the benchmark and stdin supply bytes.
type job struct {
	path     string
	explicit bool // named on the command line rather than found in a directory
	read     func() ([]byte, error)
}

// collect expands paths into files, in the order given and, inside a directory, in lexical
// order; a file reached twice is linted once.
func collect(paths []string) ([]job, []error) {
	var jobs []job
	var errs []error
	seen := map[string]bool{}
	add := func(p string, explicit bool) {
		key := filepath.Clean(p)
		if !seen[key] {
			seen[key] = true
			jobs = append(jobs, job{path: p, explicit: explicit})
		}
	}
	for _, root := range paths {
		st, err := os.Stat(root)
		if err != nil {
			errs = append(errs, readError(root, err))
			continue
		}
		if !st.IsDir() {
			add(root, true)
			continue
		}
		err = filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				errs = append(errs, readError(p, err))
				if d != nil && d.IsDir() {
					return fs.SkipDir
				}
				return nil
			}
			name := d.Name()
			if d.IsDir() {
				if p != root && (strings.HasPrefix(name, ".") || skippedDirs[name]) {
					return fs.SkipDir
				}
				return nil
			}
			// Symlinks and other non-regular files are left alone: following links could
			// loop or leave the tree.
			if d.Type().IsRegular() && lintedExts[strings.ToLower(filepath.Ext(name))] {
				add(p, false)
			}
			return nil
		})
		if err != nil {
			errs = append(errs, readError(root, err))
		}
	}
	return jobs, errs
}

// run lints jobs on a pool of GOMAXPROCS workers. Each worker writes only its job's slot, so
// the merge is in job order and then sorted, whatever order the workers finish in.
func run(jobs []job, s lint.Settings) (diag.List, []error) {
	type result struct {
		diags diag.List
		err   error
	}
	results := make([]result, len(jobs))
	next := make(chan int)
	var wg sync.WaitGroup
	workers := min(runtime.GOMAXPROCS(0), len(jobs))
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				results[i].diags, results[i].err = lintJob(jobs[i], s)
			}
		}()
	}
	for i := range jobs {
		next <- i
	}
	close(next)
	wg.Wait()

	var out diag.List
	var errs []error
	for _, r := range results {
		out = append(out, r.diags...)
		if r.err != nil {
			errs = append(errs, r.err)
		}
	}
	out.Sort()
	return out, errs
}

// lintJob reads one file, skips it when it is not something wfc lints, and lints it.
func lintJob(j job, s lint.Settings) (diag.List, error) {
	read := j.read
	if read == nil {
		read = func() ([]byte, error) { return readFile(j.path) }
	}
	src, err := read()
	if err != nil {
		return nil, err
	}
	if len(src) > MaxFileSize {
		return nil, &TooLargeError{Path: j.path, Size: int64(len(src))}
	}
	kind := DetectKind(j.path, src)
	if !wanted(j, kind, src) {
		return nil, nil
	}
	return lintKind(j.path, src, kind, s), nil
}

// wanted reports whether a file is one wfc lints. YAML that is not a workflow is skipped even
// when named, since hooks and shell globs pass every YAML file of a repository; in a directory
// walk, XML and JSON files must also look like BPMN (package.json, pom.xml are not).
func wanted(j job, kind Kind, src []byte) bool {
	switch kind {
	case KindWorkflow:
		return IsWorkflowYAML(src)
	case KindBPMN:
		return j.explicit || strings.EqualFold(filepath.Ext(j.path), ".bpmn") || bytes.Contains(src, []byte("http://www.omg.org/spec/BPMN/20100524/MODEL"))
	case KindJSON:
		return j.explicit || looksLikeBPMNJSON(src)
	}
	return false
}

// looksLikeBPMNJSON reports whether JSON has a key of one of the forms wfc reads: a taskflow
// envelope ("elementType"), a request, response or export file ("taskflow"), or an xml-js tree
// of a BPMN document ("elements" and a definitions element).
func looksLikeBPMNJSON(src []byte) bool {
	return bytes.Contains(src, []byte(`"taskflow"`)) || bytes.Contains(src, []byte(`"elementType"`)) ||
		(bytes.Contains(src, []byte(`"elements"`)) && bytes.Contains(src, []byte(`definitions"`)))
}

// readFile reads a file, refusing more than MaxFileSize bytes without reading them all, and
// anything but a regular file (a FIFO would block, a device never end).
func readFile(path string) ([]byte, error) {
	return readlimit.File(path, MaxFileSize, "files wfc lints")
}

// readError words an I/O failure as "cannot read PATH: reason", without the operation and
// path os errors repeat.
func readError(path string, err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		err = pe.Err
	}
	return fmt.Errorf("cannot read %s: %w", path, err)
}

// joinSorted joins errors in the order of their messages (which start with the path), or
// returns nil when there are none.
func joinSorted(errs []error) error {
	if len(errs) == 0 {
		return nil
	}
	sort.SliceStable(errs, func(i, j int) bool { return errs[i].Error() < errs[j].Error() })
	return errors.Join(errs...)
}
