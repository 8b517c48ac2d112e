package driver

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/wfc-dev/wfc/diag"
	"github.com/wfc-dev/wfc/internal/readlimit"
	"github.com/wfc-dev/wfc/lint"
)

// skippedDirs are never walked into: dependencies, not the project's own files.
var skippedDirs = map[string]bool{"node_modules": true, "vendor": true}

// lintedExts are the extensions a directory walk considers.
var lintedExts = map[string]bool{".yaml": true, ".yml": true, ".bpmn": true, ".xml": true, ".json": true}

// Paths lints files and directories (walked recursively, skipping hidden directories,
// node_modules and vendor) in parallel and returns every problem, sorted, and how many files
// it linted and skipped. Files that are not workflows are skipped (see the package doc). The
// error joins, sorted by path, every file or directory that could not be read or is over
// MaxFileSize, and every directory in which nothing was linted; the other files are still
// linted.
func Paths(paths []string, s lint.Settings) (diag.List, Summary, error) {
	jobs, cleanDirs, notRegular, walkErrs := collect(paths)
	jobs = append(jobs, siblingJobs(jobs)...) // repository.go
	diags, outcomes, errs := run(jobs, s)
	errs = append(errs, emptyDirs(paths, cleanDirs, jobs, outcomes)...)
	sum := summaryOf(outcomes)
	sum.Skipped += notRegular
	sum.NotRegular = notRegular
	return diags, sum, joinSorted(append(walkErrs, errs...))
}

// Summary counts what Paths did with the files it found.
type Summary struct {
	Checked int // files linted
	Skipped int // files found but not linted: YAML that is not a workflow, XML and JSON that are not BPMN
	// NotRegular counts, of Skipped, what a directory walk found with a linted extension that
	// is not a regular file (a FIFO, socket, device or symbolic link): left unread, since a
	// FIFO would block and a link could leave the tree, but counted so that none goes unseen.
	NotRegular int
}

// WorkflowFiles returns the YAML files under dir that Paths would lint as workflows, walked
// as Paths walks it, so that push and package take from a directory what lint checks there:
// YAML with a top-level wfc key, and YAML that does not decode (its error is reported rather
// than the file skipped). The error is a read error, or says that dir holds no workflow.
func WorkflowFiles(dir string) ([]string, error) {
	jobs, _, _, errs := collect([]string{dir})
	if len(errs) > 0 {
		return nil, joinSorted(errs)
	}
	var out []string
	for _, j := range jobs {
		if DetectKind(j.path, nil) != KindWorkflow {
			continue // .bpmn, .xml, .json
		}
		src, err := readFile(j.path)
		if err != nil {
			return nil, err
		}
		if classifyYAML(src) != yamlOther {
			out = append(out, j.path)
		}
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("%s holds no workflow: no .yaml or .yml file with a top-level wfc key "+
			"(hidden directories, node_modules and vendor are skipped)", dir)
	}
	return out, nil
}

// job is one file to lint. read is nil for files on disk; the benchmark and stdin supply bytes.
type job struct {
	path     string
	explicit bool  // named on the command line rather than found in a directory
	roots    []int // the directories (indices into Paths' paths) whose walk reached the file
	read     func() ([]byte, error)
	// indexOnly: a workflow beside a named file, read for the repository index only
	// (repository.go), never linted or counted.
	indexOnly bool
}

// collect expands paths into files, in the order given and, inside a directory, in lexical
// order; a file reached twice is linted once. cleanDirs[i] tells whether paths[i] is a
// directory walked without a read error (so that finding nothing in it is worth reporting).
// notRegular counts the files with a linted extension a walk left alone as not regular.
func collect(paths []string) (jobs []job, cleanDirs []bool, notRegular int, errs []error) {
	cleanDirs = make([]bool, len(paths))
	seen := map[string]int{} // cleaned path → index in jobs
	add := func(p string, explicit bool, root int) {
		key := filepath.Clean(p)
		i, ok := seen[key]
		if !ok {
			i = len(jobs)
			seen[key] = i
			jobs = append(jobs, job{path: p})
		}
		if explicit {
			jobs[i].explicit = true
		} else {
			jobs[i].roots = append(jobs[i].roots, root)
		}
	}
	for ri, root := range paths {
		st, err := os.Stat(root)
		if err != nil {
			errs = append(errs, readError(root, err))
			continue
		}
		if !st.IsDir() {
			add(root, true, ri)
			continue
		}
		errsBefore := len(errs)
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
			if !lintedExts[strings.ToLower(filepath.Ext(name))] {
				return nil
			}
			if d.Type().IsRegular() {
				add(p, false, ri)
			} else {
				notRegular++
			}
			return nil
		})
		if err != nil {
			errs = append(errs, readError(root, err))
		}
		cleanDirs[ri] = len(errs) == errsBefore
	}
	return jobs, cleanDirs, notRegular, errs
}

// run lints jobs on a pool of GOMAXPROCS workers, then the files held back for the
// repository index (repository.go). Each worker writes only its job's slot, so the merge is
// in job order and then sorted, whatever order the workers finish in. It returns what became
// of each job, in job order.
func run(jobs []job, s lint.Settings) (diag.List, []outcome, []error) {
	type result struct {
		diags   diag.List
		outcome outcome
		err     error
	}
	results := make([]result, len(jobs))
	parts := make([]repoPart, len(jobs)) // what each job gives the repository (repository.go)
	parallel(len(jobs), func(i int) {
		r := &results[i]
		r.diags, r.outcome, r.err = lintJob(jobs[i], s, &parts[i])
	})
	for i, d := range lintHeld(parts, s) {
		results[i].diags = append(results[i].diags, d...)
	}

	var out diag.List
	var errs []error
	outcomes := make([]outcome, len(jobs))
	for i, r := range results {
		out = append(out, r.diags...)
		outcomes[i] = r.outcome
		if r.err != nil {
			errs = append(errs, r.err)
		}
	}
	out.Sort()
	return out, outcomes, errs
}

// outcome is what became of one job.
type outcome int

const (
	skipped    outcome = iota // read, but not something wfc lints
	linted                    // read and linted
	unreadable                // not read: the error says why
)

// summaryOf counts the linted and skipped jobs.
func summaryOf(outcomes []outcome) Summary {
	var sum Summary
	for _, o := range outcomes {
		switch o {
		case linted:
			sum.Checked++
		case skipped:
			sum.Skipped++
		}
	}
	return sum
}

// emptyDirs reports every directory in paths that was walked cleanly and yielded no file that
// was linted or found unreadable: an empty directory, or one with only other projects' YAML,
// is more likely a wrong path than a clean result, and exit 0 would hide that.
func emptyDirs(paths []string, cleanDirs []bool, jobs []job, outcomes []outcome) []error {
	yielded := make([]bool, len(paths))
	for i, j := range jobs {
		for _, r := range j.roots {
			yielded[r] = yielded[r] || outcomes[i] != skipped
		}
	}
	var errs []error
	for r, root := range paths {
		if !cleanDirs[r] || yielded[r] {
			continue
		}
		errs = append(errs, fmt.Errorf("%s holds nothing to lint: no YAML file with a top-level wfc key, "+
			"no .bpmn file, no BPMN .xml or taskflow .json (hidden directories, node_modules and vendor are skipped); "+
			"check the path", root))
	}
	return errs
}

// lintJob reads one file, skips it when it is not something wfc lints, and lints it; a
// workflow also gives part what the repository index needs.
func lintJob(j job, s lint.Settings, part *repoPart) (diag.List, outcome, error) {
	if j.indexOnly {
		indexSibling(j, part)
		return nil, indexed, nil
	}
	read := j.read
	if read == nil {
		read = func() ([]byte, error) { return readFile(j.path) }
	}
	src, err := read()
	if err != nil {
		return nil, unreadable, err
	}
	if len(src) > MaxFileSize {
		return nil, unreadable, &TooLargeError{Path: j.path, Size: int64(len(src))}
	}
	kind := DetectKind(j.path, src)
	if !wanted(j, kind, src) {
		return nil, skipped, nil
	}
	if kind == KindWorkflow {
		return lintWorkflowJob(j.path, src, s, part), linted, nil
	}
	return lintKind(j.path, src, kind, s), linted, nil
}

// wanted reports whether a file is one wfc lints. YAML that decodes but is not a workflow is
// skipped even when named, since hooks and shell globs pass every YAML file of a repository;
// YAML that does not decode is linted, so the error is reported rather than hidden. In a
// directory walk, XML and JSON files must also look like BPMN (package.json, pom.xml are not).
func wanted(j job, kind Kind, src []byte) bool {
	switch kind {
	case KindWorkflow:
		return classifyYAML(src) != yamlOther
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
